#!/usr/bin/python3
"""The feature families of bench/feature-families.bench.ts done in Python on the same data.

Usage: OMP_NUM_THREADS=1 /usr/bin/python3 bench/feature_families_py.py FILE CHANNELS SFREQ EPOCH_SAMPLES
FILE holds the epoched signal as float32, channels x samples (row-major); every epoch is kept.
Per family, as ours computes it (docs/features.md):
- entropy: mne.filter.filter_data per band on the epochs, permutation entropy (D = 3) per
  epoch and channel, vectorised with numpy;
- coherence: scipy.signal.coherence (Hann, 3 s) for every channel pair on the concatenated
  epochs, band means;
- sl: the numpy reference of scripts/fixtures/make_feature_fixtures.py per band and epoch;
- crossfreq: Delta and Theta phase, Gamma amplitude, scipy.signal.hilbert, Tort MI.
Prints one JSON line: {family: seconds}.
"""
import json
import os
import sys
import time

import numpy as np
import mne
from scipy import signal

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', 'scripts', 'fixtures'))
from make_feature_fixtures import BANDS, synchronization_likelihood, modulation_index  # noqa: E402

mne.set_log_level('ERROR')


def band_epochs(epochs, sfreq, lo, hi):
    return mne.filter.filter_data(epochs, sfreq, lo, hi)


def permutation_entropy_rows(x, d=3):
    """Normalised permutation entropy of each row of x (delay 1)."""
    windows = np.lib.stride_tricks.sliding_window_view(x, d, axis=-1)
    order = np.argsort(windows, axis=-1, kind='stable')
    codes = (order * (d ** np.arange(d - 1, -1, -1))).sum(axis=-1)
    out = np.empty(x.shape[0])
    for r in range(x.shape[0]):
        counts = np.bincount(codes[r], minlength=d ** d)
        p = counts[counts > 0] / codes.shape[1]
        out[r] = -np.sum(p * np.log2(p)) / np.log2(6)
    return out


def main():
    path, channels, sfreq, epoch_samples = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
    data = np.fromfile(path, dtype='<f4').reshape(channels, -1).astype(np.float64)
    n_epochs = data.shape[1] // epoch_samples
    epochs = data[:, :n_epochs * epoch_samples].reshape(channels, n_epochs, epoch_samples).transpose(1, 0, 2).copy()
    times = {}

    t = time.perf_counter()
    for _, lo, hi in BANDS:
        f = band_epochs(epochs, sfreq, lo, hi)
        permutation_entropy_rows(f.reshape(-1, epoch_samples)).reshape(n_epochs, channels).mean(axis=0)
    times['entropy'] = time.perf_counter() - t

    t = time.perf_counter()
    nperseg = int(np.floor(3 * sfreq))
    for a in range(channels):
        for b in range(a + 1, channels):
            freqs, cxy = signal.coherence(data[a], data[b], sfreq, 'hann', nperseg=nperseg)
            [np.mean(cxy[(freqs >= lo) & (freqs < hi)]) for _, lo, hi in BANDS]
    times['coherence'] = time.perf_counter() - t

    t = time.perf_counter()
    for _, lo, hi in BANDS:
        f = band_epochs(epochs, sfreq, lo, hi)
        np.mean([synchronization_likelihood(f[e]) for e in range(n_epochs)], axis=0)
    times['sl'] = time.perf_counter() - t

    t = time.perf_counter()
    bands = {name: (lo, hi) for name, lo, hi in BANDS}
    gamma = band_epochs(epochs, sfreq, *bands['Gamma'])
    for phase in ('Delta', 'Theta'):
        ph = band_epochs(epochs, sfreq, *bands[phase])
        for c in range(channels):
            modulation_index(ph[:, c, :], gamma[:, c, :])
    times['crossfreq'] = time.perf_counter() - t
    print(json.dumps(times))


if __name__ == '__main__':
    main()
