"""Deployed models against the observable-inputs ceiling on the test slice, with paired bootstrap intervals.

Usage: ceiling_ratio.py WORK_DIR RUN_ID[,RUN_ID...] [MODELS] [--fit-world DIR] [--boot B] [--cache DIR]
For each model (default: all eight) and each run id, the model that run wrote
(WORK_DIR/models/<model>/<model>-<run>-*/lightgbm_model.txt) scores the labelled rows of the test
(calibration) slice of a 70/15/15 world; its PR-AUC is divided by the observable ceiling's on the same
rows (oracle_ceiling.py --observable: E[no-foresight probability | features], fitted on WORK_DIR's
train and validation rows, or on every train and validation row of --fit-world). Platt scaling is
monotone, so the raw LightGBM margin ranks the rows as the published probability does.

The interval is a paired bootstrap over the test rows (B resamples, default 1000; every score of one
resample sees the same rows): the 2.5 and 97.5 percentiles of model PR-AUC / ceiling PR-AUC, and with
two runs of the difference between them. On a few hundred test positives one world's test slice moves a
PR-AUC by several hundredths; the interval says which gaps the slice can tell apart. --cache keeps the
ceiling's test-row probabilities (one .npy per model) so a second call does not fit it again.
"""
import glob, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import lightgbm as lgb
import numpy as np
from sklearn.metrics import average_precision_score as ap

from oracle_ceiling import GENESIS_TARGETS, SIGNAL_TARGETS, delta, observable_scores, soft_rows


def option(name, default=None):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def model_file(work, model, run):
    found = glob.glob(os.path.join(work, "models", model, f"{model}-{run}-*", "lightgbm_model.txt"))
    if len(found) != 1:
        sys.exit(f"{work}/models/{model}: expected one model of run {run}, found {len(found)}")
    return found[0]


def bootstrap(y, scores, ceiling, boots, seed=1):
    """Per resample of the rows: each score's PR-AUC (one column per score), then the ceiling's."""
    rng = np.random.default_rng(seed)
    out = np.empty((boots, len(scores) + 1))
    for b in range(boots):
        i = rng.integers(0, len(y), len(y))
        out[b] = [ap(y[i], s[i]) for s in scores] + [ap(y[i], ceiling[i])]
    return out


def main():
    work, runs = sys.argv[1], sys.argv[2].split(",")
    other, boots, cache = option("--fit-world"), int(option("--boot", "1000")), option("--cache")
    values = {other, option("--boot"), cache}
    only = [a for a in sys.argv[3:] if not a.startswith("--") and a not in values]
    only = set(only[0].split(",")) if only else None
    oracle = delta(os.path.join(work, "tables", "oracle"))
    other_oracle = delta(os.path.join(other, "tables", "oracle")) if other else None
    print(f"{'model':22s} {'test rows':>9s} {'pos':>5s} {'ceiling':>8s} " + " ".join(f"{r + ' PR-AUC':>14s} {'/ ceiling [95 %]':>22s}" for r in runs)
          + ("   difference " + runs[1] + " - " + runs[0] + " [95 %]" if len(runs) == 2 else ""))
    for kind, name, id_col, targets in [("signal", "signal", "signal_id", SIGNAL_TARGETS), ("token", "genesis", "token", GENESIS_TARGETS)]:
        d = delta(os.path.join(work, "datasets", name))
        nf = oracle[oracle.entity_kind == kind].pivot_table(index="entity_id", columns="target", values="probability_no_foresight")
        if other:
            od = delta(os.path.join(other, "datasets", name))
            onf = other_oracle[other_oracle.entity_kind == kind].pivot_table(index="entity_id", columns="target",
                                                                             values="probability_no_foresight")
        for t in targets:
            model = t if kind == "signal" else "genesis_" + t
            if only and model not in only:
                continue
            col = model if model in d.columns else t
            boosters = [lgb.Booster(model_file=model_file(work, model, r)) for r in runs]
            features = boosters[0].feature_name()
            x, _, y = soft_rows(d, nf, id_col, t, features, col, "calibration")
            cached = os.path.join(cache, f"{model}.npy") if cache else None
            if cached and os.path.exists(cached):
                ceiling = np.load(cached)
            else:
                fit = [soft_rows(od, onf, id_col, t, features, col, sl) if other else soft_rows(d, nf, id_col, t, features, col, sl)
                       for sl in ("train", "validation")]
                ceiling, _ = observable_scores(fit, x)
                if cached:
                    os.makedirs(cache, exist_ok=True)
                    np.save(cached, ceiling)
            scores = [b.predict(x, raw_score=True) for b in boosters]
            c, pr = ap(y, ceiling), [ap(y, s) for s in scores]
            a = bootstrap(y, scores, ceiling, boots)
            r = a[:, :-1] / a[:, -1:]
            cells = " ".join(f"{v:14.4f} {v / c:8.3f} [{np.percentile(r[:, k], 2.5):.3f}, {np.percentile(r[:, k], 97.5):.3f}]"
                             for k, v in enumerate(pr))
            diff = ""
            if len(runs) == 2:
                dd = a[:, 1] - a[:, 0]
                diff = f"   {pr[1] - pr[0]:+.4f} [{np.percentile(dd, 2.5):+.4f}, {np.percentile(dd, 97.5):+.4f}]"
            print(f"{model:22s} {len(y):9d} {y.sum():5d} {c:8.4f} {cells}{diff}", flush=True)


if __name__ == "__main__":
    main()
