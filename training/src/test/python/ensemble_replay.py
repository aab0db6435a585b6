"""Exploratory: would averaging the search's best trials rank better than the best trial alone?

Usage: ensemble_replay.py WORK_DIR DATASET TARGETS   e.g. /tmp/w200 signal reach_3x_30m,reach_5x_24h
For each target, the 5 best complete trials of WORK_DIR/trials (by their recorded validation PR-AUC)
are trained again with LightGBM 4.7 on the train slice, each to its recorded best iteration (another
seed than the pipeline's: 7, so the spread between the two is the seed's), and scored on validation
and on the test (calibration) slice of a 70/15/15 world; then the margin average of the top 1, 3 and 5.
Beside each, the same parameters trained on train + validation (iterations scaled by the rows), which
the pipeline does not do: Platt and the default 80/20 split have no other rows to calibrate on.
"""
import json, os, sys; sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy as np, lightgbm as lgb
from oracle_ceiling import delta, target_rows, test_rows
from sklearn.metrics import average_precision_score as ap

work, ds, targets = sys.argv[1], sys.argv[2], sys.argv[3].split(',')
d = delta(f'{work}/datasets/{ds}'); h = delta(f'{work}/trials')
for t in targets:
    feats, (xtr, ytr), (xva, yva) = target_rows(d, t)
    xte, yte = test_rows(d, t, feats, work)
    hh = h[(h.dataset == ds) & (h.target == t) & (h.status == 'COMPLETE')].sort_values(['value', 'trial'], ascending=[False, True])
    dtr = lgb.Dataset(xtr, ytr, params={'verbose': -1, 'feature_pre_filter': False}, free_raw_data=False)
    dall = lgb.Dataset(np.vstack([xtr, xva]), np.concatenate([ytr, yva]), params={'verbose': -1, 'feature_pre_filter': False},
                       free_raw_data=False)
    mv, mt, mta = [], [], []
    for _, r in hh.head(5).iterrows():
        p = {'objective': 'binary', 'verbose': -1, 'num_threads': 2, 'seed': 7, **json.loads(r.params_json)}
        if p.get('bagging_fraction', 1) < 1:
            p['bagging_freq'] = 1
        n = int(r.best_iteration)
        b = lgb.train(p, dtr, n)
        mv.append(b.predict(xva, raw_score=True)); mt.append(b.predict(xte, raw_score=True))
        ba = lgb.train(p, dall, int(round(n * (len(yva) + len(ytr)) / len(ytr))))
        mta.append(ba.predict(xte, raw_score=True))
        print(f"{ds}/{t} trial {int(r.trial)} val(pipeline) {r.value:.4f} val {ap(yva, mv[-1]):.4f} test {ap(yte, mt[-1]):.4f} "
              f"| refit train+val test {ap(yte, mta[-1]):.4f}", flush=True)
    for k in (1, 3, 5):
        print(f"{ds}/{t} top-{k} average margin: val {ap(yva, np.mean(mv[:k], 0)):.4f} test {ap(yte, np.mean(mt[:k], 0)):.4f} "
              f"| refit train+val test {ap(yte, np.mean(mta[:k], 0)):.4f}", flush=True)
