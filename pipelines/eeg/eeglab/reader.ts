/**
 * EEGLAB .set reader. The .set file is a MAT file (level 5, or v7.3 = HDF5)
 * holding the EEG struct; the samples are inline in EEG.data or in a
 * separate .fdt file (float32, channels × samples column-major, so one frame
 * per sample). EEGLAB data are in µV. Inline data are decoded on open (MAT
 * compresses them, so no byte range maps to a sample range); .fdt data are
 * read by range.
 */
import { basename, dirname, extname, join } from 'node:path';
import { readFile, stat } from 'node:fs/promises';
import { PipelineError } from '../../errors';
import { allocFloat32 } from '../alloc';
import { guessChannelType } from '../channel-types';
import { RandomAccessFile, notFoundOrUnreadable } from '../file-io';
import { readMultiplexed } from '../multiplexed';
import type { InterleavedLayout } from '../multiplexed';
import { checkRange } from '../ranges';
import type { Annotation, ChannelInfo, ChannelRange, RecordingHeader, RecordingReader } from '../types';
import { splitChannels } from './fields';
import type { EeglabFields } from './fields';
import { eeglabFromHdf5 } from './from-hdf5';
import { EeglabFieldError, eeglabFromMat5 } from './from-mat5';
import { isHdf5Mat, MatFormatError } from './mat5';

export async function openEeglab(path: string): Promise<RecordingReader> {
  const name = basename(path);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw notFoundOrUnreadable(path, 'EEGLAB .set file', e);
  }
  let fields: EeglabFields;
  try {
    fields = isHdf5Mat(bytes) ? await eeglabFromHdf5(path) : eeglabFromMat5(bytes);
  } catch (e) {
    if (e instanceof EeglabFieldError || e instanceof MatFormatError || e instanceof RangeError) {
      throw new PipelineError('INVALID_FILE', `${name}: ${e.message}`);
    }
    if (e instanceof PipelineError) throw e;
    throw new PipelineError('INVALID_FILE', `${name}: cannot decode the MAT file (${(e as Error).message})`);
  }
  if (fields.trials > 1) {
    throw new PipelineError('UNSUPPORTED_FORMAT', `${name}: epoched dataset (${fields.trials} trials); only continuous EEGLAB data can be read as a recording`);
  }
  if (!(fields.srate > 0) || !(fields.nbchan >= 1) || !(fields.pnts >= 1)) {
    throw new PipelineError('INVALID_FILE', `${name}: srate, nbchan and pnts must be positive (found ${fields.srate}, ${fields.nbchan}, ${fields.pnts})`);
  }

  let fdt: RandomAccessFile | null = null;
  if (fields.data.kind === 'file' && /\.dat$/i.test(fields.data.name)) {
    throw new PipelineError('UNSUPPORTED_FORMAT', `${name}: keeps its data in the old EEGLAB .dat layout (${fields.data.name}); re-save the dataset in EEGLAB to get an .fdt`);
  }
  if (fields.data.kind === 'file') {
    const fdtPath = await findFdt(path, fields.data.name);
    fdt = await RandomAccessFile.open(fdtPath, 'EEGLAB .fdt data file');
    const need = fields.nbchan * fields.pnts * 4;
    if (fdt.size < need) {
      await fdt.close();
      throw new PipelineError('INVALID_FILE', `${basename(fdtPath)}: holds ${fdt.size} bytes but nbchan × pnts float32 values need ${need} (the file is truncated)`);
    }
  }
  return new EeglabReader(buildHeader(path, fields), fields, fdt);
}

/**
 * EEG.data names the .fdt; EEGLAB (and MNE) fall back to the .set's own name
 * with .fdt when that file is absent, e.g. after the dataset was renamed.
 */
async function findFdt(setPath: string, dataName: string): Promise<string> {
  const dir = dirname(setPath);
  const candidates = [join(dir, basename(dataName.replace(/\\/g, '/'))), join(dir, basename(setPath, extname(setPath)) + '.fdt')];
  for (const c of candidates) {
    try {
      if ((await stat(c)).isFile()) return c;
    } catch {
      /* try the next */
    }
  }
  throw new PipelineError(
    'FILE_NOT_FOUND',
    `${basename(setPath)} keeps its data in ${basename(candidates[0]!)}, which is missing (looked for ${[...new Set(candidates)].join(' and ')})`,
  );
}

function buildHeader(path: string, f: EeglabFields): RecordingHeader {
  const channels: ChannelInfo[] = Array.from({ length: f.nbchan }, (_, i) => {
    const loc = f.chanlocs[i];
    // Unnamed channels get MNE's default names so the two agree.
    const label = loc?.label || `EEG ${String(i).padStart(3, '0')}`;
    const details: Record<string, number | string> = {};
    if (loc?.position) Object.assign(details, loc.position);
    return {
      name: label,
      type: loc?.type ? loc.type.toUpperCase() : guessChannelType(label),
      unit: 'µV',
      fileUnit: 'µV',
      samplingRate: f.srate,
      sampleCount: f.pnts,
      details,
    };
  });
  // Latencies are 1-based samples; durations are in samples (NaN when empty, as MNE reports).
  const annotations: Annotation[] = f.events
    .filter((e) => Number.isFinite(e.latency))
    .map((e) => ({ onset: (e.latency - 1) / f.srate, duration: e.duration / f.srate, text: e.type }));
  return {
    format: 'EEGLAB',
    path,
    channels,
    samplingRate: f.srate,
    sampleCount: f.pnts,
    duration: f.pnts / f.srate,
    startTime: null,
    annotations,
    segments: [{ startSample: 0, sampleCount: f.pnts, onset: 0 }],
    gaps: [],
    details: {
      setname: f.setname,
      reference: f.ref,
      data: f.data.kind === 'file' ? f.data.name : 'inline',
    },
  };
}

class EeglabReader implements RecordingReader {
  private inline: Float32Array[] | null = null;

  constructor(
    readonly header: RecordingHeader,
    private readonly fields: EeglabFields,
    private readonly fdt: RandomAccessFile | null,
  ) {}

  async readSamples(start: number, end: number, channels?: number[]): Promise<ChannelRange> {
    const picks = checkRange(this.header, start, end, channels);
    const data = this.fields.data;
    if (data.kind === 'inline') {
      this.inline ??= splitChannels(data.flat, this.fields.nbchan, this.fields.pnts);
      const channels = this.inline;
      return { firstSample: picks.map(() => start), data: picks.map((c) => channels[c]!.slice(start, end)) };
    }
    const out = picks.map(() => allocFloat32(end - start));
    const layout: InterleavedLayout = { channelCount: this.fields.nbchan, type: 'IEEE_FLOAT_32', bigEndian: false, dataOffset: 0 };
    await readMultiplexed(this.fdt!, layout, start, end, picks, new Array(this.fields.nbchan).fill(1), out);
    return { firstSample: picks.map(() => start), data: out };
  }

  async close(): Promise<void> {
    await this.fdt?.close();
  }
}
