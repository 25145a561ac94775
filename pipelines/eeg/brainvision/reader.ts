/**
 * BrainVision reader (.vhdr + .vmrk + binary .eeg).
 *
 * MULTIPLEXED data are frames of one sample per channel; VECTORIZED data are
 * all samples of channel 1, then channel 2, ... Either way a sample range
 * maps to byte ranges, so only those bytes are read. Values are
 * raw × resolution, then converted from the channel's unit to µV.
 */
import { basename } from 'node:path';
import { readFile } from 'node:fs/promises';
import { PipelineError } from '../../errors';
import { allocFloat32 } from '../alloc';
import { guessChannelType } from '../channel-types';
import { RandomAccessFile, notFoundOrUnreadable, requireFile } from '../file-io';
import { checkRange } from '../ranges';
import type { ChannelInfo, ChannelRange, RecordingHeader, RecordingReader } from '../types';
import { normaliseUnit, voltageScaleToMicrovolts } from '../units';
import { readAsciiData } from './ascii';
import { readMultiplexed, readVectorized, SAMPLE_BYTES } from '../multiplexed';
import type { InterleavedLayout } from '../multiplexed';
import { parseVhdr } from './header';
import type { Vhdr } from './header';
import { parseVmrk } from './markers';

export async function openBrainVision(path: string): Promise<RecordingReader> {
  let vhdrBytes: Uint8Array;
  try {
    vhdrBytes = await readFile(path);
  } catch (e) {
    throw notFoundOrUnreadable(path, 'BrainVision header', e);
  }
  const vhdr = parseVhdr(path, vhdrBytes);
  await requireFile(vhdr.dataPath, 'data file', path);
  const samplingRate = 1e6 / vhdr.samplingIntervalUs;

  const file = await RandomAccessFile.open(vhdr.dataPath, 'BrainVision data file');
  try {
    let ascii: Float32Array[] | null = null;
    let sampleCount: number;
    if (vhdr.dataFormat === 'ASCII') {
      ascii = await readAsciiData(vhdr, await file.read(0, file.size));
      sampleCount = ascii[0]?.length ?? 0;
    } else {
      const frame = vhdr.channels.length * SAMPLE_BYTES[vhdr.binaryFormat];
      sampleCount = Math.floor(file.size / frame);
    }
    if (sampleCount < 1) {
      throw new PipelineError('INVALID_FILE', `${basename(vhdr.dataPath)}: data file holds no complete sample for ${vhdr.channels.length} channels`);
    }

    let markers: ReturnType<typeof parseVmrk> = { annotations: [], startTime: null, warnings: [] };
    if (vhdr.markerPath) {
      await requireFile(vhdr.markerPath, 'marker file', path);
      markers = parseVmrk(vhdr.markerPath, await readFile(vhdr.markerPath), samplingRate, vhdr.channels.map((c) => c.name));
    }

    const channels: ChannelInfo[] = vhdr.channels.map((c) => {
      const voltage = voltageScaleToMicrovolts(c.unit) !== null;
      return {
        name: c.name,
        type: guessChannelType(c.name),
        unit: voltage ? 'µV' : normaliseUnit(c.unit),
        fileUnit: c.unit,
        samplingRate,
        sampleCount,
        details: { reference: c.reference, resolution: c.resolution },
      };
    });
    const header: RecordingHeader = {
      format: 'BrainVision',
      path,
      channels,
      samplingRate,
      sampleCount,
      duration: sampleCount / samplingRate,
      startTime: markers.startTime,
      annotations: markers.annotations,
      segments: [{ startSample: 0, sampleCount, onset: 0 }],
      gaps: [],
      details: {
        dataFile: basename(vhdr.dataPath),
        markerFile: vhdr.markerPath ? basename(vhdr.markerPath) : '',
        dataFormat: vhdr.dataFormat,
        orientation: vhdr.orientation,
        binaryFormat: vhdr.binaryFormat,
        codepage: vhdr.codepage,
      },
      ...(markers.warnings.length ? { warnings: markers.warnings } : {}),
    };
    return new BrainVisionReader(file, vhdr, header, ascii);
  } catch (e) {
    await file.close();
    throw e;
  }
}

class BrainVisionReader implements RecordingReader {
  private readonly gains: number[];
  private readonly layout: InterleavedLayout;

  constructor(
    private readonly file: RandomAccessFile,
    private readonly vhdr: Vhdr,
    readonly header: RecordingHeader,
    private readonly ascii: Float32Array[] | null,
  ) {
    this.layout = { channelCount: vhdr.channels.length, type: vhdr.binaryFormat, bigEndian: vhdr.bigEndian, dataOffset: 0 };
    this.gains = vhdr.channels.map((c) => c.resolution * (voltageScaleToMicrovolts(c.unit) ?? 1));
  }

  async readSamples(start: number, end: number, channels?: number[]): Promise<ChannelRange> {
    const picks = checkRange(this.header, start, end, channels);
    const n = end - start;
    const out = picks.map(() => allocFloat32(n));
    if (this.ascii) {
      picks.forEach((c, k) => {
        const src = this.ascii![c]!;
        const g = this.gains[c]!;
        for (let i = 0; i < n; i++) out[k]![i] = src[start + i]! * g;
      });
    } else if (this.vhdr.orientation === 'MULTIPLEXED') {
      await readMultiplexed(this.file, this.layout, start, end, picks, this.gains, out);
    } else {
      await readVectorized(this.file, this.layout, this.header.sampleCount, start, end, picks, this.gains, out);
    }
    return { firstSample: picks.map(() => start), data: out };
  }

  async close(): Promise<void> {
    await this.file.close();
  }
}
