"""Optuna 5.0's TPESampler (defaults) on the functions of TpeBenchmark.java, sequentially and in batches.

Usage: OMP_NUM_THREADS=1 .venv/bin/python optuna_tpe_bench.py SEEDS TRIALS BATCHES > optuna.csv
(BATCHES like 1,8,32,a8; a batch is asked as a whole, then told, as TpeBenchmark does; aP is
asynchronous with P trials running, trial k asked once trials 0..k-P are told). CSV:
impl,function,batch,seed,trial,value (every trial's objective in tell order).
"""
import math
import sys
import time

import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)
D = 5


def xs(t, low, high):
    return [t.suggest_float(f"x{i}", low, high) for i in range(D)]


def sphere(t):
    return sum(v * v for v in xs(t, -5.12, 5.12))


def rosenbrock(t):
    x = xs(t, -5, 10)
    return sum(100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2 for i in range(D - 1))


def ackley(t):
    x = xs(t, -32.768, 32.768)
    sq = sum(v * v for v in x)
    cos = sum(math.cos(2 * math.pi * v) for v in x)
    return -20 * math.exp(-0.2 * math.sqrt(sq / D)) - math.exp(cos / D) + 20 + math.e


def lgbm(t):
    lr_ = t.suggest_float("learning_rate", 1e-3, 0.3, log=True)
    leaves = math.log2(t.suggest_int("num_leaves", 8, 512, log=True)) - 6
    lr = math.log10(lr_) + 1.3 + 0.25 * leaves
    mcs = (t.suggest_int("min_child_samples", 5, 200) - 40) / 60.0
    ff = (t.suggest_float("feature_fraction", 0.4, 1.0) - 0.7) / 0.3
    bf = (t.suggest_float("bagging_fraction", 0.4, 1.0) - 0.8) / 0.3
    l2 = math.log10(t.suggest_float("lambda_l2", 1e-3, 10, log=True))
    return lr * lr + 0.25 * leaves * leaves + mcs * mcs + 0.5 * ff * ff + 0.5 * bf * bf + 0.1 * l2 * l2


def main():
    seeds = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    trials = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    batches = (sys.argv[3] if len(sys.argv) > 3 else "1,8,32").split(",")
    impl = f"optuna-{optuna.__version__}"
    print("impl,function,batch,seed,trial,value")
    t0 = time.perf_counter()
    for name, f in [("sphere", sphere), ("rosenbrock", rosenbrock), ("ackley", ackley), ("lgbm", lgbm)]:
        for mode in batches:
            batch = int(mode.lstrip("a"))
            for seed in range(seeds):
                study = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=seed), direction="minimize")
                told = 0
                if mode.startswith("a"):
                    # asynchronous: trial k is asked once trials 0..k-P are told (HyperparameterSearch's order);
                    # the objective runs at ask time so its suggest_* calls see the trials asked before it
                    running, asked = [], 0
                    while told < trials:
                        while len(running) < batch and asked < trials:
                            t = study.ask()
                            running.append((t, f(t)))
                            asked += 1
                        t, v = running.pop(0)
                        study.tell(t, v)
                        told += 1
                        print(f"{impl},{name},{mode},{seed},{told},{v!r}")
                while told < trials:
                    asked = [study.ask() for _ in range(min(batch, trials - told))]
                    # suggest_* inside f is where TPE samples; all of a batch's trials are RUNNING then
                    values = [f(t) for t in asked]
                    for t, v in zip(asked, values):
                        study.tell(t, v)
                        told += 1
                        print(f"{impl},{name},{mode},{seed},{told},{v!r}")
        print(f"[benchmark] {impl} {name}: {time.perf_counter() - t0:.0f} s so far", file=sys.stderr)


if __name__ == "__main__":
    main()
