package com.alphaleak.training.backtest;

import com.alphaleak.config.BacktestParams;
import com.alphaleak.metrics.AveragePrecision;
import com.alphaleak.training.calibration.CalibrationMetrics;
import com.alphaleak.training.calibration.PlattCalibrator;
import com.alphaleak.training.calibration.PlattParameters;
import com.alphaleak.training.data.DenseMatrix;
import com.alphaleak.training.data.SplitMatrices;
import com.alphaleak.training.lightgbm.EarlyStoppingTrainer;
import com.alphaleak.training.lightgbm.LightGbmParams;
import com.alphaleak.training.lightgbm.Patience;
import com.alphaleak.training.lightgbm.NativeBooster;
import com.alphaleak.training.lightgbm.TrainingRun;
import com.alphaleak.training.search.BoosterTrial;
import com.alphaleak.training.search.DriverTrialExecutor;
import com.alphaleak.training.search.HyperparameterSearch;
import com.alphaleak.training.search.TrialResult;
import com.alphaleak.training.tpe.Distribution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Walk-forward backtest of one target: for each window, train on every row whose label had matured
 * when the window starts (signal time + the target's horizon <= the window's first signal time;
 * a model deployed then could not have known later outcomes) exactly as a search trial trains ({@link EarlyStoppingTrainer}: native LightGBM, early stopping on the PR-AUC
 * of the newest {@code validationFraction} of those rows), fit Platt scaling on that same
 * validation tail, then score the window. Nothing about a window's model is chosen with the
 * window's rows: not the trees, not the iteration, not the calibration, and with
 * {@link BacktestParams#SEARCH} not the parameters either.
 */
public final class WalkForwardBacktest {
    private static final Logger LOG = LoggerFactory.getLogger(WalkForwardBacktest.class);

    /**
     * @param fixedParams    parameters for every window ({@link BacktestParams#TRIAL_HISTORY}), best first, one per
     *                       ensemble member; empty = search per window
     * @param scalePosWeight empty = negatives / positives of each window's training rows
     * @param purgeMicros    the target's horizon: rows within it before a window are left out of its training
     */
    public record Settings(int windows, double windowFraction, double validationFraction, long purgeMicros, List<Double> thresholds,
                           long seed, int threads, int maxIterations, Patience patience, Optional<Double> scalePosWeight,
                           List<Map<String, Object>> fixedParams, Map<String, Distribution> space, int searchTrials,
                           int startupTrials, int ensembleSize) {
        public Settings {
            fixedParams = List.copyOf(fixedParams);
            if (ensembleSize < 1) throw new IllegalArgumentException("ensemble size must be >= 1, got " + ensembleSize);
        }
    }

    private WalkForwardBacktest() {}

    public static List<WindowResult> run(BacktestRows rows, Settings s, String label) {
        List<WalkForwardWindows.Window> windows = WalkForwardWindows.of(rows.timesMicros(), s.windows(), s.windowFraction());
        List<WindowResult> out = new ArrayList<>();
        for (WalkForwardWindows.Window w : windows) {
            out.add(window(rows, w, s, label));
        }
        return out;
    }

    private static WindowResult window(BacktestRows rows, WalkForwardWindows.Window w, Settings s, String label) {
        int matured = WalkForwardWindows.maturedBefore(rows.timesMicros(), w.start(), s.purgeMicros());
        int tail = WalkForwardWindows.tailStart(rows.timesMicros(), matured, s.validationFraction());
        DenseMatrix fit = rows.slice(0, tail);
        // Only the fit learns from soft targets (tuning.peak-label); early stopping, Platt and the window's metrics read 0/1 labels.
        DenseMatrix validation = rows.slice(tail, matured).withTargets(null);
        DenseMatrix scored = rows.slice(w.start(), w.end()).withTargets(null);
        int[] y = scored.labels();
        long positives = scored.positives();
        double observed = y.length == 0 ? Double.NaN : (double) positives / y.length;
        long from = rows.timesMicros()[w.start()], to = rows.timesMicros()[w.end() - 1];
        String source = !s.fixedParams().isEmpty() ? BacktestParams.TRIAL_HISTORY.configName() : BacktestParams.SEARCH.configName();
        String why = fit.positives() == 0 || fit.positives() == fit.rows() ? "no positive or no negative among the "
                + fit.rows() + " training rows before the window"
                : validation.positives() == 0 || validation.positives() == validation.rows()
                ? "no positive or no negative among the " + validation.rows() + " validation rows before the window" : null;
        if (why != null) {
            LOG.warn("{}: window {} skipped: {}", label, w.index(), why);
            return new WindowResult(w.index(), from, to, fit.rows(), validation.rows(), scored.rows(), positives, Double.NaN,
                    Double.NaN, Double.NaN, observed, List.of(), 0, Double.NaN, source, Map.of(), new double[0], why);
        }
        SplitMatrices data = new SplitMatrices(rows.featureNames(), rows.target(), fit, validation, null);
        double spw = s.scalePosWeight().orElse(data.balancedScalePosWeight());
        // The model a run deploys: with tuning.ensemble-size > 1 the margin average of the best few
        // parameter sets' boosters (FinalModelTrainer.ofEnsemble), each trained as a trial trains.
        List<Map<String, Object>> members = !s.fixedParams().isEmpty() ? s.fixedParams().subList(0, Math.min(s.ensembleSize(),
                s.fixedParams().size())) : search(data, s, spw, label + " window " + w.index());
        double[] validationMargins = new double[validation.rows()], margins = new double[scored.rows()];
        int bestIteration = 0;
        for (int k = 0; k < members.size(); k++) {
            Map<String, Object> params = members.get(k);
            TrainingRun run = EarlyStoppingTrainer.train(data, LightGbmParams.forRows(s.seed(), s.threads(), spw, fit.softTargets()).setAll(params).toString(),
                    s.maxIterations(), s.patience().forParams(params), true);
            if (k == 0) bestIteration = run.bestIteration(); // the best member's, as the sidecar reports it
            try (NativeBooster b = NativeBooster.fromModelString(run.modelText())) {
                add(validationMargins, b.predictMargins(validation, 0, s.threads()), members.size());
                add(margins, b.predictMargins(scored, 0, s.threads()), members.size());
            }
        }
        Map<String, Object> params = members.get(0);
        PlattParameters platt = PlattCalibrator.fit(validationMargins, validation.labels()).parameters();
        double[] p = new double[margins.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = platt.apply(margins[i]);
            sum += p[i];
        }
        List<ThresholdHits> hits = new ArrayList<>();
        for (double t : s.thresholds()) hits.add(ThresholdHits.of(p, y, t));
        double prAuc = positives == 0 ? Double.NaN : AveragePrecision.of(p, y);
        double ece = CalibrationMetrics.of(p, y).ece();
        LOG.info("{}: window {} ({} rows, {} positive; trained on {} + {} rows, iteration {}, {} model(s) averaged): PR-AUC {}, ECE {}",
                label, w.index(), p.length, positives, fit.rows(), validation.rows(), bestIteration, members.size(), prAuc, ece);
        return new WindowResult(w.index(), from, to, fit.rows(), validation.rows(), scored.rows(), positives, prAuc, ece,
                sum / p.length, observed, hits, bestIteration, spw, source, params, p, null);
    }

    /** {@code sum[i] += x[i] / n}: one member's share of the averaged margins. */
    private static void add(double[] sum, double[] x, int n) {
        for (int i = 0; i < sum.length; i++) sum[i] += x[i] / n;
    }

    /** The window's search: the parameters of its ensemble-size best trials, best first. */
    private static List<Map<String, Object>> search(SplitMatrices data, Settings s, double spw, String label) {
        BoosterTrial trial = new BoosterTrial(s.seed(), s.threads(), spw, s.maxIterations(), s.patience().rounds(), true,
                s.patience().shrinkage());
        HyperparameterSearch.Result r = HyperparameterSearch.over(s.space()).trials(s.searchTrials()).parallelism(1)
                .startupTrials(Math.min(s.startupTrials(), s.searchTrials())).seed(s.seed())
                .executor(new DriverTrialExecutor(data, trial, 1)).label(label).execute();
        List<TrialResult> best = r.bestFirst(s.ensembleSize());
        if (best.isEmpty()) throw new IllegalStateException(label + ": every search trial failed");
        return best.stream().map(TrialResult::params).toList();
    }
}
