package com.alphaleak.model;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An exported model as stored: the model directory's Hadoop path and every file in it with its
 * bytes and SHA-256. Export returns it and publish consumes it, so within one JVM no step reads a
 * model back from storage; across JVMs {@link ModelDirectory#read} builds the same object from
 * {@code file:} or {@code s3a:} alike.
 *
 * @param directory     the model directory, {@code <export.output>/<stem>/<model id>}
 * @param onnx          {@code <stem>.onnx}
 * @param sidecarFile   {@code <stem>_metadata.json}, the exact bytes hosts receive
 * @param lightgbmModel LightGBM's text model (absent in directories written by hand or by older versions: null)
 * @param report        the run report's files by name relative to {@code report/} (may be empty)
 * @param sidecar       {@code sidecarFile} parsed
 */
public record ModelArtifact(String directory, ArtifactFile onnx, ArtifactFile sidecarFile, ArtifactFile lightgbmModel,
                            Map<String, ArtifactFile> report, ModelSidecar sidecar) {
    public ModelArtifact {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(onnx, "onnx");
        Objects.requireNonNull(sidecarFile, "sidecarFile");
        Objects.requireNonNull(sidecar, "sidecar");
        report = Collections.unmodifiableMap(new TreeMap<>(report));
    }

    public String modelId() {
        return sidecar.modelId();
    }

    public String stem() {
        return sidecar.stem();
    }

    /** Report files as name → bytes, the form the publisher stores under {@code report/}. */
    public Map<String, byte[]> reportBytes() {
        Map<String, byte[]> out = new TreeMap<>();
        report.forEach((name, f) -> out.put(name, f.bytes()));
        return out;
    }

    /**
     * Whether the ONNX bytes are the ones the sidecar describes ({@code onnx.sha256}, {@code onnx.bytes}).
     * False means the pair does not belong together (a corrupted or foreign file).
     */
    public boolean consistent() {
        return sidecar.onnx() != null && onnx.sha256().equals(sidecar.onnx().sha256())
                && sidecar.onnx().bytes() == onnx.size();
    }
}
