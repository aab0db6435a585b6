"""Cost of one boosting iteration in LightGBM 4.7 (Python), and the rows for the JNI side.

Usage: iteration_cost.py WORK_DIR DATASET TARGET [--iterations N] [--dump DIR] [--datasets-dir D]
                         [--max-bins 255,63 --train-rows N --repeats R] [--scale 62500,125000,...]

Reads the target's labelled train and validation rows of WORK_DIR/datasets/DATASET (Delta, latest
version; --datasets-dir overrides WORK_DIR/datasets), bins them once (max_bin 255, as the pipeline's
DatasetCache), and times N iterations (default 60) of one fixed parameter set on one thread under
the variants below, with the validation PR-AUC evaluated every iteration as the pipeline's trials do
(except "no-metric"). With --dump DIR it first writes DIR/{train,valid}.X (float64, row-major) and
.y (int32), the input of the Java side (IterationCostBenchmark, LightGBM 3.3.5 through JNI), so the
two time the same rows. Prints "variant ms/iteration".

With --max-bins, times only the "pipeline" variant once per bin count (each binned separately),
alternated --repeats times so a drifting machine affects both alike, and also trains each to early
stopping (patience 50, at most 1000 iterations) to print its best validation average precision;
--train-rows keeps a seeded uniform sample of that many training rows in their order (as
tuning.sample does).

With --scale, times the "pipeline" variant on seeded uniform samples of each listed number of
training rows (40 iterations each), with the validation slice scored every iteration ("metric"),
without it ("no-metric"), and without bagging ("no-bagging"): how an iteration's cost grows with rows.
"""
import argparse
import os
import sys
import time

import lightgbm as lgb

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from oracle_ceiling import delta, target_rows  # noqa: E402

# One mid-range trial of the default space (conf/application.conf), unweighted.
BASE = {"objective": "binary", "metric": "average_precision", "verbose": -1, "seed": 7, "num_threads": 1,
        "num_leaves": 63, "learning_rate": 0.05, "min_child_samples": 50, "feature_fraction": 0.8,
        "bagging_fraction": 0.8, "bagging_freq": 1}
# The pipeline's trials run "pipeline" (LightGbmParams: deterministic, force_row_wise).
VARIANTS = {"default": {}, "pipeline": {"force_row_wise": True, "deterministic": True},
            "col-wise": {"force_col_wise": True}, "row-wise": {"force_row_wise": True}, "no-metric": {"metric": "None"}}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("work"); ap.add_argument("dataset"); ap.add_argument("target")
    ap.add_argument("--iterations", type=int, default=60); ap.add_argument("--dump")
    ap.add_argument("--datasets-dir")
    ap.add_argument("--max-bins"); ap.add_argument("--train-rows", type=int); ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--scale")
    a = ap.parse_args()
    d = delta(os.path.join(a.datasets_dir or os.path.join(a.work, "datasets"), a.dataset))
    features, train, valid = target_rows(d, a.target)
    if a.scale:
        return scale(train, valid, [int(n) for n in a.scale.split(",")])
    if a.train_rows and a.train_rows < len(train[1]):
        import numpy as np
        keep = np.sort(np.random.default_rng(7).choice(len(train[1]), a.train_rows, replace=False))
        train = (train[0][keep], train[1][keep])
    rows = {"train": train, "valid": valid}
    if a.max_bins:
        return compare_bins(rows, [int(b) for b in a.max_bins.split(",")], a.iterations, a.repeats)
    if a.dump:
        os.makedirs(a.dump, exist_ok=True)
        for name, (x, y) in rows.items():
            x.tofile(os.path.join(a.dump, name + ".X"))
            y.tofile(os.path.join(a.dump, name + ".y"))
    print(f"# lightgbm {lgb.__version__}: {len(rows['train'][1])} train, {len(rows['valid'][1])} validation rows x "
          f"{len(features)} features, {a.iterations} iterations, 1 thread", flush=True)
    tr = lgb.Dataset(rows["train"][0], rows["train"][1], free_raw_data=False,
                     params={"max_bin": 255, "verbose": -1, "feature_pre_filter": False, "num_threads": 1})
    va = lgb.Dataset(rows["valid"][0], rows["valid"][1], reference=tr)
    tr.construct(); va.construct()
    for name, v in VARIANTS.items():
        p = dict(BASE); p.update(v)
        t = time.time()
        lgb.train(p, tr, a.iterations, valid_sets=[] if name == "no-metric" else [va])
        print(f"{name:10s} {1000 * (time.time() - t) / a.iterations:7.1f}", flush=True)


def scale(train, valid, sizes):
    import numpy as np
    p = dict(BASE); p.update(VARIANTS["pipeline"])
    for n in sizes:
        keep = np.sort(np.random.default_rng(7).choice(len(train[1]), min(n, len(train[1])), replace=False))
        tr = lgb.Dataset(train[0][keep], train[1][keep], params={"max_bin": 255, "verbose": -1, "feature_pre_filter": False, "num_threads": 1})
        va = lgb.Dataset(valid[0], valid[1], reference=tr)
        tr.construct(); va.construct()
        for name, sets, extra in [("metric", [va], {}), ("no-metric", [], {"metric": "None"}),
                                  ("no-bagging", [va], {"bagging_fraction": 1.0, "bagging_freq": 0})]:
            q = dict(p); q.update(extra)
            t = time.time()
            lgb.train(q, tr, 40, valid_sets=sets)
            print(f"{len(keep):7d} rows {name:10s} {1000 * (time.time() - t) / 40:7.1f} ms/iteration", flush=True)


def compare_bins(rows, bins, iterations, repeats):
    print(f"# lightgbm {lgb.__version__}: {len(rows['train'][1])} train ({int(rows['train'][1].sum())} positive), "
          f"{len(rows['valid'][1])} validation rows, pipeline variant, 1 thread", flush=True)
    sets = {}
    for b in bins:
        t = time.time()
        tr = lgb.Dataset(rows["train"][0], rows["train"][1], free_raw_data=False,
                         params={"max_bin": b, "verbose": -1, "feature_pre_filter": False, "num_threads": 1})
        va = lgb.Dataset(rows["valid"][0], rows["valid"][1], reference=tr)
        tr.construct(); va.construct()
        sets[b] = (tr, va)
        print(f"max_bin {b:4d} binned in {time.time() - t:5.1f} s", flush=True)
    p = dict(BASE); p.update(VARIANTS["pipeline"])
    for r in range(repeats):
        for b in bins:
            t = time.time()
            lgb.train(p, sets[b][0], iterations, valid_sets=[sets[b][1]])
            print(f"repeat {r} max_bin {b:4d} {1000 * (time.time() - t) / iterations:7.1f} ms/iteration", flush=True)
    for b in bins:
        t = time.time()
        m = lgb.train(p, sets[b][0], 1000, valid_sets=[sets[b][1]], callbacks=[lgb.early_stopping(50, verbose=False)])
        print(f"max_bin {b:4d} best iteration {m.best_iteration} validation AP "
              f"{m.best_score['valid_0']['average_precision']:.4f} ({time.time() - t:.0f} s)", flush=True)


if __name__ == "__main__":
    main()
