"""Writes the Optuna 5.0 reference values ParzenEstimatorOptunaTest and TpeSplitOptunaTest compare against.

The fixture is generated, never edited: regenerate it with the real wheel (see DEVELOPERS.md for the
offline venv) whenever this script changes:

    OMP_NUM_THREADS=1 .venv/bin/python training/src/test/python/optuna_tpe_fixture.py \
        > training/src/test/resources/tpe/optuna-5.0-tpe.json

Cases:
- "estimators": random mixed search spaces and observations through Optuna's _ParzenEstimator with
  TPESampler's defaults; per parameter the kernel centres/bandwidths (kernel space) or categorical
  kernel rows, the mixture weights, and log_pdf at points Optuna's own estimator sampled.
- "splits": random studies of complete / pruned / failed / running trials through TPESampler's
  _split_trials with gamma over the finished trials, as TPESampler._sample calls it.
"""
import json
import math
import sys

import numpy as np
import optuna
from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution
from optuna.samplers._tpe.parzen_estimator import _ParzenEstimator, _ParzenEstimatorParameters
from optuna.samplers._tpe.probability_distributions import _BatchedCategoricalDistributions
from optuna.samplers._tpe.sampler import _split_trials, default_gamma, default_weights
from optuna.trial import TrialState

assert optuna.__version__ == "5.0.0", optuna.__version__
optuna.logging.set_verbosity(optuna.logging.ERROR)

# TPESampler() defaults in 5.0 (prior_weight 1, magic clip, no endpoints, default_weights).
PARAMS = _ParzenEstimatorParameters(prior_weight=1.0, consider_magic_clip=True, consider_endpoints=False,
                                    weights=default_weights, multivariate=True)


def random_space(rng):
    kinds = rng.choice(["float", "log-float", "int", "log-int", "categorical"], size=rng.integers(1, 6))
    space = {}
    for i, kind in enumerate(kinds):
        name = f"p{i}"
        if kind == "float":
            low = float(rng.uniform(-10, 5))
            space[name] = FloatDistribution(low, low + float(rng.uniform(0.5, 20)))
        elif kind == "log-float":
            low = float(10 ** rng.uniform(-4, 0))
            space[name] = FloatDistribution(low, low * float(10 ** rng.uniform(0.5, 4)), log=True)
        elif kind == "int":
            low = int(rng.integers(-50, 50))
            space[name] = IntDistribution(low, low + int(rng.integers(200, 2000)))
        elif kind == "log-int":
            low = int(rng.integers(1, 20))
            space[name] = IntDistribution(low, low + int(rng.integers(2000, 10000)), log=True)
        else:
            space[name] = CategoricalDistribution([f"c{j}" for j in range(int(rng.integers(2, 6)))])
    return space


def random_observations(rng, space, n):
    obs = {}
    for name, d in space.items():
        if isinstance(d, CategoricalDistribution):
            obs[name] = rng.integers(0, len(d.choices), size=n).astype(float)
        elif isinstance(d, IntDistribution):
            # distinct values: numpy's argsort is not stable beyond 16 elements, so tied integers
            # could swap bandwidths between trials of different weights
            obs[name] = rng.choice(np.arange(d.low, d.high + 1), size=n, replace=False).astype(float)
        elif d.log:
            obs[name] = np.exp(rng.uniform(math.log(d.low), math.log(d.high), size=n))
        else:
            obs[name] = rng.uniform(d.low, d.high, size=n)
    return obs


def describe(name, d):
    if isinstance(d, CategoricalDistribution):
        return {"name": name, "type": "categorical", "choices": list(d.choices)}
    kind = ("log-" if d.log else "") + ("int" if isinstance(d, IntDistribution) else "float")
    return {"name": name, "type": kind, "low": d.low, "high": d.high}


def estimator_case(rng):
    space = random_space(rng)
    n = int(rng.choice([0, 1, 2, 3, 5, 10, 24, 25, 26, 40]))
    obs = random_observations(rng, space, n)
    pe = _ParzenEstimator(obs, space, PARAMS)
    mix = pe._mixture_distribution
    kernels = []
    for d in mix.distributions:
        if isinstance(d, _BatchedCategoricalDistributions):
            kernels.append({"categorical": d.weights.tolist()})
        else:
            kernels.append({"mus": d.mu.tolist(), "sigmas": d.sigma.tolist()})
    points = pe.sample(np.random.RandomState(int(rng.integers(2**31))), 8)
    return {
        "space": [describe(k, v) for k, v in space.items()],
        "observations": [[float(obs[k][i]) for k in space] for i in range(n)],
        "weights": mix.weights.tolist(),
        "kernels": kernels,
        "points": [[float(points[k][i]) for k in space] for i in range(8)],
        "log_pdf": pe.log_pdf(points).tolist(),
    }


def split_case(rng):
    direction = str(rng.choice(["minimize", "maximize"]))
    study = optuna.create_study(direction=direction)
    x = FloatDistribution(0, 1)
    events = []
    n = int(rng.integers(1, 90))
    for number in range(n):
        state = str(rng.choice(["complete", "pruned", "failed", "running"], p=[0.6, 0.2, 0.05, 0.15]))
        params = {"x": float(rng.uniform())}
        event = {"state": state, "x": params["x"]}
        if state == "complete":
            # ties on purpose: the split must break them by trial number, as Python's stable sort does
            event["value"] = float(np.round(rng.normal(), 1))
            study.add_trial(optuna.trial.create_trial(params=params, distributions={"x": x}, value=event["value"]))
        elif state == "pruned":
            steps = int(rng.integers(0, 4))
            iv = {}
            for s in range(steps):
                iv[int(s * 10)] = float("nan") if rng.uniform() < 0.1 else float(np.round(rng.normal(), 1))
            if iv:
                event["step"], v = max(iv.items())
                event["value"] = None if math.isnan(v) else v
            study.add_trial(optuna.trial.create_trial(params=params, distributions={"x": x}, state=TrialState.PRUNED,
                                                      intermediate_values=iv))
        elif state == "failed":
            study.add_trial(optuna.trial.create_trial(params=params, distributions={"x": x}, state=TrialState.FAIL))
        else:
            t = study.ask()
            t.suggest_float("x", 0, 1)
        events.append(event)
    # TPESampler._sample with constant_liar=True: COMPLETE, PRUNED and RUNNING trials; gamma over the finished ones
    trials = study._get_trials(deepcopy=False, states=[TrialState.COMPLETE, TrialState.PRUNED, TrialState.RUNNING],
                               use_cache=False)
    finished = sum(t.state != TrialState.RUNNING for t in trials)
    below, above = _split_trials(study, trials, default_gamma(finished))
    return {"direction": direction, "events": events,
            "below": [t.number for t in below], "above": [t.number for t in above]}


def main():
    rng = np.random.default_rng(20260501)
    out = {
        "optuna": optuna.__version__,
        "numpy": np.__version__,
        "generator": "training/src/test/python/optuna_tpe_fixture.py",
        "estimators": [estimator_case(rng) for _ in range(40)],
        "splits": [split_case(rng) for _ in range(40)],
    }
    json.dump(out, sys.stdout, allow_nan=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
