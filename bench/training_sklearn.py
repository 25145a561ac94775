#!/usr/bin/python3
"""scikit-learn's side of bench/training.bench.ts, on the table it writes.

Usage: OMP_NUM_THREADS=1 /usr/bin/python3 bench/training_sklearn.py FILE.csv N_TREES [SEARCH]
Times (fit wall time, CSV reading excluded) RandomForestClassifier(N_TREES, sqrt,
n_jobs=1), GradientBoostingClassifier(100 stages, depth 3) and
StandardScaler + LogisticRegression(C=1); with SEARCH, also the original platform's
RandomizedSearchCV (its space, n_iter 100, cv 10, n_jobs=1). Prints one JSON line.
"""
import json
import sys
import time

import numpy as np
from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import RandomizedSearchCV, StratifiedKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

data = np.loadtxt(sys.argv[1], delimiter=',')
X, y = data[:, :-1], data[:, -1].astype(int)


def timed(make):
    start = time.perf_counter()
    make().fit(X, y)
    return time.perf_counter() - start


out = {
    'forest': timed(lambda: RandomForestClassifier(n_estimators=int(sys.argv[2]), max_features='sqrt', n_jobs=1, random_state=0)),
    'gbt': timed(lambda: GradientBoostingClassifier(n_estimators=100, max_depth=3, random_state=0)),
    'logreg': timed(lambda: make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=1000))),
}
if len(sys.argv) > 3:
    space = {'n_estimators': [100, 200, 300], 'max_features': ['sqrt', 'log2'], 'max_depth': [5, 10, 15, None],
             'min_samples_split': [10, 20, 30], 'min_samples_leaf': [5, 10, 15], 'bootstrap': [True, False],
             'criterion': ['gini', 'entropy']}
    out['search'] = timed(lambda: RandomizedSearchCV(RandomForestClassifier(random_state=0), space, n_iter=100,
                                                     cv=StratifiedKFold(10, shuffle=True, random_state=0), n_jobs=1,
                                                     random_state=0))
print(json.dumps(out))
