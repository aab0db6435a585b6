"""Best-so-far curves of Optuna's TPESampler (defaults) on the functions of TpeCurves.java.

Usage: /usr/bin/python3 optuna_curves.py SEEDS TRIALS > optuna.csv  (Debian: apt-get install python3-optuna)
"""
import math
import sys
import time

import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)


def sphere4(t):
    return sum((t.suggest_float(f"x{i}", -5, 5) - 1.0) ** 2 for i in range(4))


def branin(t):
    x = t.suggest_float("x0", -5, 10)
    y = t.suggest_float("x1", 0, 15)
    b, c, tt = 5.1 / (4 * math.pi ** 2), 5 / math.pi, 1 / (8 * math.pi)
    return (y - b * x * x + c * x - 6) ** 2 + 10 * (1 - tt) * math.cos(x) + 10


def mixed(t):
    lr = math.log10(t.suggest_float("learning_rate", 1e-3, 1, log=True)) + 1.5
    leaves = math.log(t.suggest_int("num_leaves", 2, 256, log=True)) - math.log(31)
    mcs = (t.suggest_int("min_child_samples", 1, 100) - 20) / 20.0
    cat = 0 if t.suggest_categorical("boosting", ["gbdt", "dart", "goss"]) == "dart" else 0.5
    return lr * lr + leaves * leaves + mcs * mcs + cat


def apply_upstream_logpdf_fix():
    """Optuna < 3.5 omits -log(scale) in the truncated normal's log density (optuna/optuna#5109,
    fixed by PR #5110), so its Parzen kernels are not normalised. This applies that fix."""
    import numpy as np
    from optuna.samplers._tpe import _truncnorm

    original = _truncnorm.logpdf
    if getattr(original, "alphaleak_fixed", False):
        return

    def fixed(x, a, b, loc=0, scale=1):
        return original(x, a, b, loc=loc, scale=scale) - np.log(scale)

    fixed.alphaleak_fixed = True
    _truncnorm.logpdf = fixed


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    seeds = int(args[0]) if len(args) > 0 else 20
    trials = int(args[1]) if len(args) > 1 else 60
    impl = "optuna"
    if "--upstream-fix" in sys.argv:
        apply_upstream_logpdf_fix()
        impl = "optuna-fixed"
    print("impl,function,seed,trial,best")
    for name, f in [("sphere4", sphere4), ("branin", branin), ("mixed", mixed)]:
        seconds = [0.0] * trials
        for seed in range(seeds):
            study = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=seed), direction="minimize")
            best = math.inf
            for i in range(trials):
                t0 = time.perf_counter()
                trial = study.ask()
                v = f(trial)  # the suggest_* calls inside are where TPE samples
                study.tell(trial, v)
                seconds[i] += time.perf_counter() - t0
                best = min(best, v)
                print(f"{impl},{name},{seed},{i + 1},{best!r}")
        last = seconds[-10:]
        print(f"timing,{impl},{name},{sum(seconds) * 1e3 / (trials * seeds):.3f},"
              f"{sum(last) * 1e3 / (len(last) * seeds):.3f}", file=sys.stderr)


if __name__ == "__main__":
    main()
