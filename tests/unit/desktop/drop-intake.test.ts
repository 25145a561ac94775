import { describe, expect, it } from 'vitest';
import { intakeOf } from '../../../renderer/shell/desktop/drop-intake';

const file = (name: string) => new File(['x'], name);

describe('a drop on the window', () => {
  const paths: Record<string, string> = { 'study.zip': '/data/study.zip', 'study': '/data/study', 'bundle.zip': '/data/bundle.zip' };
  const pathForFile = (f: File) => paths[f.name] ?? '';

  it('in the desktop app: the dropped file or folder goes on by its path, whatever it is (the core identifies it)', () => {
    expect(intakeOf([file('study')], pathForFile)).toEqual({ kind: 'path', path: '/data/study', name: 'study' });
    expect(intakeOf([file('bundle.zip')], pathForFile)).toEqual({ kind: 'path', path: '/data/bundle.zip', name: 'bundle.zip' });
  });

  it('refuses nothing, several things at once, and things with no place on disk, saying what to drop', () => {
    expect(intakeOf([], pathForFile)).toMatchObject({ kind: 'refused', message: expect.stringContaining('Drop a BIDS dataset (a folder, or a .zip of one) or a model bundle') });
    expect(intakeOf([file('study'), file('bundle.zip')], pathForFile)).toMatchObject({ kind: 'refused', message: '2 items were dropped; drop one dataset or bundle at a time.' });
    expect(intakeOf([file('clipping.png')], pathForFile)).toMatchObject({ kind: 'refused', message: expect.stringContaining('"clipping.png" has no place on disk') });
  });

  it('in a browser: a zip is uploaded as a model bundle; anything else is refused with what to do instead', () => {
    const zip = file('bundle.zip');
    expect(intakeOf([zip])).toEqual({ kind: 'upload', file: zip });
    expect(intakeOf([file('sub-01_eeg.edf')])).toMatchObject({ kind: 'refused', message: expect.stringContaining('neuroops inspect PATH') });
  });
});
