/**
 * BrainVision (INT_16, multiplexed) and EEGLAB (.set + float32 .fdt) files
 * for the read bench, written block by block. The .set (MAT v5) is written by
 * scipy through bench/eeglab_set.py, as EEGLAB files are MATLAB structs.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

export interface BenchShape {
  channels: number;
  rate: number;
  seconds: number;
}

/** Frames of `bytesPerValue` values, from a few random blocks of one second repeated. */
async function writeFrames(path: string, shape: BenchShape, bytesPerValue: number, fill: (b: Buffer) => void): Promise<void> {
  const blockBytes = shape.channels * shape.rate * bytesPerValue;
  const variants = Array.from({ length: 7 }, () => {
    const b = Buffer.alloc(blockBytes);
    fill(b);
    return b;
  });
  const out = createWriteStream(path);
  for (let s = 0; s < shape.seconds; s++) {
    if (!out.write(variants[s % variants.length])) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

export async function writeBenchBrainVision(dir: string, base: string, shape: BenchShape): Promise<string> {
  const names = Array.from({ length: shape.channels }, (_, i) => `EEG${i + 1}`);
  const vhdr = [
    'Brain Vision Data Exchange Header File Version 1.0', '[Common Infos]', 'Codepage=UTF-8',
    `DataFile=${base}.eeg`, `MarkerFile=${base}.vmrk`, 'DataFormat=BINARY', 'DataOrientation=MULTIPLEXED',
    `NumberOfChannels=${shape.channels}`, `SamplingInterval=${1e6 / shape.rate}`, '[Binary Infos]', 'BinaryFormat=INT_16',
    '[Channel Infos]', ...names.map((n, i) => `Ch${i + 1}=${n},,0.1,µV`), '',
  ].join('\n');
  const vmrk = [
    'Brain Vision Data Exchange Marker File, Version 1.0', '[Common Infos]', 'Codepage=UTF-8', `DataFile=${base}.eeg`,
    '[Marker Infos]', 'Mk1=New Segment,,1,1,0,20240101100000000000', '',
  ].join('\n');
  await writeFile(join(dir, `${base}.vhdr`), vhdr);
  await writeFile(join(dir, `${base}.vmrk`), vmrk);
  await writeFrames(join(dir, `${base}.eeg`), shape, 2, (b) => {
    for (let i = 0; i < b.length; i++) b[i] = (Math.random() * 256) | 0;
  });
  return join(dir, `${base}.vhdr`);
}

export async function writeBenchEeglab(dir: string, base: string, shape: BenchShape): Promise<string> {
  await writeFrames(join(dir, `${base}.fdt`), shape, 4, (b) => {
    for (let i = 0; i < b.length; i += 4) b.writeFloatLE((Math.random() - 0.5) * 200, i);
  });
  const set = join(dir, `${base}.set`);
  execFileSync('/usr/bin/python3', [
    join(import.meta.dirname, '..', 'eeglab_set.py'), set, basename(`${base}.fdt`),
    String(shape.channels), String(shape.rate * shape.seconds), String(shape.rate),
  ]);
  return set;
}
