"""What early-stopping patience costs: a search's trials replayed with full validation curves.

Usage: patience_replay.py DATASET_DIR TRIAL_HISTORY RUN_ID TARGET [--extra E] [--out FILE]

DATASET_DIR is one written training set (e.g. WORK_DIR/datasets/signal), TRIAL_HISTORY the
trial-history table and RUN_ID the run whose search to replay for TARGET. Every trial of that search
(pruned ones too) is trained again with LightGBM 4.7 on the same train / validation rows and the same
parameters, one thread, recording validation PR-AUC at every iteration until E (default 100)
iterations past its best. Then each early-stopping rule is applied to the recorded curves: fixed
patience p, and a patience that scales with the learning rate (c / learning_rate rounded, clamped to
[10, 50]: the same amount of shrinkage without improvement). Printed per rule: boosting iterations
against patience 50, the search's best value against patience 50's, and how many trials end worse.
The curves are kept in --out (JSON) so the rules can be re-evaluated without training.
"""
import argparse
import json
import os
import sys
import time

import lightgbm as lgb
import numpy as np
import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from oracle_ceiling import delta, target_rows, test_rows  # noqa: E402


def replay(dataset_dir, history, run_id, target, extra, test=False, threads=1):
    d = delta(dataset_dir)
    name = os.path.basename(os.path.normpath(dataset_dir))
    features, (x_tr, y_tr), (x_va, y_va) = target_rows(d, target)
    train = lgb.Dataset(x_tr, y_tr, params={"max_bin": 255, "verbose": -1, "feature_pre_filter": False, "num_threads": 1},
                        free_raw_data=False)
    valid = lgb.Dataset(x_va, y_va, reference=train)
    if test:
        tested = lgb.Dataset(*test_rows(d, target, features, f"--test: {dataset_dir}"), reference=train)
    h = delta(history)
    h = h[(h.run_id == run_id) & (h.dataset == name) & (h.target == target)].sort_values("trial")
    if h.empty:
        sys.exit(f"no trials of run {run_id} for {name}/{target} in {history}")
    out = []
    for _, row in h.iterrows():
        p = json.loads(row.params_json)
        q = {"objective": "binary", "metric": "average_precision", "verbose": -1, "seed": 7, "num_threads": threads,
             "force_row_wise": True, "deterministic": True, "feature_pre_filter": False,
             "scale_pos_weight": float(row.scale_pos_weight), **p}
        if q.get("bagging_fraction", 1.0) < 1.0:
            q.setdefault("bagging_freq", 1)
        booster = lgb.Booster(q, train)
        booster.add_valid(valid, "validation")
        if test:
            booster.add_valid(tested, "test")
        curve, test_curve, best, best_it, t0 = [], [], float("-inf"), 0, time.time()
        while len(curve) < 1000:
            booster.update()
            scores = booster.eval_valid()
            s = scores[0][2]
            curve.append(s)
            if test:
                test_curve.append(scores[1][2])
            if s > best:
                best, best_it = s, len(curve)
            if len(curve) - best_it >= extra:
                break
        out.append({"trial": int(row.trial), "learning_rate": p["learning_rate"], "curve": curve, "test_curve": test_curve,
                    "seconds": time.time() - t0, "pruned_at": None if pd.isna(row.pruned_at_step) else int(row.pruned_at_step)})
        print(f"# trial {int(row.trial)}: lr {p['learning_rate']:.4f}, best {best:.4f} at {best_it}", file=sys.stderr, flush=True)
    return out


def stop(curve, patience, with_iteration=False):
    """LightGBM's early stopping on a recorded curve: (iterations trained, best value[, best iteration])."""
    best, best_it = float("-inf"), 0
    for i, s in enumerate(curve, 1):
        if s > best:
            best, best_it = s, i
        if i - best_it >= patience:
            break
    else:
        i = len(curve)
    return (i, best, best_it) if with_iteration else (i, best)


def selection_table(trials, label):
    """What each early-stopping rule deploys: the trial with the best validation value, scored on the
    test slice at its best iteration; beside it the test value the best trial on test would have had
    (no rule can pick it, it shows what the search space holds)."""
    print(f"| {label} | rule | picked trial | validation | test of the pick | mean test of the top 3 by validation | best test of any trial |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for name, rule in rules().items():
        picks = []
        for t in trials:
            _, b, it = stop(t["curve"], rule(t["learning_rate"]), True)
            picks.append((b, t["test_curve"][it - 1], t["trial"]))
        picks.sort(reverse=True)
        print(f"| | {name} | {picks[0][2]} | {picks[0][0]:.4f} | {picks[0][1]:.4f} | "
              f"{np.mean([p[1] for p in picks[:3]]):.4f} | {max(p[1] for p in picks):.4f} |")


def rules():
    r = {f"patience {p}": (lambda lr, p=p: p) for p in (10, 20, 30, 50, 100, 200)}
    for c in (0.5, 1.0, 2.0):
        r[f"{c:g} / learning rate"] = (lambda lr, c=c: max(10, min(50, round(c / lr))))
    return r


def table(trials, label):
    ref = {t["trial"]: stop(t["curve"], 50) for t in trials}
    ref_its, ref_best = sum(v[0] for v in ref.values()), max(v[1] for v in ref.values())
    print(f"| {label} | rule | iterations (vs patience 50) | search best (vs patience 50) | trials worse | worst trial |")
    print("|---|---|---:|---:|---:|---:|")
    for name, rule in rules().items():
        its, best, worse, worst = 0, float("-inf"), 0, 0.0
        for t in trials:
            n, b = stop(t["curve"], rule(t["learning_rate"]))
            d = b - ref[t["trial"]][1]
            its, best, worse, worst = its + n, max(best, b), worse + (d < -1e-4), min(worst, d)
        print(f"| | {name} | {its:,} ({its / ref_its:.2f}) | {best:.4f} ({best - ref_best:+.4f}) | {worse} of {len(trials)} | {worst:+.4f} |")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dataset"); ap.add_argument("history"); ap.add_argument("run_id"); ap.add_argument("target")
    ap.add_argument("--extra", type=int, default=100); ap.add_argument("--out")
    ap.add_argument("--test", action="store_true",
                    help="also record the test (calibration) slice's curve and print what each rule deploys")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--curves", help="evaluate the rules on curves saved by an earlier --out instead of training")
    a = ap.parse_args()
    trials = json.load(open(a.curves)) if a.curves else replay(a.dataset, a.history, a.run_id, a.target, a.extra,
                                                                 a.test, a.threads)
    if a.out:
        json.dump(trials, open(a.out, "w"))
    label = f"{os.path.basename(os.path.normpath(a.dataset))}/{a.target}"
    table(trials, label)
    if trials and trials[0].get("test_curve"):
        selection_table(trials, label)


if __name__ == "__main__":
    main()
