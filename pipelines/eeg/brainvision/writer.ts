/**
 * Writes a BrainVision triplet (.vhdr, .vmrk, .eeg) as INT_16, multiplexed, which
 * is what most BrainVision amplifiers record: the demo dataset's BrainVision site.
 */

export interface BrainVisionSpec {
  /** File name stem: `<base>.vhdr`, `<base>.vmrk`, `<base>.eeg`. */
  base: string;
  sfreq: number;
  /** µV per stored unit. */
  resolutionUv: number;
  channels: ReadonlyArray<string>;
  /** µV per channel, all the same length. */
  data: ReadonlyArray<ArrayLike<number>>;
  /** Markers after the New Segment one: type, description, sample position (0-based). */
  markers?: Array<{ type: string; description: string; sample: number }>;
}

export interface BrainVisionFiles {
  vhdr: Uint8Array;
  vmrk: Uint8Array;
  eeg: Uint8Array;
}

function text(lines: string[]): Uint8Array {
  return new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
}

export function writeBrainVision(spec: BrainVisionSpec): BrainVisionFiles {
  const nch = spec.channels.length;
  const n = spec.data[0]?.length ?? 0;
  const vhdr = text([
    'Brain Vision Data Exchange Header File Version 1.0',
    '',
    '[Common Infos]',
    'Codepage=UTF-8',
    `DataFile=${spec.base}.eeg`,
    `MarkerFile=${spec.base}.vmrk`,
    'DataFormat=BINARY',
    'DataOrientation=MULTIPLEXED',
    `NumberOfChannels=${nch}`,
    `SamplingInterval=${1e6 / spec.sfreq}`,
    '',
    '[Binary Infos]',
    'BinaryFormat=INT_16',
    '',
    '[Channel Infos]',
    ...spec.channels.map((name, i) => `Ch${i + 1}=${name.replace(/,/g, '\\1')},,${spec.resolutionUv},µV`),
  ]);
  const markers = [{ type: 'New Segment', description: '', sample: 0 }, ...(spec.markers ?? [])];
  const vmrk = text([
    'Brain Vision Data Exchange Marker File, Version 1.0',
    '',
    '[Common Infos]',
    'Codepage=UTF-8',
    `DataFile=${spec.base}.eeg`,
    '',
    '[Marker Infos]',
    ...markers.map((m, i) => `Mk${i + 1}=${m.type},${m.description},${m.sample + 1},1,0`),
  ]);
  const eeg = new Uint8Array(nch * n * 2);
  const view = new DataView(eeg.buffer);
  for (let s = 0; s < n; s++) {
    for (let c = 0; c < nch; c++) {
      const v = Math.round(spec.data[c]![s]! / spec.resolutionUv);
      view.setInt16((s * nch + c) * 2, Math.max(-32768, Math.min(32767, v)), true);
    }
  }
  return { vhdr, vmrk, eeg };
}
