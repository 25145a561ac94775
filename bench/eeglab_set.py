#!/usr/bin/python3
"""Writes an EEGLAB .set (MAT v5) whose data live in a float32 .fdt beside it.

Usage: /usr/bin/python3 bench/eeglab_set.py OUT.set DATA.fdt NBCHAN PNTS SRATE
"""
import sys

import numpy as np
from scipy.io import savemat


def main():
    out, fdt, nbchan, pnts, srate = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
    chan_dtype = [('labels', 'O'), ('type', 'O')]
    chanlocs = np.array([('EEG%d' % (i + 1), 'EEG') for i in range(nbchan)], dtype=chan_dtype).reshape(1, -1)
    eeg = {
        'setname': 'bench', 'filename': out.split('/')[-1], 'nbchan': float(nbchan), 'trials': 1.0,
        'pnts': float(pnts), 'srate': srate, 'xmin': 0.0, 'xmax': (pnts - 1) / srate, 'times': np.zeros((0, 0)),
        'data': fdt, 'chanlocs': chanlocs, 'event': np.zeros((0, 0)), 'ref': 'common', 'icawinv': np.zeros((0, 0)),
        'icasphere': np.zeros((0, 0)), 'icaweights': np.zeros((0, 0)), 'icaact': np.zeros((0, 0)),
        'epoch': np.zeros((0, 0)), 'chaninfo': {'nosedir': '+X'}, 'urevent': np.zeros((0, 0)),
    }
    savemat(out, {'EEG': eeg}, format='5', oned_as='row')


if __name__ == '__main__':
    main()
