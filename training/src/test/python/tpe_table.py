"""Compares TpeBenchmark and optuna_tpe_bench.py runs: prints docs/benchmarks.md's TPE table (Markdown).

Usage: python tpe_table.py TRIALS run1.csv run2.csv ...   (needs scipy)

Per function, the target is Optuna's sequential (batch 1) median best@TRIALS. For every
implementation and batch size: the median best@TRIALS over seeds, the two-sided Mann-Whitney U
p-value of its best@TRIALS against Optuna sequential's, the median best at the end of the run, and the median number of trials until a
seed's best reaches the target (">N" when fewer than half the seeds reach it within the N trials
run), with the ratio to TRIALS.
"""
import csv
import sys
from collections import defaultdict

import numpy as np
from scipy.stats import mannwhitneyu


def main():
    budget = int(sys.argv[1])
    runs = defaultdict(lambda: defaultdict(list))  # (impl, function, batch) -> seed -> values in tell order
    for path in sys.argv[2:]:
        with open(path) as f:
            for row in csv.DictReader(f):
                runs[(row["impl"], row["function"], row["batch"])][int(row["seed"])].append(float(row["value"]))
    optuna = next(i for i, _, _ in runs if i.startswith("optuna"))
    functions = list(dict.fromkeys(f for _, f, _ in runs))
    longest_run = min(len(v) for seeds in runs.values() for v in seeds.values())
    print(f"| function | sampler | batch | median best@{budget} | p (MWU vs {optuna} sequential) | "
          f"median best@{longest_run} | trials to reach {optuna} sequential median best@{budget} (x {budget}) |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for fn in functions:
        ref = np.array([min(v[:budget]) for v in runs[(optuna, fn, "1")].values()])
        target = float(np.median(ref))
        for (impl, f, batch) in sorted((k for k in runs if k[1] == fn), key=lambda k: (k[0], k[2].startswith("a"), int(k[2].lstrip("a")))):
            seeds = runs[(impl, f, batch)]
            best = np.array([min(v[:budget]) for v in seeds.values()])
            p = mannwhitneyu(best, ref, alternative="two-sided").pvalue
            reach = []
            for v in seeds.values():
                hits = np.nonzero(np.minimum.accumulate(v) <= target)[0]
                reach.append(hits[0] + 1 if hits.size else np.inf)
            longest = min(len(v) for v in seeds.values())
            med = np.median(reach)
            reach_s = f">{longest}" if np.isinf(med) else f"{med:.0f} ({med / budget:.2f}x)"
            p_s = "-" if (impl == optuna and batch == "1") else f"{p:.2g}"
            at_end = np.median([min(v[:longest_run]) for v in seeds.values()])
            print(f"| {fn} | {impl} | {batch} | {np.median(best):.4g} | {p_s} | {at_end:.4g} | {reach_s} |")
        print(f"| | | | target {target:.4g} ({len(ref)} seeds) | | | |")


if __name__ == "__main__":
    main()
