#!/usr/bin/python3
"""scikit-learn's RandomForestClassifier on the table bench/forest.bench.ts writes.

Usage: OMP_NUM_THREADS=1 /usr/bin/python3 bench/forest_sklearn.py FILE.csv N_TREES
Fits n_estimators=N_TREES, max_features='sqrt', n_jobs=1, random_state=0 on every row
(last column is the label). Prints one JSON line: the fit's wall time in seconds
(imports and CSV reading excluded) and the training accuracy for a cross-check.
"""
import json
import sys
import time

import numpy as np
from sklearn.ensemble import RandomForestClassifier

data = np.loadtxt(sys.argv[1], delimiter=',')
X, y = data[:, :-1], data[:, -1].astype(int)
start = time.perf_counter()
model = RandomForestClassifier(n_estimators=int(sys.argv[2]), max_features='sqrt', n_jobs=1, random_state=0).fit(X, y)
seconds = time.perf_counter() - start
print(json.dumps({'seconds': seconds, 'trainAccuracy': float((model.predict(X) == y).mean())}))
