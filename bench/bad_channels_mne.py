#!/usr/bin/python3
"""The references for bench/bad-channels.bench.ts, on the same samples.

Usage: OMP_NUM_THREADS=1 /usr/bin/python3 bench/bad_channels_mne.py DATA.f32 META.json [REPEATS]
DATA.f32 holds the channels one after another as little-endian float32 µV; META.json
gives {names, sfreq, nTimes, bads, positions} (positions in metres, MNE's head frame).

Times, best of REPEATS, imports and the data load excluded:
- interpolation: raw.interpolate_bads() (origin='auto': the sphere fit, the spline
  matrix and its product with the good channels), on a fresh copy each time;
- band-pass: mne.filter.filter_data(1, 50) of all channels (MNE's FIR, one thread), as a
  yardstick for the detection: pyprep is not installed here, so its NoisyChannels cannot
  be timed, and a band-pass of the recording is a cost every reader knows.
Prints one JSON line: {"interpolateSeconds", "bandpassSeconds", "interpolated"} where
interpolated is MNE's output for the bad channels' first 1000 samples (µV), as a check.
"""
import json
import sys
import time

import numpy as np
import mne

mne.set_log_level('ERROR')


def main():
    data_path, meta_path = sys.argv[1], sys.argv[2]
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    meta = json.load(open(meta_path))
    names, sfreq, n = meta['names'], meta['sfreq'], meta['nTimes']
    data = np.fromfile(data_path, dtype='<f4').reshape(len(names), n).astype(np.float64) * 1e-6
    info = mne.create_info(names, sfreq, 'eeg')
    raw = mne.io.RawArray(data, info)
    raw.set_montage(mne.channels.make_dig_montage(ch_pos=dict(zip(names, meta['positions'])), coord_frame='head'))
    raw.info['bads'] = list(meta['bads'])

    best_interp = float('inf')
    out = None
    for _ in range(repeats):
        copy = raw.copy()
        t0 = time.perf_counter()
        copy.interpolate_bads(reset_bads=True)
        best_interp = min(best_interp, time.perf_counter() - t0)
        out = copy.get_data(picks=meta['bads'])[:, :1000] * 1e6

    best_bp = float('inf')
    for _ in range(repeats):
        t0 = time.perf_counter()
        mne.filter.filter_data(data, sfreq, 1.0, 50.0, n_jobs=None)
        best_bp = min(best_bp, time.perf_counter() - t0)

    print(json.dumps({'interpolateSeconds': best_interp, 'bandpassSeconds': best_bp, 'interpolated': out.tolist()}))


if __name__ == '__main__':
    main()
