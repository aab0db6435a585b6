package com.alphaleak.jobs;

import com.alphaleak.ExitCodes;
import com.alphaleak.export.lightgbm.LightGbmModel;
import com.alphaleak.export.lightgbm.LightGbmModelParser;
import com.alphaleak.export.lightgbm.UnsupportedModelException;
import com.alphaleak.export.onnx.EdgeRows;
import com.alphaleak.export.onnx.OnnxTreeEnsembleWriter;
import com.alphaleak.export.onnx.Precision;
import com.alphaleak.export.parity.NativeParityGate;
import com.alphaleak.export.parity.ParityResult;
import com.alphaleak.training.calibration.PlattParameters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Converts any LightGBM text model file to ONNX. The file is checked (complete, well-formed trees)
 * before anything is converted, and the ONNX model is written only after ONNX Runtime reproduces
 * LightGBM itself (lightgbmlib) on edge rows, on every output.
 */
@Command(name = "export-onnx", mixinStandardHelpOptions = true,
        description = {"Convert a LightGBM text model (save_model / SynapseML getNativeModel) to ONNX.",
                "Outputs margin, probability and calibrated_probability; the file is written only after ONNX Runtime",
                "reproduces LightGBM itself (lightgbmlib) on edge rows, every output (exit 4 otherwise).",
                "Truncated, malformed or unsupported model files: exit 3, nothing written. No Spark needed.",
                "Relative paths are relative to the directory you run the command from."})
final class ExportOnnxCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "LightGBM text model file.")
    Path model;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "ONNX file to write (replaced atomically).")
    Path out;

    @Option(names = "--precision", defaultValue = "float64", paramLabel = "P",
            description = "float64 (default: double input, margins equal bit for bit) or float32 (float input).")
    String precision;

    @Option(names = "--platt-a", defaultValue = "1.0", description = "Platt a of calibrated_probability = sigmoid(a * margin + b).")
    double plattA;

    @Option(names = "--platt-b", defaultValue = "0.0", description = "Platt b.")
    double plattB;

    @Option(names = "--parity-rows", defaultValue = "10000", description = "Edge rows scored by both before writing.")
    int parityRows;

    @Override
    public Integer call() throws Exception {
        Precision p = switch (precision.toLowerCase(Locale.ROOT)) {
            case "float64" -> Precision.FLOAT64;
            case "float32" -> Precision.FLOAT32;
            default -> throw new ParameterException(spec.commandLine(), "--precision must be float64 or float32, not '" + precision + "'");
        };
        if (parityRows < 1) throw new ParameterException(spec.commandLine(), "--parity-rows must be at least 1, not " + parityRows);
        if (!Double.isFinite(plattA) || !Double.isFinite(plattB)) {
            throw new ParameterException(spec.commandLine(), "--platt-a and --platt-b must be finite numbers");
        }
        Path modelFile = CallerDirectory.resolve(model);
        Path outFile = CallerDirectory.resolve(out);
        // The output is checked before the (possibly long) conversion, so a wrong --out fails at once.
        if (Files.isDirectory(outFile)) {
            throw new ParameterException(spec.commandLine(), "--out " + outFile + " is a directory; give the path of the .onnx file to write");
        }
        Path outDir = outFile.toAbsolutePath().getParent();
        if (outDir == null || !Files.isDirectory(outDir)) {
            throw new ParameterException(spec.commandLine(), "--out " + outFile + ": the directory " + outDir + " does not exist");
        }

        byte[] bytes = read(modelFile);
        String text = new String(bytes, StandardCharsets.UTF_8);
        LightGbmModel m = LightGbmModelParser.parse(text, modelFile.toString());
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        byte[] onnx = OnnxTreeEnsembleWriter.of(m).precision(p).platt(plattA, plattB)
                .metadata(Map.of("source_model_sha256", sha, "source_model_file", modelFile.getFileName().toString())).toBytes();
        double[][] rows = EdgeRows.generate(m, parityRows, 42);
        ParityResult r;
        try {
            r = NativeParityGate.check(text, onnx, p, rows, rows.length, 0.0, m.sigmoid(), new PlattParameters(plattA, plattB));
        } catch (UnsupportedModelException e) {
            throw new UnsupportedModelException(modelFile + ": " + e.getMessage());
        }
        System.out.printf("%s: %d trees, %d features, %s%s; parity against LightGBM: %s%n", modelFile.getFileName(), m.trees().size(),
                m.numFeatures(), p.name().toLowerCase(Locale.ROOT), m.averageOutput() ? ", average_output (rf)" : "", r.summary());
        if (!r.passed()) {
            System.err.println("parity check failed: " + r.differingRows() + " rows differ from LightGBM; nothing written");
            return ExitCodes.GATE_REFUSED;
        }
        write(outFile, onnx);
        System.out.println("wrote " + outFile + " (" + onnx.length + " bytes)");
        return ExitCodes.OK;
    }

    /** The model file's bytes; a missing, directory or unreadable --model is bad input naming the file. */
    private static byte[] read(Path file) {
        if (Files.isDirectory(file)) throw new UnsupportedModelException(file + ": --model is a directory, not a LightGBM model file");
        if (!Files.exists(file)) throw new UnsupportedModelException(file + ": --model does not exist");
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UnsupportedModelException(file + ": cannot read --model: " + e);
        }
    }

    /** Written next to the target and moved into place, so readers never see half a file; no temporary file survives a failure. */
    private static void write(Path outFile, byte[] onnx) throws IOException {
        Path tmp = outFile.resolveSibling("." + outFile.getFileName() + ".tmp");
        try {
            Files.write(tmp, onnx);
            Files.move(tmp, outFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
