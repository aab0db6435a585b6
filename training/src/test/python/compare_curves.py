"""Compares best-so-far curves (CSV: impl,function,seed,trial,best) of several TPE implementations.

Prints a markdown table of the median and mean best value at chosen trial counts per
implementation, the probability that the first implementation's final best beats each other's
(over all seed pairs), and draws the median curves to a PNG when matplotlib is present.
Usage: compare_curves.py out.png first.csv other.csv [...]
"""
import csv
import statistics
import sys
from collections import defaultdict


def load(paths):
    d = defaultdict(lambda: defaultdict(lambda: defaultdict(dict)))  # impl -> function -> seed -> trial -> best
    for path in paths:
        with open(path) as fh:
            for r in csv.DictReader(fh):
                d[r["impl"]][r["function"]][int(r["seed"])][int(r["trial"])] = float(r["best"])
    return d


def main():
    png, paths = sys.argv[1], sys.argv[2:]
    d = load(paths)
    impls = list(d.keys())
    first = impls[0]
    functions = list(d[first].keys())
    points = [10, 20, 30, 40, 60, 100]
    print("| function | trials | " + " | ".join(f"{i} median (mean)" for i in impls) + " |")
    print("|---|---:|" + "---:|" * len(impls))
    for f in functions:
        last = max(next(iter(d[first][f].values())).keys())
        for n in [p for p in points if p <= last]:
            cells = []
            for i in impls:
                v = [d[i][f][s][n] for s in d[i][f]]
                cells.append(f"{statistics.median(v):.4g} ({statistics.mean(v):.4g})")
            print(f"| {f} | {n} | " + " | ".join(cells) + " |")
    print()
    for f in functions:
        last = max(next(iter(d[first][f].values())).keys())
        a = [d[first][f][s][last] for s in d[first][f]]
        for other in impls[1:]:
            b = [d[other][f][s][last] for s in d[other][f]]
            p = (sum(1 for x in a for y in b if x < y) + 0.5 * sum(1 for x in a for y in b if x == y)) / (len(a) * len(b))
            print(f"- {f}, trial {last}: P({first} best < {other} best) over {len(a)}x{len(b)} seed pairs = {p:.2f}")
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("(matplotlib not installed: no chart)")
        return
    fig, axes = plt.subplots(1, len(functions), figsize=(5 * len(functions), 4))
    styles = ["-", "--", ":", "-."]
    for ax, f in zip(axes, functions):
        last = max(next(iter(d[first][f].values())).keys())
        xs = list(range(1, last + 1))
        for k, i in enumerate(impls):
            med = [statistics.median(d[i][f][s][n] for s in d[i][f]) for n in xs]
            ax.plot(xs, med, styles[k % len(styles)], label=i)
        ax.set_yscale("log")
        ax.set_title(f"{f}: median best-so-far ({len(d[first][f])} seeds)")
        ax.set_xlabel("trial")
        ax.legend()
    fig.tight_layout()
    fig.savefig(png, dpi=100)
    print(f"\nchart: {png}")


if __name__ == "__main__":
    main()
