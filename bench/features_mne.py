#!/usr/bin/python3
"""MNE-Python doing the steps of bench/features.bench.ts on the same EDF file.

Usage: OMP_NUM_THREADS=1 /usr/bin/python3 bench/features_mne.py FILE [REPEATS]
Steps: read_raw_edf(preload=True), notch_filter(60) (method 'fir'), filter(1, 50)
(firwin, Hamming, zero phase), set_eeg_reference('average'), 5 s fixed-length epochs,
scipy.signal.welch (Hann, 2 s segments, half overlap) per epoch and channel, mean over
epochs, relative power in the 8 sovaharmony bands (bins lo <= f < hi).
Prints one JSON line: best wall and CPU time of the whole chain (imports excluded), its peak
RSS growth in MB, and the relative band powers of channel 0 for a cross-check.
"""
import json
import resource
import sys
import time

import numpy as np
import mne
from scipy import signal

mne.set_log_level('ERROR')
BANDS = [(1.5, 6), (6, 8.5), (8.5, 10.5), (10.5, 12.5), (12.5, 18.5), (18.5, 21), (21, 30), (30, 45)]


def chain(path):
    raw = mne.io.read_raw_edf(path, preload=True)
    raw.notch_filter(60.0, picks='eeg')
    raw.filter(1.0, 50.0, picks='eeg')
    raw.set_eeg_reference('average')
    epochs = mne.make_fixed_length_epochs(raw, duration=5.0, preload=True, proj=False)
    data = epochs.get_data() * 1e6
    sfreq = raw.info['sfreq']
    nperseg = int(round(2 * sfreq))
    freqs, psd = signal.welch(data, fs=sfreq, window='hann', nperseg=nperseg, noverlap=nperseg // 2, axis=-1)
    psd = psd.mean(axis=0)
    bands = np.stack([psd[:, (freqs >= lo) & (freqs < hi)].sum(axis=1) for lo, hi in BANDS], axis=1)
    return bands / bands.sum(axis=1, keepdims=True)


def main():
    path = sys.argv[1]
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    times = []
    cpu = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        c0 = time.process_time()
        rel = chain(path)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    peak = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss0) / 1024
    print(json.dumps({'seconds': min(times), 'cpuSeconds': min(cpu), 'peakMb': peak, 'channel0': rel[0].tolist(), 'mne': mne.__version__}))


if __name__ == '__main__':
    main()
