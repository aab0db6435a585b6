package com.alphaleak.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** Fake model versions: random "ONNX" bytes and a sidecar that names them. */
public final class TestModels {
    private TestModels() {}

    public static final String TARGET = "reach_2x_1h";
    public static final List<String> FEATURES = List.of("alpha_score", "wallet_graduation_rate", "sol_amount");
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Version(String target, String modelId, byte[] onnx, byte[] sidecar, double prAuc, double ece) {
        public String onnxSha() {
            return Sha256.of(onnx);
        }

        public String sidecarSha() {
            return Sha256.of(sidecar);
        }

        public ModelPublisher.Builder publishTo(ModelStore store) {
            return ModelPublisher.to(store).onnx(onnx).sidecarBytes(sidecar);
        }
    }

    public static Version version(String modelId, double prAuc, double ece) {
        return version(TARGET, modelId, prAuc, ece, 64 * 1024);
    }

    public static Version version(String target, String modelId, double prAuc, double ece, int size) {
        return version(target, modelId, prAuc, ece, size, FEATURES);
    }

    /** A version whose model takes these features (a registry change gives a champion other features). */
    public static Version version(String target, String modelId, double prAuc, double ece, int size, List<String> features) {
        byte[] onnx = new byte[size];
        new Random(modelId.hashCode()).nextBytes(onnx);
        ObjectNode s = JSON.createObjectNode();
        s.put("schema_version", 1);
        s.put("model_id", modelId);
        s.put("target", target);
        s.put("model_kind", "standard");
        var names = s.putArray("feature_names");
        features.forEach(names::add);
        s.putObject("input").put("name", "features").put("precision", "float64");
        s.putObject("metrics").put("pr_auc_calibrated", prAuc).put("pr_auc_raw", prAuc);
        s.putObject("calibration").put("method", "platt").putObject("after").put("ece_fixed", ece);
        s.putObject("training").putObject("validation").put("from", "2026-01-16T00:00:00Z")
                .put("to", "2026-01-18T00:00:00Z").put("rows", 4000).put("positives", 300);
        s.putObject("onnx").put("file", target + ".onnx").put("sha256", Sha256.of(onnx)).put("bytes", onnx.length);
        s.put("created_at", "2026-01-18T00:00:00Z");
        byte[] sidecar;
        try {
            sidecar = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(s).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new Version(target, modelId, onnx, sidecar, prAuc, ece);
    }

    /** The local pair in a host folder, or null when a file is missing. */
    public record LocalPair(String modelId, String onnxSha, String sidecarNamesSha) {
        public boolean consistent() {
            return onnxSha.equals(sidecarNamesSha);
        }
    }

    public static LocalPair localPair(Path dest, String target) throws IOException {
        Path onnx = dest.resolve(target + ".onnx");
        Path sidecar = dest.resolve(target + "_metadata.json");
        if (!Files.exists(onnx) || !Files.exists(sidecar)) {
            return null;
        }
        String sha;
        try (InputStream in = Files.newInputStream(onnx)) {
            sha = Sha256.of(in);
        }
        var node = JSON.readTree(Files.readAllBytes(sidecar));
        return new LocalPair(node.get("model_id").asText(), sha, node.get("onnx").get("sha256").asText());
    }
}
