/**
 * `neuroops inspect` output, written to a sink piece by piece: a recording's
 * report as text or JSON, with its annotations and any sample range streamed
 * (never one string for the whole), or the sample range alone as CSV or .npy.
 * A dataset's report is small and is written whole.
 */
import { PipelineError } from '../errors';
import { writeCsv, writeJsonChannels, writeNpy, writeTextChannels } from './export/samples';
import type { SampleFormat } from './export/samples';
import { TextWriter } from './export/text-writer';
import type { ChunkSink } from './export/text-writer';
import { dataRangeOnDataset, inspectDataset, inspectedKind, recordingReport } from './inspect';
import type { RecordingReport } from './inspect';
import { DEFAULT_ANNOTATION_LIMIT, dataHeading, formatInspectReport } from './inspect-format';
import type { TextOptions } from './inspect-format';
import { annotationList } from './annotation-table';
import type { AnnotationList } from './annotation-table';
import { openRecording } from './open';
import { checkRange } from './ranges';
import type { RecordingReader } from './types';

export type { ChunkSink } from './export/text-writer';
export type InspectFormat = SampleFormat;

export interface InspectOutputOptions extends TextOptions {
  format: InspectFormat;
  /** Sample indices [start, end) at the recording's rate. */
  dataRange?: [number, number];
}

export async function writeInspection(path: string, options: InspectOutputOptions, sink: ChunkSink): Promise<void> {
  const w = new TextWriter(sink);
  const { format, dataRange } = options;
  if ((format === 'csv' || format === 'npy') && !dataRange) {
    throw new PipelineError('INVALID_ARGUMENT', `--format ${format} writes samples: add --data START:END (sample indices, e.g. --data 0:1000)`);
  }
  if ((await inspectedKind(path)) === 'dataset') {
    if (dataRange) throw dataRangeOnDataset(path);
    const report = await inspectDataset(path);
    await w.text(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatInspectReport(report, options));
    await w.flush();
    return;
  }
  const reader = await openRecording(path);
  try {
    if (dataRange) checkRange(reader.header, dataRange[0], dataRange[1]);
    if (format === 'npy') await writeNpy(reader, dataRange![0], dataRange![1], w);
    else if (format === 'csv') await writeCsv(reader, dataRange![0], dataRange![1], w);
    else if (format === 'json') await writeJsonRecording(reader, path, dataRange, w);
    else await writeTextRecording(reader, path, dataRange, options, w);
    await w.flush();
  } finally {
    await reader.close();
  }
}

async function writeTextRecording(reader: RecordingReader, path: string, range: [number, number] | undefined, options: TextOptions, w: TextWriter): Promise<void> {
  // Only the annotations listed are made into objects.
  const list = annotationList(reader.header);
  const limit = options.annotations ?? DEFAULT_ANNOTATION_LIMIT;
  const shown = Array.from({ length: limit === 'all' ? list.length : Math.min(limit, list.length) }, (_, i) => ({
    onset: list.onset(i), duration: list.duration(i), text: list.text(i),
  }));
  await w.text(formatInspectReport(recordingReport(path, reader.header, shown), { ...options, annotationTotal: list.length }));
  if (!range) return;
  await w.text(`\n${dataHeading(range[0], range[1])}\n`);
  await writeTextChannels(reader, range[0], range[1], w);
}

/**
 * The report as pretty JSON, except that arrays (annotations, segments,
 * gaps, channels' values) hold one compact element per line, so that a
 * million annotations or a full recording stream out line by line.
 */
async function writeJsonRecording(reader: RecordingReader, path: string, range: [number, number] | undefined, w: TextWriter): Promise<void> {
  const report = recordingReport(path, reader.header, []);
  const entries = Object.entries(report) as Array<[keyof RecordingReport, unknown]>;
  await w.text('{\n');
  for (let i = 0; i < entries.length; i++) {
    const [key, value] = entries[i]!;
    const comma = i < entries.length - 1 || range ? ',' : '';
    if (key === 'annotations') {
      await writeJsonAnnotations(annotationList(reader.header), comma, w);
    } else if (Array.isArray(value) && value.length > 0) {
      await w.text(`  ${JSON.stringify(key)}: [\n`);
      for (let k = 0; k < value.length; k++) {
        if (w.full) await w.flush();
        await w.text(`    ${JSON.stringify(value[k])}${k < value.length - 1 ? ',' : ''}\n`);
      }
      await w.text(`  ]${comma}\n`);
    } else {
      await w.text(`  ${JSON.stringify(key)}: ${JSON.stringify(value, null, 2).replace(/\n/g, '\n  ')}${comma}\n`);
    }
  }
  if (range) {
    await w.text(`  "data": {\n    "start": ${range[0]},\n    "end": ${range[1]},\n    "channels": [\n`);
    await writeJsonChannels(reader, range[0], range[1], w, '      ');
    await w.text('    ]\n  }\n');
  }
  await w.text('}\n');
}

/**
 * `"annotations": [...]`, one `{"onset", "duration", "text"}` per line
 * (duration null when not finite), each distinct text escaped once.
 */
async function writeJsonAnnotations(list: AnnotationList, comma: string, w: TextWriter): Promise<void> {
  if (list.length === 0) {
    await w.text(`  "annotations": []${comma}\n`);
    return;
  }
  await w.text('  "annotations": [\n');
  const encoder = new TextEncoder();
  const tails = new Map<string, Uint8Array>();
  const onsetKey = encoder.encode('    {"onset":');
  const durationKey = encoder.encode(',"duration":');
  for (let i = 0; i < list.length; i++) {
    if (w.full) await w.flush();
    const text = list.text(i);
    let tail = tails.get(text);
    if (tail === undefined) tails.set(text, (tail = encoder.encode(`,"text":${JSON.stringify(text)}}`)));
    const d = list.duration(i);
    w.small(onsetKey);
    w.ascii(String(list.onset(i)));
    w.small(durationKey);
    w.ascii(Number.isFinite(d) ? String(d) : 'null');
    if (tail.length > 48) await w.bytes(tail);
    else w.small(tail);
    if (i < list.length - 1) w.byte(0x2c);
    w.byte(0x0a);
  }
  await w.text(`  ]${comma}\n`);
}
