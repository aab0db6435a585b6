"""How well a sampled search's trials stand in for trials on every training row.

Usage: sample_fidelity.py DATASET_DIR TARGET K METHOD [METHOD ...]

Trains K random parameter sets of the default space (learning rate in [0.03, 0.2] to keep it short)
on the target's training rows as each METHOD samples them, with early stopping on the whole
validation slice (patience round(1 / learning rate) in [10, 50], as the pipeline), and prints each
fit's best validation average precision, best iteration and seconds, then per method the Spearman
correlation of its values with those on every row and the full-row value of the set it would pick.
METHOD is full | uniform:N (a uniform sample of N rows) | neg:N (every positive and a uniform sample
of the negatives, N rows in all, at least as many negatives as positives) | negw:N (the same with the
negatives weighted by 1 / their sampling rate). The samples are numpy's (seed 7), not RowSample's.
"""
import sys
import time

import lightgbm as lgb
import numpy as np
from scipy.stats import spearmanr

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from oracle_ceiling import delta, target_rows  # noqa: E402


def sample(x, y, method):
    kind, _, size = method.partition(":")
    if kind == "full":
        return x, y, None
    n = int(size)
    if kind == "uniform":
        keep = np.sort(np.random.default_rng(7).choice(len(y), min(n, len(y)), replace=False))
        return x[keep], y[keep], None
    pos, neg = np.flatnonzero(y == 1), np.flatnonzero(y == 0)
    kept = min(len(neg), max(n - len(pos), len(pos)))
    keep = np.sort(np.concatenate([pos, np.random.default_rng(7).choice(neg, kept, replace=False)]))
    w = np.where(y[keep] == 1, 1.0, len(neg) / kept) if kind == "negw" else None
    return x[keep], y[keep], w


def main():
    dataset_dir, target, k, methods = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
    _, (x, y), (vx, vy) = target_rows(delta(dataset_dir), target)
    print(f"# {target}: {len(y)} training rows ({int(y.sum())} positive), {len(vy)} validation", flush=True)
    sets = {}
    for m in methods:
        sx, sy, sw = sample(x, y, m)
        t = lgb.Dataset(sx, sy, weight=sw, params={"max_bin": 255, "verbose": -1, "feature_pre_filter": False, "num_threads": 2})
        v = lgb.Dataset(vx, vy, reference=t)
        t.construct(); v.construct()
        sets[m] = (t, v)
    rng = np.random.default_rng(1)
    values = {m: [] for m in methods}
    for i in range(k):
        c = {"num_leaves": int(rng.integers(15, 256)), "learning_rate": float(np.exp(rng.uniform(np.log(0.03), np.log(0.2)))),
             "min_child_samples": int(rng.integers(5, 201)), "feature_fraction": float(rng.uniform(0.4, 1)),
             "bagging_fraction": float(rng.uniform(0.4, 1)), "bagging_freq": 1,
             "lambda_l1": float(np.exp(rng.uniform(np.log(1e-8), np.log(10)))), "lambda_l2": float(np.exp(rng.uniform(np.log(1e-8), np.log(10))))}
        for m in methods:
            p = {"objective": "binary", "metric": "average_precision", "verbose": -1, "seed": 7, "num_threads": 2,
                 "force_row_wise": True, **c}
            t = time.time()
            b = lgb.train(p, sets[m][0], 1000, valid_sets=[sets[m][1]],
                          callbacks=[lgb.early_stopping(max(10, min(50, round(1 / c["learning_rate"]))), verbose=False)])
            values[m].append(b.best_score["valid_0"]["average_precision"])
            print(i, m, round(values[m][-1], 4), b.best_iteration, round(time.time() - t, 1), flush=True)
    full = np.array(values[methods[0]])
    for m in methods:
        a = np.array(values[m]); pick = int(np.argmax(a))
        print(f"SUMMARY {target} {m:16s} spearman vs {methods[0]} {spearmanr(full, a)[0]:.3f}; picks set {pick}: "
              f"{methods[0]} {full[pick]:.4f} (best {full.max():.4f}); mean difference {np.mean(a - full):+.4f}")


if __name__ == "__main__":
    main()
