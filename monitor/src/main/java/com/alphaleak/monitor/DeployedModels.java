package com.alphaleak.monitor;

import com.alphaleak.model.ModelSidecar;
import com.alphaleak.publish.ModelStore;
import com.alphaleak.publish.Pointer;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The models inference hosts serve, read from the published model store ({@code publish.root}):
 * each target's {@code CURRENT.json} names the deployed version, whose sidecar carries the
 * training histograms and validation metrics the monitor compares live data with. Live signals
 * scored shortly before a promotion still carry the previous version's id, so every complete
 * version's sidecar is resolvable by model id too; the deployed ones are marked.
 *
 * @param sidecars by model id, every complete version of every target that has a pointer
 * @param current  target (file stem) to the model id its {@code CURRENT.json} names
 */
public record DeployedModels(Map<String, ModelSidecar> sidecars, Map<String, String> current) {
    private static final Logger LOG = LoggerFactory.getLogger(DeployedModels.class);

    /** Reads the store at {@code root} ({@code file:} or {@code s3a:}); empty when nothing is published there. */
    public static DeployedModels read(String root, Configuration conf) {
        Map<String, ModelSidecar> sidecars = new LinkedHashMap<>();
        Map<String, String> current = new LinkedHashMap<>();
        try (ModelStore store = ModelStore.open(root, conf)) {
            for (String target : store.targets()) {
                Optional<Pointer> p = store.current(target);
                p.ifPresent(pointer -> current.put(target, pointer.modelId()));
                for (String id : store.versions(target)) sidecars.put(id, store.sidecar(target, id));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the published model store " + root, e);
        }
        LOG.info("published store {}: deployed {}, {} versions known", root, current, sidecars.size());
        return new DeployedModels(Map.copyOf(sidecars), Map.copyOf(current));
    }

    public boolean isEmpty() {
        return current.isEmpty();
    }

    public boolean deployed(String modelId) {
        return current.containsValue(modelId);
    }
}
