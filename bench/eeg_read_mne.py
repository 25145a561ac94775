#!/usr/bin/python3
"""Times MNE reading every channel of an EDF/BDF/BrainVision/EEGLAB file into memory.

Usage: /usr/bin/python3 bench/eeg_read_mne.py FILE [REPEATS]
Prints one JSON line: {"seconds": best wall time of read_raw_*(preload=True)}.
Only the read call is timed: Python start-up and importing MNE are not. With
REPEATS = 1 in a fresh process it is the cold, one-off read.
"""
import json
import sys
import time

import mne

mne.set_log_level('ERROR')


def main():
    path = sys.argv[1]
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    read = {
        '.bdf': mne.io.read_raw_bdf, '.edf': mne.io.read_raw_edf,
        '.vhdr': mne.io.read_raw_brainvision, '.set': mne.io.read_raw_eeglab,
    }[path[path.rfind('.'):].lower()]
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        raw = read(path, preload=True)
        times.append(time.perf_counter() - t0)
        shape = raw._data.shape
        del raw
    print(json.dumps({'seconds': min(times), 'shape': list(shape), 'mne': mne.__version__}))


if __name__ == '__main__':
    main()
