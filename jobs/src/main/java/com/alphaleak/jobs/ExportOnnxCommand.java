package com.alphaleak.jobs;

import com.alphaleak.export.lightgbm.LightGbmModel;
import com.alphaleak.export.lightgbm.LightGbmModelParser;
import com.alphaleak.export.onnx.EdgeRows;
import com.alphaleak.export.onnx.OnnxTreeEnsembleWriter;
import com.alphaleak.export.onnx.Precision;
import com.alphaleak.export.onnx.ReferenceParity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** Converts any LightGBM text model file to ONNX, checked against the reference evaluator before it is written. */
@Command(name = "export-onnx", mixinStandardHelpOptions = true,
        description = {"Convert a LightGBM text model (save_model / SynapseML getNativeModel) to ONNX.",
                "Outputs margin, probability and calibrated_probability; the file is written only after",
                "ONNX Runtime reproduces the reference evaluator on edge rows (exit 4 otherwise). No Spark needed."})
final class ExportOnnxCommand implements Callable<Integer> {
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
            default -> throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--precision must be float64 or float32, not '" + precision + "'");
        };
        byte[] text = Files.readAllBytes(model);
        LightGbmModel m = LightGbmModelParser.parse(new String(text, java.nio.charset.StandardCharsets.UTF_8));
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
        byte[] onnx = OnnxTreeEnsembleWriter.of(m).precision(p).platt(plattA, plattB)
                .metadata(Map.of("source_model_sha256", sha, "source_model_file", model.getFileName().toString())).toBytes();
        ReferenceParity.Report r = ReferenceParity.check(m, onnx, p, EdgeRows.generate(m, parityRows, 42));
        System.out.printf("%s: %d trees, %d features, %s; parity on %d edge rows: max |margin diff| %.3g, max |probability diff| %.3g, %d differing%n",
                model.getFileName(), m.trees().size(), m.numFeatures(), p.name().toLowerCase(Locale.ROOT), r.rows(),
                r.maxMarginDiff(), r.maxProbabilityDiff(), r.differingRows());
        if (!r.passed()) {
            System.err.println("parity check failed: " + r.differingRows() + " rows differ beyond " + r.tolerance() + "; nothing written");
            return ExitCodes.GATE_REFUSED;
        }
        Path tmp = out.resolveSibling("." + out.getFileName() + ".tmp");
        Files.write(tmp, onnx);
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("wrote " + out + " (" + onnx.length + " bytes)");
        return ExitCodes.OK;
    }
}
