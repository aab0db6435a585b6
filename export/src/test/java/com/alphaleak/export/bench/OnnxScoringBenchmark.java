package com.alphaleak.export.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.alphaleak.export.lightgbm.LightGbmModel;
import com.alphaleak.export.lightgbm.LightGbmModelParser;
import com.alphaleak.export.onnx.OnnxTreeEnsembleWriter;
import com.alphaleak.export.onnx.Precision;
import com.alphaleak.training.data.DenseMatrix;
import com.alphaleak.training.data.SyntheticMatrices;
import com.alphaleak.training.lightgbm.NativeBooster;
import com.alphaleak.training.lightgbm.NativeDataset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * ONNX Runtime (Java, one thread) against LightGBM's own predictor (lightgbmlib, one thread) on the
 * same model and rows, batch and single-row, and the conversion time of a large model. The margins
 * are compared first: a benchmark of a wrong conversion would mean nothing.
 *
 * <pre>bin/benchmark onnx [TREES [ROWS]]</pre>  (default 500 trees of 31 leaves on 68 features, 20,000 rows; conversion also at 2,000 trees)
 */
public final class OnnxScoringBenchmark {
    private OnnxScoringBenchmark() {}

    public static void main(String[] args) throws Exception {
        int trees = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int features = 68;
        DenseMatrix train = SyntheticMatrices.matrix(new Random(3), 50_000, features, 0.1);
        DenseMatrix score = SyntheticMatrices.matrix(new Random(4), rows, features, 0.1);
        String model = train(train, features, trees);
        String big = train(train, features, 2000);

        for (String m : List.of(model, big)) {
            LightGbmModel parsed = null;
            byte[] onnx = null;
            long best = Long.MAX_VALUE;
            for (int rep = 0; rep < 3; rep++) {
                long t0 = System.nanoTime();
                parsed = LightGbmModelParser.parse(m);
                onnx = OnnxTreeEnsembleWriter.of(parsed).precision(Precision.FLOAT64).toBytes();
                best = Math.min(best, System.nanoTime() - t0);
            }
            System.out.printf("conversion of %,d trees (parse + ONNX graph, %,d bytes): %.0f ms (best of 3)%n",
                    parsed.trees().size(), onnx.length, best / 1e6);
        }

        LightGbmModel parsed = LightGbmModelParser.parse(model);
        byte[] onnx = OnnxTreeEnsembleWriter.of(parsed).precision(Precision.FLOAT64).toBytes();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
        opts.setIntraOpNumThreads(1);
        double[][] x = new double[rows][];
        for (int i = 0; i < rows; i++) x[i] = score.row(i);
        try (OrtSession session = env.createSession(onnx, opts); NativeBooster booster = NativeBooster.fromModelString(model)) {
            double[] nativeMargins = booster.predictMargins(score, 0, 1);
            double[] ortMargins = ort(env, session, x);
            for (int i = 0; i < rows; i++) {
                if (Double.compare(nativeMargins[i], ortMargins[i]) != 0) throw new IllegalStateException("row " + i + " differs");
            }
            System.out.printf("%,d rows: ONNX margins equal LightGBM's bit for bit%n", rows);
            // warm-up, then best of 5
            double lgbBatch = best(5, () -> booster.predictMargins(score, 0, 1));
            double ortBatch = best(5, () -> ort(env, session, x));
            int single = Math.min(rows, 5000);
            double lgbSingle = best(3, () -> {
                for (int i = 0; i < single; i++) booster.predictMargins(x[i], 1, features, 0, 1);
            });
            double ortSingle = best(3, () -> {
                for (int i = 0; i < single; i++) ort(env, session, new double[][]{x[i]});
            });
            System.out.printf("%-28s %14s %14s %8s%n", "model " + trees + " trees x " + features + " features", "LightGBM", "ONNX Runtime", "ratio");
            System.out.printf("%-28s %11.2f us %11.2f us %8.2f%n", "batch, per row", lgbBatch / rows * 1e6, ortBatch / rows * 1e6, ortBatch / lgbBatch);
            System.out.printf("%-28s %11.2f us %11.2f us %8.2f%n", "single row, per call", lgbSingle / single * 1e6, ortSingle / single * 1e6, ortSingle / lgbSingle);
        }
    }

    private static String train(DenseMatrix m, int features, int trees) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < features; i++) names.add("f" + i);
        try (NativeDataset ds = NativeDataset.of(m, names, "max_bin=255", null);
             NativeBooster b = NativeBooster.create(ds, "objective=binary num_leaves=31 learning_rate=0.05 min_data_in_leaf=20 "
                     + "deterministic=true force_row_wise=true num_threads=2 verbosity=-1 seed=1")) {
            for (int i = 0; i < trees; i++) b.updateOneIteration();
            return b.modelString(0);
        }
    }

    private static double[] ort(OrtEnvironment env, OrtSession s, double[][] x) {
        try (OnnxTensor t = OnnxTensor.createTensor(env, x); OrtSession.Result r = s.run(Map.of(OnnxTreeEnsembleWriter.INPUT, t))) {
            double[][] v = (double[][]) r.get(OnnxTreeEnsembleWriter.MARGIN).orElseThrow().getValue();
            double[] out = new double[v.length];
            for (int i = 0; i < v.length; i++) out[i] = v[i][0];
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    private static double best(int reps, Work w) throws Exception {
        w.run();
        double best = Double.MAX_VALUE;
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            w.run();
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return best;
    }
}
