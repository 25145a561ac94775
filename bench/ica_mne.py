#!/usr/bin/python3
"""MNE's ICA (method='fastica') on the recording bench/ica.bench.ts writes.

Usage: OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/ica_mne.py FILE.f32 CHANNELS SFREQ [MAX_ITER]
FILE.f32 holds little-endian float32 samples, channel after channel, in µV. Fits
mne.preprocessing.ICA(method='fastica', random_state=0, max_iter=MAX_ITER) on all of
it (n_components=None: every component). Prints one JSON line: the fit's wall time in
seconds (reading the file and building the Raw excluded), its CPU time
(time.process_time), the iterations and the components.
"""
import json
import sys
import time

import numpy as np
import mne

mne.set_log_level('ERROR')
path, channels, sfreq = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
max_iter = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
data = np.fromfile(path, dtype='<f4').reshape(channels, -1).astype(np.float64) * 1e-6
info = mne.create_info([f'EEG{i:03d}' for i in range(channels)], sfreq, 'eeg')
raw = mne.io.RawArray(data, info)
start = time.perf_counter()
cpu_start = time.process_time()
ica = mne.preprocessing.ICA(method='fastica', random_state=0, max_iter=max_iter)
ica.fit(raw)
seconds = time.perf_counter() - start
cpu_seconds = time.process_time() - cpu_start
print(json.dumps({'seconds': seconds, 'cpuSeconds': cpu_seconds, 'nIter': int(ica.n_iter_), 'nComponents': int(ica.n_components_)}))
