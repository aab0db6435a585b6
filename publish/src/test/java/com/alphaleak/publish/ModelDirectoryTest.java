package com.alphaleak.publish;

import com.alphaleak.model.ModelArtifact;
import com.alphaleak.model.ModelDirectory;
import com.alphaleak.model.ModelSidecar;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The model directory layout through Hadoop paths: the same code writes, reads and lists a model on
 * a local folder and on {@code s3a://} (s3proxy), and the artifact export hands to publish carries
 * exactly the stored bytes.
 */
class ModelDirectoryTest {

    static List<Backend> backends() {
        return Backend.both();
    }

    @ParameterizedTest
    @MethodSource("backends")
    void writtenArtifactReadsBackByteForByteAndPublishesWithoutTouchingTheExportLocation(Backend backend) throws Exception {
        TestModels.Version v = TestModels.version("m-dir-1", 0.4, 0.02);
        Configuration conf = backend.conf();
        String root = backend.freshRoot("export");
        String dir = ModelDirectory.path(root, TestModels.TARGET, v.modelId());
        ModelDirectory.Written w = ModelDirectory.write(dir, v.onnx(), v.sidecar(), "tree\n".getBytes(StandardCharsets.UTF_8),
                Map.of("index.html", "<html/>".getBytes(StandardCharsets.UTF_8)), conf);
        assertFalse(w.unchanged());
        ModelArtifact a = w.artifact();
        assertTrue(a.directory().startsWith(backend == Backend.S3A ? "s3a://" : "file:/"), a.directory());
        assertTrue(a.consistent());

        ModelArtifact read = ModelDirectory.read(dir, conf);
        assertEquals(a, read);
        assertArrayEquals(v.onnx(), read.onnx().bytes());
        assertArrayEquals(v.sidecar(), read.sidecarFile().bytes());
        assertEquals(List.of("index.html"), List.copyOf(read.report().keySet()));
        assertEquals(List.of(a.directory()), ModelDirectory.list(root, conf));

        ModelDirectory.Written again = ModelDirectory.write(dir, v.onnx(), v.sidecar(), "tree\n".getBytes(StandardCharsets.UTF_8),
                Map.of(), conf);
        assertTrue(again.unchanged(), "an identical model directory is kept");

        try (ModelStore store = backend.open(backend.freshRoot("store"))) {
            ModelPublisher.Result r = ModelPublisher.to(store).artifact(read).execute();
            assertEquals(ModelPublisher.Status.PROMOTED, r.status());
            assertArrayEquals(v.onnx(), store.storage().read(ModelStore.versionKey(TestModels.TARGET, v.modelId(),
                    ModelStore.onnxName(TestModels.TARGET))).orElseThrow());
            assertTrue(store.storage().read(ModelStore.versionKey(TestModels.TARGET, v.modelId(), "report/index.html")).isPresent());
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aDirectoryWithoutSidecarIsIncompleteAndADamagedModelIsReportedNotReturned(Backend backend) throws Exception {
        TestModels.Version v = TestModels.version("m-dir-2", 0.4, 0.02);
        Configuration conf = backend.conf();
        String root = backend.freshRoot("export");
        String dir = ModelDirectory.path(root, TestModels.TARGET, v.modelId());
        ModelDirectory.write(dir, v.onnx(), v.sidecar(), null, Map.of(), conf);
        FileSystem fs = new Path(dir).getFileSystem(conf);
        Path onnx = new Path(dir, TestModels.TARGET + ".onnx");
        try (var out = fs.create(onnx, true)) {
            out.write(new byte[] {9, 9, 9});
        }
        ModelDirectory.CorruptModelException e = assertThrows(ModelDirectory.CorruptModelException.class,
                () -> ModelDirectory.read(dir, conf));
        assertTrue(e.getMessage().contains(v.onnxSha()), e.getMessage());

        fs.delete(new Path(dir, ModelSidecar.fileName(TestModels.TARGET)), false);
        assertEquals(List.of(), ModelDirectory.list(root, conf), "no sidecar: not a complete model");
        ModelDirectory.Written w = ModelDirectory.write(dir, v.onnx(), v.sidecar(), null, Map.of(), conf);
        assertFalse(w.unchanged());
        assertArrayEquals(v.onnx(), ModelDirectory.read(dir, conf).onnx().bytes(), "the leftover was replaced");
    }
}
