/**
 * BrainVision .vmrk markers: `Mk<n>=type,description,position,size,channel[,date]`.
 * Position is 1-based in data points; channel 0 means all channels. The first
 * "New Segment" marker may carry the recording start as YYYYMMDDhhmmssµµµµµµ.
 * Annotation text is "type/description", as MNE writes it, so the two agree.
 *
 * Some recorders write position 0. MNE 1.3 reads it as one sample before the
 * data and clips it to the data range: onset 0, duration shortened by one
 * sample, sorted before the markers at position 1. We do the same, with a
 * warning, instead of refusing the file.
 */
import { basename } from 'node:path';
import { PipelineError } from '../../errors';
import type { Annotation, ReaderWarning, StartTime } from '../types';
import { decodeText, numberedEntries, parseIni, splitFields } from './ini';

export interface Markers {
  annotations: Annotation[];
  startTime: StartTime | null;
  warnings: ReaderWarning[];
}

export function parseVmrk(path: string, bytes: Uint8Array, samplingRate: number, channelNames: string[]): Markers {
  const name = basename(path);
  const ini = parseIni(decodeText(bytes));
  if (!/^Brain ?Vision( Core| V-Amp)? Data( Exchange)? Marker File,? Version [12]\.0/i.test(ini.firstLine)) {
    throw new PipelineError('INVALID_FILE', `${name}: not a BrainVision marker file (first line is "${ini.firstLine.slice(0, 60)}")`);
  }
  const annotations: Annotation[] = [];
  const beforeData: Annotation[] = [];
  const atZero: string[] = [];
  let startTime: StartTime | null = null;
  for (const [n, value] of numberedEntries(ini, 'Marker Infos', 'Mk').sort((a, b) => a[0] - b[0])) {
    const [type = '', desc = '', pos = '', size = '', chan = '', date = ''] = splitFields(value);
    const position = Number(pos);
    if (!/^\d+$/.test(pos.trim())) {
      throw new PipelineError('INVALID_FILE', `${name}: Mk${n} position must be a whole number ≥ 1, found "${pos}"`);
    }
    const points = /^\d+$/.test(size.trim()) ? Number(size) : 0;
    const channel = Number(chan);
    const a: Annotation = position === 0
      ? { onset: 0, duration: Math.max(0, points - 1) / samplingRate, text: `${type}/${desc}` }
      : { onset: (position - 1) / samplingRate, duration: points / samplingRate, text: `${type}/${desc}` };
    if (channel > 0 && channelNames[channel - 1] !== undefined) a.channels = [channelNames[channel - 1]!];
    if (position === 0) {
      atZero.push(`Mk${n}`);
      beforeData.push(a);
    } else {
      annotations.push(a);
    }
    if (!startTime && type.trim() === 'New Segment') startTime = parseDate(date.trim());
  }
  const warnings: ReaderWarning[] = atZero.length ? [{
    code: 'BRAINVISION_MARKER_POSITION_ZERO',
    message: `${name}: ${atZero.join(', ')} ${atZero.length === 1 ? 'is' : 'are'} at position 0, one sample before the data (positions count from 1); ` +
      'read at onset 0 with the duration shortened by one sample, as MNE does',
  }] : [];
  return { annotations: beforeData.length ? [...beforeData, ...annotations] : annotations, startTime, warnings };
}

function parseDate(s: string): StartTime | null {
  const m = /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d{6})$/.exec(s);
  if (!m || s === '00000000000000000000') return null;
  const micro = Number(m[7]);
  return {
    iso: `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${micro ? '.' + m[7] : ''}`,
    subsecond: micro / 1e6,
  };
}
