"""The anchor for the search's speed: Optuna 5.0 (TPESampler defaults) + LightGBM 4.7 on the same rows.

Usage: optuna_lightgbm_anchor.py WORK_DIR DATASET TARGET --jobs J --threads T [--hyperband] [--trials N]
       [--spw balanced|FLOAT] [--max-iterations M] [--patience P] [--patience-shrinkage S] [--seed S] [--lr-low L]
       [--datasets-dir D]

Reads WORK_DIR/datasets/DATASET (Delta, latest version), the target's labelled train and validation
rows (the split column the pipeline wrote), builds one LightGBM dataset shared by every trial (binned
once, as the pipeline's DatasetCache does), and runs N trials of the pipeline's default search space
(conf/application.conf tuning.space; the learning rate from --lr-low) with early stopping on validation average precision (PR-AUC),
J trials at once (Optuna's n_jobs) with T LightGBM threads each. With --hyperband, trials report the
validation PR-AUC every iteration to Optuna's HyperbandPruner (min_resource 10, reduction factor 3,
max_resource = max iterations, the pipeline's pruner settings). Prints one CSV line per finished
trial: elapsed_s,trial,value,iterations,state — elapsed from the study's start.
"""
import argparse
import os
import sys
import time

import lightgbm as lgb
import numpy as np
import optuna

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from oracle_ceiling import delta, target_rows  # noqa: E402

optuna.logging.set_verbosity(optuna.logging.WARNING)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("work"); ap.add_argument("dataset"); ap.add_argument("target")
    ap.add_argument("--jobs", type=int, default=1); ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--hyperband", action="store_true"); ap.add_argument("--trials", type=int, default=20)
    ap.add_argument("--spw", default="1"); ap.add_argument("--max-iterations", type=int, default=1000)
    ap.add_argument("--patience", type=int, default=50); ap.add_argument("--seed", type=int, default=20260105)
    # The pipeline's tuning.early-stopping-shrinkage: patience round(S / learning_rate) in [10, --patience]; 0 = fixed.
    ap.add_argument("--patience-shrinkage", type=float, default=1.0)
    # The learning rate's lower bound: 0.01 is what the measured fast profile searches (issue 19).
    ap.add_argument("--lr-low", type=float, default=0.01)
    ap.add_argument("--datasets-dir", help="where the datasets are, if not WORK_DIR/datasets (datasets.output)")
    a = ap.parse_args()

    d = delta(os.path.join(a.datasets_dir or os.path.join(a.work, "datasets"), a.dataset))
    features, (x_tr, y_tr), (x_va, y_va) = target_rows(d, a.target)
    spw = (len(y_tr) - y_tr.sum()) / y_tr.sum() if a.spw == "balanced" else float(a.spw)
    t0 = time.time()
    train = lgb.Dataset(x_tr, y_tr, params={"max_bin": 255, "verbose": -1, "feature_pre_filter": False}, free_raw_data=False)
    valid = lgb.Dataset(x_va, y_va, reference=train)
    train.construct(); valid.construct()
    print(f"# {len(y_tr)} train rows, {len(y_va)} validation rows, {len(features)} features, spw {spw:.4f}, "
          f"binned in {time.time() - t0:.1f} s; jobs {a.jobs} x threads {a.threads}, hyperband {a.hyperband}", file=sys.stderr)

    def objective(trial):
        p = {
            "objective": "binary", "metric": "average_precision", "verbose": -1, "seed": a.seed,
            "num_threads": a.threads, "scale_pos_weight": spw, "bagging_freq": 1,
            "num_leaves": trial.suggest_int("num_leaves", 15, 255),
            "learning_rate": trial.suggest_float("learning_rate", a.lr_low, 0.2, log=True),
            "min_child_samples": trial.suggest_int("min_child_samples", 5, 200),
            "feature_fraction": trial.suggest_float("feature_fraction", 0.4, 1.0),
            "bagging_fraction": trial.suggest_float("bagging_fraction", 0.4, 1.0),
            "lambda_l1": trial.suggest_float("lambda_l1", 1e-8, 10.0, log=True),
            "lambda_l2": trial.suggest_float("lambda_l2", 1e-8, 10.0, log=True),
        }
        patience = a.patience if a.patience_shrinkage == 0 else \
            max(min(10, a.patience), min(a.patience, int(a.patience_shrinkage / p["learning_rate"] + 0.5)))  # Java Math.round
        callbacks = [lgb.early_stopping(patience, verbose=False)]
        if a.hyperband:
            callbacks.append(Report(trial))
        m = lgb.train(p, train, a.max_iterations, valid_sets=[valid], callbacks=callbacks)
        trial.set_user_attr("iterations", m.current_iteration())
        return m.best_score["valid_0"]["average_precision"]

    pruner = optuna.pruners.HyperbandPruner(min_resource=10, max_resource=a.max_iterations, reduction_factor=3) \
        if a.hyperband else optuna.pruners.NopPruner()
    study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=a.seed), pruner=pruner)
    start = time.time()
    print("elapsed_s,trial,value,iterations,state")

    def log(study, t):
        v = t.value if t.value is not None else (max(t.intermediate_values.values()) if t.intermediate_values else float("nan"))
        print(f"{time.time() - start:.2f},{t.number},{v:.6f},{t.user_attrs.get('iterations', len(t.intermediate_values))},{t.state.name}",
              flush=True)

    study.optimize(objective, n_trials=a.trials, n_jobs=a.jobs, callbacks=[log])


class Report:
    """Reports validation PR-AUC to the trial every iteration and raises TrialPruned when the pruner says so."""

    def __init__(self, trial):
        self.trial = trial

    def __call__(self, env):
        for name, metric, value, _ in env.evaluation_result_list:
            if metric == "average_precision":
                self.trial.report(value, env.iteration + 1)
                if self.trial.should_prune():
                    self.trial.set_user_attr("iterations", env.iteration + 1)
                    raise optuna.TrialPruned()


if __name__ == "__main__":
    main()
