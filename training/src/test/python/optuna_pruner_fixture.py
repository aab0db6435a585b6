"""Writes the Optuna 5.0 pruner decisions PrunerOptunaTest replays.

The fixture is generated, never edited: regenerate it with the real wheel whenever this script changes:

    OMP_NUM_THREADS=1 .venv/bin/python training/src/test/python/optuna_pruner_fixture.py \
        > training/src/test/resources/prune/optuna-5.0-pruners.json

Each case runs random asynchronous studies: up to `parallel` trials run at once and report in a
random interleaving (steps 0..max_step in random strides, values a noisy learning curve, a few
NaN); after every report the trial asks should_prune(); a pruned trial is told PRUNED, a trial
that reaches its last step is told COMPLETE. Events, in order: [trial, step, value (null = NaN),
Optuna's decision (1 = prune)] for a report, [trial] for a completion.
"""
import json
import math
import sys

import numpy as np
import optuna
from optuna.trial import TrialState

assert optuna.__version__ == "5.0.0", optuna.__version__
optuna.logging.set_verbosity(optuna.logging.ERROR)
STUDY = "alphaleak-oracle"


def pruner_of(spec):
    if spec["kind"] == "sha":
        return optuna.pruners.SuccessiveHalvingPruner(
            min_resource=spec["min_resource"] if spec["min_resource"] is not None else "auto",
            reduction_factor=spec["reduction_factor"], min_early_stopping_rate=spec["min_early_stopping_rate"],
            bootstrap_count=spec["bootstrap_count"])
    return optuna.pruners.HyperbandPruner(
        min_resource=spec["min_resource"],
        max_resource=spec["max_resource"] if spec["max_resource"] is not None else "auto",
        reduction_factor=spec["reduction_factor"], bootstrap_count=spec["bootstrap_count"])


def run_case(rng, spec):
    study = optuna.create_study(study_name=STUDY, direction=spec["direction"], pruner=pruner_of(spec))
    n_trials, parallel, max_step = spec["trials"], spec["parallel"], spec["max_step"]
    events, active, started = [], {}, 0
    while started < n_trials or active:
        while started < n_trials and len(active) < parallel:
            t = study.ask()
            quality = rng.normal()
            steps = sorted(set(int(s) for s in np.cumsum(rng.integers(1, 4, size=max_step))) | {0})
            steps = [s for s in steps if s <= max_step]
            active[t.number] = (t, quality, steps, 0)
            started += 1
        number = int(rng.choice(sorted(active)))
        t, quality, steps, i = active[number]
        step = steps[i]
        value = quality + 2 * (1 - math.exp(-step / 10)) + 0.1 * rng.normal()
        if rng.uniform() < 0.02:
            value = float("nan")
        value = float(np.round(value, 3))
        t.report(value, step)
        prune = t.should_prune()
        events.append([number, step, None if math.isnan(value) else value, int(prune)])
        if prune:
            study.tell(t, state=TrialState.PRUNED)
            del active[number]
        elif i + 1 == len(steps):
            study.tell(t, 0.0 if math.isnan(value) else value)
            events.append([number])
            del active[number]
        else:
            active[number] = (t, quality, steps, i + 1)
    return {"pruner": spec, "events": events}


def main():
    rng = np.random.default_rng(20260502)
    cases = []
    for i in range(18):
        direction = ["maximize", "minimize"][i % 2]
        common = {"direction": direction, "trials": int(rng.integers(10, 40)), "parallel": int(rng.integers(1, 9)),
                  "max_step": int(rng.choice([20, 40, 81]))}
        if i % 3 == 0:
            spec = {"kind": "sha", "min_resource": None, "reduction_factor": 4, "min_early_stopping_rate": 0,
                    "bootstrap_count": 0}
        elif i % 3 == 1:
            spec = {"kind": "sha", "min_resource": int(rng.integers(1, 6)), "reduction_factor": int(rng.integers(2, 5)),
                    "min_early_stopping_rate": int(rng.integers(0, 2)), "bootstrap_count": int(rng.integers(0, 3))}
        else:
            auto = rng.uniform() < 0.5
            spec = {"kind": "hyperband", "min_resource": int(rng.integers(1, 4)),
                    "max_resource": None if auto else common["max_step"], "reduction_factor": int(rng.integers(2, 5)),
                    "bootstrap_count": 0 if auto else int(rng.integers(0, 2))}
        spec.update(common)
        cases.append(run_case(rng, spec))
    json.dump({"optuna": optuna.__version__, "study_name": STUDY,
               "generator": "training/src/test/python/optuna_pruner_fixture.py", "cases": cases},
              sys.stdout, allow_nan=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
