"""Oracle, oracle without foresight (the ceiling) and a learning curve on one sample world.

Usage: oracle_ceiling.py WORK_DIR [TARGETS] [--learning-curve]
Reads WORK_DIR/tables/oracle and WORK_DIR/datasets/{signal,genesis} (Delta: only the files of the
latest version), prints per target and slice the PR-AUC of the oracle and of the no-foresight
probability, their counts at p >= 0.8 and the realised hit rate there; with --learning-curve also
LightGBM (fixed parameters, unweighted, early stopping on validation) trained on the newest
1/8, 1/4, 1/2 and all training rows, scored on the test (calibration) slice.
"""
import glob, json, os, sys

import lightgbm as lgb
import numpy as np
import pyarrow.dataset as ds
from sklearn.metrics import average_precision_score as ap

SIGNAL_TARGETS = ["reach_2x_10m", "reach_3x_30m", "reach_2x_1h", "reach_2x_4h", "reach_5x_24h"]
GENESIS_TARGETS = ["reach_2x_10m", "reach_2x_1h", "reach_5x_24h"]
META = {"signal_id", "wallet", "token", "creator", "signal_time", "split", "window_end", "created_at"}


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
    features = [c for c in d.columns if c not in META and c not in labels]
    ok = d[target].notna()
    return features, *((np.ascontiguousarray(d[features][m].astype(float).values), d[target][m].astype(np.int32).values)
                       for m in (ok & (d.split == "train"), ok & (d.split == "validation")))


def main():
    work = sys.argv[1]
    only = [a for a in sys.argv[2:] if not a.startswith("--")]
    only = set(only[0].split(",")) if only else None
    curve = "--learning-curve" in sys.argv
    oracle = delta(os.path.join(work, "tables", "oracle"))
    for kind, name, id_col, targets in [("signal", "signal", "signal_id", SIGNAL_TARGETS), ("token", "genesis", "token", GENESIS_TARGETS)]:
        d = delta(os.path.join(work, "datasets", name))
        o = oracle[oracle.entity_kind == kind]
        plain = o.pivot_table(index="entity_id", columns="target", values="probability")
        nf = o.pivot_table(index="entity_id", columns="target", values="probability_no_foresight")
        labels = [c for c in d.columns if any(c.endswith(t) for t in targets) and d[c].dropna().isin([0, 1]).all()]
        features = [c for c in d.columns if c not in META and c not in labels]
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
