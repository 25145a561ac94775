/**
 * Turns a parsed EDF header and its annotations into the shared
 * RecordingHeader: channels in µV with unique names, the start time with its
 * sub-second part, annotations relative to the first sample, and the
 * segments and gaps of an EDF+D file.
 */
import { guessChannelType, isTriggerLabel } from '../channel-types';
import type { Annotation, ChannelInfo, Gap, RecordingHeader, Segment } from '../types';
import { normaliseUnit, voltageScaleToMicrovolts } from '../units';
import type { EdfHeader, EdfSignal } from './header';
import type { AnnotationTable } from '../annotation-table';
import type { TalScanner } from './tal';

export function buildHeader(path: string, edf: EdfHeader, signals: EdfSignal[], tals: TalScanner | null): RecordingHeader {
  const maxSpr = Math.max(...signals.map((s) => s.samplesPerRecord));
  const samplingRate = maxSpr / edf.recordDuration;
  const names = uniqueNames(signals.map((s) => s.label));
  const channels: ChannelInfo[] = signals.map((s, i) => {
    const isTrigger = isTriggerLabel(s.label);
    const fileUnit = s.physicalDimension;
    const voltage = voltageScaleToMicrovolts(fileUnit) !== null;
    return {
      name: names[i]!,
      type: isTrigger ? 'TRIG' : guessChannelType(s.label),
      unit: isTrigger ? '' : voltage ? 'µV' : normaliseUnit(fileUnit),
      fileUnit,
      samplingRate: s.samplesPerRecord / edf.recordDuration,
      sampleCount: s.samplesPerRecord * edf.recordCount,
      details: {
        transducer: s.transducer,
        prefiltering: s.prefiltering,
        physicalMin: s.physicalMin,
        physicalMax: s.physicalMax,
        digitalMin: s.digitalMin,
        digitalMax: s.digitalMax,
      },
    };
  });

  // The first TAL of each record is its start time relative to the header's
  // start second; the first record's value is the sub-second part of the
  // start time, and annotation onsets are relative to it.
  const recordOnsets = tals?.recordOnsets ?? new Float64Array(0);
  const first = recordOnsets[0] ?? 0;
  const { segments, gaps } = segmentsFrom(edf, recordOnsets.map((t) => t - first), maxSpr);
  const d = edf.startDate;
  const c = edf.startClock;
  const p2 = (n: number) => String(n).padStart(2, '0');
  const subsecond = first > 0 && first < 1 ? first : 0;
  const frac = subsecond ? String(Number(subsecond.toFixed(7))).slice(1) : '';
  const header: RecordingHeader = {
    format: edf.isBdf ? (edf.plusType ? 'BDF+' : 'BDF') : edf.plusType ? 'EDF+' : 'EDF',
    path,
    channels,
    samplingRate,
    sampleCount: maxSpr * edf.recordCount,
    duration: edf.recordCount * edf.recordDuration,
    startTime: d && c ? { iso: `${d.year}-${p2(d.month)}-${p2(d.day)}T${p2(c.hour)}:${p2(c.minute)}:${p2(c.second)}${frac}`, subsecond } : null,
    annotations: [],
    ...(tals ? { annotationTable: tals.annotations } : {}),
    segments,
    gaps,
    details: {
      patientId: edf.patientId,
      recordingId: edf.recordingId,
      recordCount: edf.recordCount,
      recordDuration: edf.recordDuration,
      ...(edf.recordCountInferred ? { recordCountInferred: 'header said -1; count taken from the file size' } : {}),
    },
  };
  if (tals) lazyAnnotations(header, tals.annotations);
  return header;
}

/** `header.annotations` as objects, built from the columns the first time it is read (or replaced when assigned). */
function lazyAnnotations(header: RecordingHeader, table: AnnotationTable): void {
  let built: Annotation[] | null = null;
  Object.defineProperty(header, 'annotations', {
    enumerable: true,
    configurable: true,
    get: () => (built ??= table.toArray()),
    set: (v: Annotation[]) => void (built = v),
  });
}

/**
 * EDF labels may repeat (two "EEG" signals); downstream code needs unique
 * names. Repeats become "label-0", "label-1", … in order — MNE's renaming, so
 * names agree with it (falling back to "-a", "-b", … if that name is taken).
 */
function uniqueNames(labels: string[]): string[] {
  const out = [...labels];
  const dups = new Set(labels.filter((l, i) => labels.indexOf(l) !== i));
  for (const stem of dups) {
    let k = 0;
    labels.forEach((l, i) => {
      if (l !== stem) return;
      const candidates = [String(k++), ...'abcdefghijklmnopqrstuvwxyz'];
      out[i] = candidates.map((c) => `${stem}-${c}`).find((n) => !out.includes(n)) ?? `${stem}-${i}`;
    });
  }
  return out;
}

/** Contiguous runs of records; in EDF+C there is one, in EDF+D a gap wherever a record starts late. */
function segmentsFrom(edf: EdfHeader, onsets: Float64Array, spr: number): { segments: Segment[]; gaps: Gap[] } {
  const dur = edf.recordDuration;
  if (edf.plusType !== 'D' || onsets.length === 0) {
    return { segments: [{ startSample: 0, sampleCount: spr * edf.recordCount, onset: 0 }], gaps: [] };
  }
  const segments: Segment[] = [];
  const gaps: Gap[] = [];
  let seg: Segment = { startSample: 0, sampleCount: spr, onset: onsets[0]! };
  for (let r = 1; r < onsets.length; r++) {
    const expected = onsets[r - 1]! + dur;
    const gap = onsets[r]! - expected;
    if (gap > 1e-6 * Math.max(1, dur)) {
      segments.push(seg);
      gaps.push({ onset: expected, duration: gap });
      seg = { startSample: r * spr, sampleCount: spr, onset: onsets[r]! };
    } else {
      seg.sampleCount += spr;
    }
  }
  segments.push(seg);
  return { segments, gaps };
}
