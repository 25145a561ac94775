/**
 * BrainVision .vhdr: where the data is, how it is laid out, and the channels.
 * Follows the BrainVision Core Data Format 1.0 specification, including the
 * defaults it gives for omitted fields (resolution 1, unit µV, little-endian).
 */
import { basename, dirname, resolve } from 'node:path';
import { PipelineError } from '../../errors';
import { decodeText, iniGet, numberedEntries, parseIni, splitFields } from './ini';
import type { IniFile } from './ini';

import { SAMPLE_BYTES as BYTES_PER_SAMPLE } from '../multiplexed';
import type { SampleType as BinaryFormat } from '../multiplexed';

export interface VhdrChannel {
  name: string;
  reference: string;
  /** Value of one digital step, in `unit`. */
  resolution: number;
  unit: string;
}

export interface Vhdr {
  path: string;
  dataPath: string;
  markerPath: string | null;
  dataFormat: 'BINARY' | 'ASCII';
  orientation: 'MULTIPLEXED' | 'VECTORIZED';
  binaryFormat: BinaryFormat;
  bigEndian: boolean;
  /** ASCII only: header lines and leading columns to skip, decimal symbol. */
  ascii: { skipLines: number; skipColumns: number; decimalSymbol: string };
  samplingIntervalUs: number;
  channels: VhdrChannel[];
  codepage: string;
}

const HEADER_LINE = /^Brain ?Vision( Core| V-Amp)? Data( Exchange)? Header File,? Version [12]\.0/i;

export function parseVhdr(path: string, bytes: Uint8Array): Vhdr {
  const name = basename(path);
  const ini = parseIni(decodeText(bytes));
  if (!HEADER_LINE.test(ini.firstLine)) {
    throw new PipelineError('INVALID_FILE', `${name}: not a BrainVision header (first line is "${ini.firstLine.slice(0, 60)}")`);
  }
  const need = (section: string, key: string): string => {
    const v = iniGet(ini, section, key);
    if (v === undefined || v === '') throw new PipelineError('INVALID_FILE', `${name}: [${section}] ${key} is missing`);
    return v;
  };
  const positive = (section: string, key: string): number => {
    const text = need(section, key);
    const n = Number(text);
    if (!/^\s*[+]?\d*\.?\d+([eE][+-]?\d+)?\s*$/.test(text) || !(n > 0)) {
      throw new PipelineError('INVALID_FILE', `${name}: [${section}] ${key} must be a positive number, found "${text}"`);
    }
    return n;
  };

  const dataFormat = (iniGet(ini, 'Common Infos', 'DataFormat') ?? 'BINARY').toUpperCase();
  if (dataFormat !== 'BINARY' && dataFormat !== 'ASCII') {
    throw new PipelineError('UNSUPPORTED_FORMAT', `${name}: DataFormat "${dataFormat}" is not BINARY or ASCII`);
  }
  const orientation = (iniGet(ini, 'Common Infos', 'DataOrientation') ?? 'MULTIPLEXED').toUpperCase();
  if (orientation !== 'MULTIPLEXED' && orientation !== 'VECTORIZED') {
    throw new PipelineError('UNSUPPORTED_FORMAT', `${name}: DataOrientation "${orientation}" is not MULTIPLEXED or VECTORIZED`);
  }
  const binaryFormat = (iniGet(ini, 'Binary Infos', 'BinaryFormat') ?? 'INT_16').toUpperCase();
  if (dataFormat === 'BINARY' && !(binaryFormat in BYTES_PER_SAMPLE)) {
    throw new PipelineError(
      'UNSUPPORTED_FORMAT',
      `${name}: unknown BinaryFormat "${binaryFormat}" (supported: ${Object.keys(BYTES_PER_SAMPLE).join(', ')})`,
    );
  }
  const nch = positive('Common Infos', 'NumberOfChannels');
  if (!Number.isInteger(nch)) throw new PipelineError('INVALID_FILE', `${name}: NumberOfChannels must be a whole number, found ${nch}`);

  const channels = parseChannels(ini, name, nch);
  const markerFile = iniGet(ini, 'Common Infos', 'MarkerFile');
  return {
    path,
    dataPath: companionPath(path, need('Common Infos', 'DataFile')),
    markerPath: markerFile ? companionPath(path, markerFile) : null,
    dataFormat: dataFormat as Vhdr['dataFormat'],
    orientation: orientation as Vhdr['orientation'],
    binaryFormat: binaryFormat as BinaryFormat,
    bigEndian: /^(yes|true|1)$/i.test(iniGet(ini, 'Binary Infos', 'UseBigEndianOrder') ?? 'NO'),
    ascii: {
      skipLines: Number(iniGet(ini, 'ASCII Infos', 'SkipLines') ?? 0) || 0,
      skipColumns: Number(iniGet(ini, 'ASCII Infos', 'SkipColumns') ?? 0) || 0,
      decimalSymbol: iniGet(ini, 'ASCII Infos', 'DecimalSymbol') ?? '.',
    },
    samplingIntervalUs: positive('Common Infos', 'SamplingInterval'),
    channels,
    codepage: iniGet(ini, 'Common Infos', 'Codepage') ?? '',
  };
}

/**
 * Where a DataFile/MarkerFile entry points. The spec lets "$b" stand for the
 * header's base name (Analyzer exports write "DataFile=$b.eeg"); names are
 * relative to the header's folder, and Windows separators are accepted.
 * An absolute Windows path from the recording PC cannot exist here, so only
 * its file name is kept.
 */
function companionPath(vhdrPath: string, entry: string): string {
  const base = basename(vhdrPath).replace(/\.[^.]*$/, '');
  const name = entry.replace(/\$b/g, base).replace(/\\/g, '/');
  return /^[a-zA-Z]:\//.test(name) ? resolve(dirname(vhdrPath), basename(name)) : resolve(dirname(vhdrPath), name);
}

function parseChannels(ini: IniFile, name: string, nch: number): VhdrChannel[] {
  const entries = numberedEntries(ini, 'Channel Infos', 'Ch');
  const channels: VhdrChannel[] = new Array(nch);
  for (const [n, value] of entries) {
    if (n < 1 || n > nch) {
      throw new PipelineError('INVALID_FILE', `${name}: Ch${n} is outside NumberOfChannels=${nch}`);
    }
    const [chName = '', reference = '', res = '', unit = ''] = splitFields(value);
    // Spec defaults: an empty resolution is 1 and an empty unit is µV.
    const resolution = res.trim() === '' ? 1 : Number(res);
    if (!Number.isFinite(resolution)) {
      throw new PipelineError('INVALID_FILE', `${name}: Ch${n} resolution is not a number: "${res}"`);
    }
    channels[n - 1] = { name: chName.trim(), reference: reference.trim(), resolution, unit: unit.trim() || 'µV' };
  }
  for (let i = 0; i < nch; i++) {
    if (!channels[i]) {
      throw new PipelineError('INVALID_FILE', `${name}: NumberOfChannels is ${nch} but [Channel Infos] has no Ch${i + 1}`);
    }
  }
  return channels;
}
