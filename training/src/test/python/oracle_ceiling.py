"""Oracle, oracle without foresight (the ceiling) and a learning curve on one sample world.

Usage: oracle_ceiling.py WORK_DIR [TARGETS] [--learning-curve] [--observable [--fit-world DIR]]
Reads WORK_DIR/tables/oracle and WORK_DIR/datasets/{signal,genesis} (Delta: only the files of the
latest version), prints per target and slice the PR-AUC of the oracle and of the no-foresight
probability, their counts at p >= 0.8 and the realised hit rate there; with --learning-curve also
LightGBM (fixed parameters, unweighted, early stopping on validation) trained on the newest
1/8, 1/4, 1/2 and all training rows, scored on the test (calibration) slice.

With --observable, the observable-inputs ceiling: E[no-foresight probability | the model features], the
simulator's own probability averaged over what the features cannot tell apart. It is estimated by
regressing that probability (a soft label, LightGBM's cross_entropy objective) on the features of the
training rows, early stopping on the validation rows' cross entropy against it, and scored like a
model on the test slice's realised outcomes. Since E[Y | x] = E[E[Y | latents, x] | x], the regression
targets the Bayes-optimal predictor from the features with far less noise than the 0/1 outcomes. It
is a lower bound of that predictor (finite rows and trees), which the no-foresight probability bounds
from above. --fit-world DIR fits it on another world of the same generator (every row of its train
and validation splits), so that the rows it learns from are not limited by this world's size.
"""
import glob, json, os, sys

import lightgbm as lgb
import numpy as np
import pyarrow.dataset as ds
from sklearn.metrics import average_precision_score as ap

SIGNAL_TARGETS = ["reach_2x_10m", "reach_3x_30m", "reach_2x_1h", "reach_2x_4h", "reach_5x_24h"]
GENESIS_TARGETS = ["reach_2x_10m", "reach_2x_1h", "reach_5x_24h"]
META = {"signal_id", "wallet", "token", "creator", "signal_time", "split", "window_end", "created_at"}


def is_feature(column, labels):
    """A model input: not an id, time or split column, not a label, and not a peak multiple (peak_multiple_<H>,
    what the labels are derived from: a feature of it would be the answer)."""
    return column not in META and column not in labels and not column.startswith("peak_multiple_")


def delta(path):
    """The table's current files from its _delta_log (adds minus removes), read with pyarrow."""
    live = {}
    for f in sorted(glob.glob(os.path.join(path, "_delta_log", "*.json"))):
        for line in open(f):
            a = json.loads(line)
            if "add" in a:
                live[a["add"]["path"]] = True
            elif "remove" in a:
                live.pop(a["remove"]["path"], None)
    return ds.dataset([os.path.join(path, p) for p in live], format="parquet").to_table().to_pandas()


def target_rows(d, target):
    """A dataset's feature columns and the target's labelled train and validation rows, as the pipeline
    trains on them: (features, (X_train, y_train), (X_validation, y_validation)), X float64 row-major,
    y int32."""
    labels = [c for c in d.columns if c.startswith("reach_") or c.startswith("genesis_reach_")]
    features = [c for c in d.columns if is_feature(c, labels)]
    ok = d[target].notna()
    return features, *((np.ascontiguousarray(d[features][m].astype(float).values), d[target][m].astype(np.int32).values)
                       for m in (ok & (d.split == "train"), ok & (d.split == "validation")))


def test_rows(d, target, features, source):
    """The target's labelled rows of the test (calibration) slice: (X float64 row-major, y int32); exits naming
    source when the split has no such slice."""
    t = d[d[target].notna() & (d.split == "calibration")]
    if t.empty:
        sys.exit(f"{source}: no test (calibration) slice; build the world with split.calibration-fraction > 0")
    return np.ascontiguousarray(t[features].astype(float).values), t[target].astype(np.int32).values


def soft_rows(d, nf, id_col, t, features, col, split):
    """Rows of one split labelled for the target: (X, no-foresight probability, 0/1 outcome)."""
    s = d[(d.split == split) & d[col].notna()]
    return (np.ascontiguousarray(s[features].astype(float).values), nf.loc[s[id_col], t].values.astype(float),
            s[col].astype(int).values)


def observable_scores(fit, x, seed=1):
    """Fits E[no-foresight probability | features] on fit = (train, validation) rows and scores the rows x:
    (probabilities, trees)."""
    (xt, pt, _), (xv, pv, _) = fit
    p = dict(objective="cross_entropy", metric="cross_entropy", learning_rate=0.05, num_leaves=63, min_child_samples=100,
             feature_fraction=0.8, bagging_fraction=0.8, bagging_freq=1, verbose=-1, num_threads=2, seed=seed)
    dtr = lgb.Dataset(xt, pt)
    m = lgb.train(p, dtr, 5000, valid_sets=[lgb.Dataset(xv, pv, reference=dtr)], callbacks=[lgb.early_stopping(100, verbose=False)])
    return m.predict(x, num_iteration=m.best_iteration), m.best_iteration


def observable_ceiling(fit, test, seed=1):
    """Fits E[no-foresight probability | features] on fit = (train, validation) rows and scores the test
    rows: (PR-AUC, trees, count at >= 0.8, hit rate there, expected calibration error over 10 bins)."""
    x, _, y = test
    q, trees = observable_scores(fit, x, seed)
    bins = np.minimum((q * 10).astype(int), 9)
    ece = sum(abs(q[bins == b].mean() - y[bins == b].mean()) * (bins == b).sum() for b in range(10) if (bins == b).any()) / len(y)
    top = q >= 0.8
    return ap(y, q), trees, int(top.sum()), (y[top].mean() if top.any() else float("nan")), ece


def main():
    work = sys.argv[1]
    other = sys.argv[sys.argv.index("--fit-world") + 1] if "--fit-world" in sys.argv else None
    only = [a for a in sys.argv[2:] if not a.startswith("--") and a != other]
    only = set(only[0].split(",")) if only else None
    curve = "--learning-curve" in sys.argv
    observable = "--observable" in sys.argv
    if other:
        other_oracle = delta(os.path.join(other, "tables", "oracle"))
    oracle = delta(os.path.join(work, "tables", "oracle"))
    for kind, name, id_col, targets in [("signal", "signal", "signal_id", SIGNAL_TARGETS), ("token", "genesis", "token", GENESIS_TARGETS)]:
        d = delta(os.path.join(work, "datasets", name))
        o = oracle[oracle.entity_kind == kind]
        plain = o.pivot_table(index="entity_id", columns="target", values="probability")
        nf = o.pivot_table(index="entity_id", columns="target", values="probability_no_foresight")
        labels = [c for c in d.columns if any(c.endswith(t) for t in targets) and d[c].dropna().isin([0, 1]).all()]
        features = [c for c in d.columns if is_feature(c, labels)]
        if observable and other:
            od = delta(os.path.join(other, "datasets", name))
            oo = other_oracle[other_oracle.entity_kind == kind]
            onf = oo.pivot_table(index="entity_id", columns="target", values="probability_no_foresight")
        for t in targets:
            model = t if kind == "signal" else "genesis_" + t
            if only and model not in only:
                continue
            col = next(c for c in labels if c.endswith(t))
            for sl in ["validation", "calibration"]:
                s = d[(d.split == sl) & d[col].notna()]
                if s.empty:
                    continue
                y = s[col].astype(int).values
                a = plain.loc[s[id_col], t].values
                b = nf.loc[s[id_col], t].values
                hit = y[b >= 0.8].mean() if (b >= 0.8).any() else float("nan")
                print(f"{model:22s} {('test' if sl == 'calibration' else sl):10s} rows {len(y):7d} pos {y.sum():6d} | oracle PR-AUC {ap(y, a):.4f}"
                      f" n>=0.8 {(a >= 0.8).sum():4d} | no foresight {ap(y, b):.4f} n>=0.8 {(b >= 0.8).sum():4d} hit {hit:.3f}"
                      f" | ratio {ap(y, b) / ap(y, a):.3f}", flush=True)
            if observable:
                test = soft_rows(d, nf, id_col, t, features, col, "calibration")
                if other:
                    fit = [soft_rows(od, onf, id_col, t, features, col, sl) for sl in ("train", "validation")]
                    where = f"fitted on {other}"
                else:
                    fit = [soft_rows(d, nf, id_col, t, features, col, sl) for sl in ("train", "validation")]
                    where = "fitted on this world"
                auc, trees, n, hit, ece = observable_ceiling(fit, test)
                print(f"{model:22s} test       observable ceiling PR-AUC {auc:.4f} ECE {ece:.4f} n>=0.8 {n:4d} hit {hit:.3f}"
                      f" | {trees} trees on {len(fit[0][1])} rows, {where}", flush=True)
            if curve:
                d = d.sort_values(next(c for c in ["signal_time", "window_end"] if c in d.columns))
                ok = d[col].notna()
                tr = np.where(ok & (d.split == "train"))[0]
                va, te = ok & (d.split == "validation"), ok & (d.split == "calibration")
                X = d[features].astype(float)
                yt = d[col][te].astype(int)
                points = []
                for frac in [0.125, 0.25, 0.5, 1.0]:
                    idx = tr[int(len(tr) * (1 - frac)):]
                    scores = []
                    for seed in [1, 2]:
                        p = dict(objective="binary", learning_rate=0.05, num_leaves=31, min_child_samples=50, feature_fraction=0.8,
                                 bagging_fraction=0.8, bagging_freq=1, verbose=-1, num_threads=1, seed=seed, metric="average_precision")
                        dtr = lgb.Dataset(X.iloc[idx], d[col].iloc[idx])
                        dva = lgb.Dataset(X[va], d[col][va], reference=dtr)
                        m = lgb.train(p, dtr, 2000, valid_sets=[dva], callbacks=[lgb.early_stopping(100, verbose=False)])
                        scores.append(ap(yt, m.predict(X[te], num_iteration=m.best_iteration)))
                    points.append(f"{len(idx)}: {np.mean(scores):.4f}")
                print(f"{model:22s} learning curve (test PR-AUC by newest training rows): " + "  ".join(points), flush=True)


if __name__ == "__main__":
    main()
