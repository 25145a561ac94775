/** Writes BrainVision triplets (.vhdr/.vmrk/.eeg) in any binary format, orientation, line ending and encoding. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export type Format = 'INT_16' | 'INT_32' | 'IEEE_FLOAT_32';
export type Orientation = 'MULTIPLEXED' | 'VECTORIZED';

export interface BvSpec {
  base: string;
  format: Format | string;
  orientation: Orientation;
  channels: Array<{ name: string; resolution?: string; unit?: string }>;
  /** Raw (stored) values per channel. */
  raw: number[][];
  samplingIntervalUs?: number;
  markers?: string[];
  crlf?: boolean;
  /** Write the header and markers as Latin-1 with Codepage=ANSI (or no Codepage line at all). */
  latin1?: 'ANSI' | 'none';
  skipData?: boolean;
  headerLine?: string;
}

const BYTES: Record<string, number> = { INT_16: 2, INT_32: 4, IEEE_FLOAT_32: 4 };

export function encodeSamples(format: string, orientation: Orientation, raw: number[][]): Buffer {
  const nch = raw.length;
  const n = raw[0]!.length;
  const bps = BYTES[format] ?? 2;
  const buf = Buffer.alloc(nch * n * bps);
  for (let c = 0; c < nch; c++) {
    for (let s = 0; s < n; s++) {
      const i = orientation === 'MULTIPLEXED' ? s * nch + c : c * n + s;
      const v = raw[c]![s]!;
      if (format === 'INT_16' || !(format in BYTES)) buf.writeInt16LE(v, i * 2);
      else if (format === 'INT_32') buf.writeInt32LE(v, i * 4);
      else buf.writeFloatLE(v, i * 4);
    }
  }
  return buf;
}

export async function writeBrainVision(dir: string, spec: BvSpec): Promise<string> {
  const eol = spec.crlf ? '\r\n' : '\n';
  const codepage = spec.latin1 === 'ANSI' ? 'Codepage=ANSI' : spec.latin1 === 'none' ? '' : 'Codepage=UTF-8';
  const lines = [
    spec.headerLine ?? 'Brain Vision Data Exchange Header File Version 1.0',
    '; written by the NeuroOps tests',
    '',
    '[Common Infos]',
    codepage,
    `DataFile=${spec.base}.eeg`,
    `MarkerFile=${spec.base}.vmrk`,
    'DataFormat=BINARY',
    `DataOrientation=${spec.orientation}`,
    `NumberOfChannels=${spec.channels.length}`,
    `SamplingInterval=${spec.samplingIntervalUs ?? 2000}`,
    '',
    '[Binary Infos]',
    `BinaryFormat=${spec.format}`,
    '',
    '[Channel Infos]',
    ...spec.channels.map((c, i) => `Ch${i + 1}=${c.name.replace(/,/g, '\\1')},,${c.resolution ?? '1'},${c.unit ?? 'µV'}`),
    '',
  ].filter((l, i) => l !== '' || i !== 4);
  const marker = [
    'Brain Vision Data Exchange Marker File, Version 1.0',
    '',
    '[Common Infos]',
    codepage,
    `DataFile=${spec.base}.eeg`,
    '',
    '[Marker Infos]',
    ...(spec.markers ?? ['Mk1=New Segment,,1,1,0,20240131235959123456']),
    '',
  ];
  const enc = spec.latin1 ? 'latin1' : 'utf8';
  await writeFile(join(dir, `${spec.base}.vhdr`), Buffer.from(lines.join(eol), enc));
  await writeFile(join(dir, `${spec.base}.vmrk`), Buffer.from(marker.join(eol), enc));
  if (!spec.skipData) await writeFile(join(dir, `${spec.base}.eeg`), encodeSamples(spec.format, spec.orientation, spec.raw));
  return join(dir, `${spec.base}.vhdr`);
}
