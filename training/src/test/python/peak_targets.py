"""Exploratory: does training on the PeakTracker's peak multiple instead of the 0/1 outcome rank better?

Usage: peak_targets.py WORK_DIR TARGETS MODES   e.g. /tmp/w200 reach_2x_1h binary,soft0.3,reg3
For each signal target (reach_<m>x_<h>) and mode, LightGBM with fixed parameters (31 leaves, learning
rate 0.05, early stopping after 100 rounds on the validation rows' PR-AUC against the 0/1 outcome),
trained on the train slice, scored (PR-AUC, 2 seeds averaged) on the test slice of a 70/15/15 world:
  binary   the 0/1 outcome, as the pipeline trains today
  softT    cross entropy against sigmoid((log peak - log m) / T), a smoothed outcome
  regC     least squares on min(log peak, log m + C), the peak multiple itself
Every input is one the live system has (the outcomes table's peak_multiple_<h>); nothing reads the
oracle. Ranking only: a regression score would still need Platt on the 0/1 outcome to be a probability.
"""
import os, sys; sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy as np, lightgbm as lgb
from oracle_ceiling import delta, is_feature
from sklearn.metrics import average_precision_score as ap
work = sys.argv[1]; targets = sys.argv[2].split(","); modes = sys.argv[3].split(",")
d = delta(work + '/datasets/signal'); o = delta(work + '/tables/outcomes').set_index('signal_id')
labels = [c for c in d.columns if c.startswith('reach_')]
feats = [c for c in d.columns if is_feature(c, labels)]
for t in targets:
    m = float(t.split('_')[1][:-1]); h = t.split('_')[2]
    ok = d[t].notna()
    sl = {s: d[ok & (d.split == s)] for s in ('train', 'validation', 'calibration')}
    X = {s: v[feats].astype(float).values for s, v in sl.items()}
    Y = {s: v[t].astype(int).values for s, v in sl.items()}
    P = {s: o.loc[v.signal_id, 'peak_multiple_' + h].values for s, v in sl.items()}
    def feval(pred, data):
        return 'ap', ap(Y['validation'], pred), True
    for mode in modes:
        res = []
        for seed in (1, 2):
            p = dict(learning_rate=0.05, num_leaves=31, min_child_samples=50, feature_fraction=0.8, bagging_fraction=0.8,
                     bagging_freq=1, verbose=-1, num_threads=2, seed=seed, metric='None')
            if mode == 'binary':
                p['objective'] = 'binary'; lab = Y['train']
            elif mode.startswith('soft'):
                tau = float(mode[4:]); p['objective'] = 'cross_entropy'
                lab = 1 / (1 + np.exp(-(np.log(P['train']) - np.log(m)) / tau))
            elif mode.startswith('reg'):
                cap = float(mode[3:]); p['objective'] = 'regression'
                lab = np.minimum(np.log(P['train']), np.log(m) + cap)
            else:
                raise SystemExit(f"unknown mode '{mode}' (binary, soft<T>, reg<C>)")
            dtr = lgb.Dataset(X['train'], lab)
            # Early stopping reads only feval, which scores against the 0/1 outcome whatever the training label.
            dva = lgb.Dataset(X['validation'], Y['validation'], reference=dtr)
            b = lgb.train(p, dtr, 3000, valid_sets=[dva], feval=feval, callbacks=[lgb.early_stopping(100, verbose=False)])
            q = b.predict(X['calibration'], num_iteration=b.best_iteration)
            res.append((ap(Y['calibration'], q), b.best_iteration))
        print(f"{t:14s} {mode:10s} test AP {np.mean([r[0] for r in res]):.4f} ({', '.join(f'{a:.4f}@{i}' for a, i in res)})", flush=True)
