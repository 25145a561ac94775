/**
 * PREP's robust average reference (Bigdely-Shamlo et al. 2015, as pyprep's
 * Reference.perform_reference does it), with the bad_channels step's
 * thresholds:
 * 1. Detect on the data as they come; NaN, flat and low-SNR channels are
 *    unusable and never enter the reference.
 * 2. Start from the median over the usable channels; then repeatedly subtract
 *    the current reference, detect bad channels on the result (accumulating
 *    them), interpolate those in a copy of the original data, and take the
 *    mean over the usable channels of that copy as the next reference. Stop
 *    when the set of bad channels no longer changes (after at least two
 *    rounds), or is empty, or after `maxIterations` rounds.
 * 3. Subtract that reference from every channel, detect bad channels again,
 *    interpolate them (with the unusable ones), and remove the mean that the
 *    interpolation leaves.
 * 4. Detect once more and report any channel still bad (not acted upon).
 */
import { PipelineError } from '../../errors';
import { channelPositions } from '../../eeg/montage';
import type { Xyz } from '../../eeg/montage';
import { detectBadChannels } from '../bad-channels/detect';
import { prepLowpass } from '../bad-channels/hf-lowpass';
import type { BadReason, Detection, DetectionParams, SharedDetection } from '../bad-channels/detect';
import { windowGram } from '../bad-channels/window-correlations';
import { interpolateBadChannels } from '../bad-channels/interpolate';
import { medianOver } from '../bad-channels/sample-median';
import type { StepOf } from '../spec';
import type { EegState, RecordingContext, StepReport, StepResult } from '../types';
import { detectionReport } from './bad-channels';

type Channels = Float32Array[];

interface Setup {
  names: readonly string[];
  sfreq: number;
  params: DetectionParams;
  positions: ReadonlyArray<Xyz | null>;
  label: string;
}

export function robustAverageReference(
  state: EegState,
  step: StepOf<'average_reference'>,
  badStep: StepOf<'bad_channels'>,
  ctx: RecordingContext,
): { result: StepResult; detection: StepReport } {
  const { channels: names, sfreq } = state;
  const placed = channelPositions(names, ctx.electrodes);
  const setup: Setup = { names, sfreq, params: badStep.params, positions: placed.positions, label: ctx.label };
  const signal = state.data;
  const detect = (data: Channels, shared?: SharedDetection) => detectBadChannels(data, names, sfreq, badStep.params, shared);
  // Detection low-passes what it is given; low(signal − reference) = low(signal) − low(reference),
  // so the channels are filtered once here and each round filters only its reference.
  const lowSignal = prepLowpass(signal, sfreq);
  const gram = windowGram(lowSignal, Math.trunc(badStep.params.correlationWindowSeconds * sfreq));
  // Every detection on re-referenced data writes into the same two sets of channels.
  const referenced = signal.map((x) => new Float32Array(x.length));
  const lowReferenced = signal.map((x) => new Float32Array(x.length));
  let referencedFrom: Float64Array | null = null;
  const detectReferenced = (reference: Float64Array) => {
    subtractInto(referenced, signal, reference);
    referencedFrom = reference;
    const lowReference = lowpassedReference(reference, sfreq);
    subtractInto(lowReferenced, lowSignal, lowReference);
    return detect(referenced, { lowpassed: lowReferenced, gram: gram ? { gram, reference: lowReference } : undefined });
  };
  const initial = detect(signal, { lowpassed: lowSignal, gram: gram ? { gram, reference: null } : undefined, unusableOnly: true });
  const unusable = new Set([...initial.by.nan, ...initial.by.flat, ...initial.by.snr]);
  const refIdx = names.flatMap((n, i) => (unusable.has(n) ? [] : [i]));
  if (refIdx.length < 2) throw tooManyBad(ctx.label, names.length, unusable.size);

  // The mean reference is a function of the set of channels interpolated for it, and
  // detection is deterministic: once the set stops changing, the next round and the
  // final detection would repeat the last one on the same numbers, so they reuse it.
  const byInterpolated = new Map<string, { reference: Float64Array; found: Detection }>();
  const meanReference = (bad: ReadonlySet<string>) => {
    const key = names.filter((n) => bad.has(n)).join('\n');
    let entry = byInterpolated.get(key);
    if (!entry) {
      const reference = meanOver(bad.size ? interpolated(signal, bad, setup) : signal, refIdx);
      entry = { reference, found: detectReferenced(reference) };
      byInterpolated.set(key, entry);
    }
    return entry;
  };

  const accumulated = Object.fromEntries(Object.keys(initial.by).map((k) => [k, new Set<string>()])) as Record<BadReason, Set<string>>;
  let found = detectReferenced(medianOver(signal, refIdx));
  let previous = new Set<string>();
  let bad = new Set<string>();
  const maxIterations = step.params.maxIterations ?? 4;
  for (let iteration = 0; ; iteration++) {
    for (const [why, chs] of Object.entries(found.by) as Array<[BadReason, string[]]>) for (const c of chs) accumulated[why].add(c);
    bad = new Set((Object.keys(accumulated) as BadReason[]).filter((k) => k !== 'snr').flatMap((k) => [...accumulated[k]]));
    if ((iteration > 1 && (bad.size === 0 || sameSet(bad, previous))) || iteration > maxIterations) break;
    previous = bad;
    if (names.length - bad.size < 2) throw tooManyBad(ctx.label, names.length, bad.size);
    found = meanReference(bad).found;
  }

  // Reference from the data with every accumulated bad channel interpolated.
  const { reference, found: afterReference } = meanReference(bad);
  // Usually the last detection was on this very reference: its re-referenced channels are the result.
  if (referencedFrom === reference) signal.forEach((x, c) => x.set(referenced[c]!));
  else subtractInPlace(signal, reference);
  const toInterpolate = new Set([...afterReference.bad, ...unusable]);
  if (toInterpolate.size) interpolateBadChannels(signal, names, setup.positions, toInterpolate, ctx.label);
  subtractInPlace(signal, meanOver(signal, refIdx));
  // With no channel interpolated, for the reference or now, that correction only
  // removes the rounding of the mean just subtracted (zero in exact arithmetic): the
  // data are those detected on after referencing, where nothing was bad.
  const stillBad = toInterpolate.size || bad.size ? detect(signal).bad : [];

  const interpolatedNames = names.filter((n) => toInterpolate.has(n));
  const detection = detectionReport(afterReference, interpolatedNames, interpolatedNames.length ? placed.source : null, {
    robustReference: true,
    unusable: names.filter((n) => unusable.has(n)),
    usedForReferenceEstimate: names.filter((n) => !bad.has(n) && !unusable.has(n)),
    stillBad,
  });
  const summary = `robust average (PREP) over ${refIdx.length} channels; interpolated ${interpolatedNames.length ? interpolatedNames.join(', ') : 'none'}${stillBad.length ? `; still bad after interpolation: ${stillBad.join(', ')}` : ''}`;
  return {
    result: { state, report: { step: 'average_reference', summary, details: { method: 'robust', channels: refIdx.length, interpolated: interpolatedNames, stillBad } } },
    detection,
  };
}

function tooManyBad(label: string, total: number, bad: number): PipelineError {
  return new PipelineError('TOO_MANY_BAD_CHANNELS', `${label}: ${bad} of ${total} EEG channels are bad, too few are left for a robust average reference. Check the recording, or loosen the bad_channels thresholds in the spec.`);
}

function interpolated(signal: Channels, bad: ReadonlySet<string>, setup: Setup): Channels {
  const copy = signal.map((x) => Float32Array.from(x));
  interpolateBadChannels(copy, setup.names, setup.positions, bad, setup.label);
  return copy;
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

function meanOver(data: Channels, idx: readonly number[]): Float64Array {
  const n = data[0]?.length ?? 0;
  const out = new Float64Array(n);
  for (const c of idx) {
    const x = data[c]!;
    for (let i = 0; i < n; i++) out[i] = out[i]! + x[i]!;
  }
  for (let i = 0; i < n; i++) out[i] = out[i]! / idx.length;
  return out;
}

function lowpassedReference(reference: Float64Array, sfreq: number): Float64Array {
  return Float64Array.from(prepLowpass([Float32Array.from(reference)], sfreq)[0]!);
}

function subtractInto(out: Channels, data: Channels, reference: Float64Array): void {
  data.forEach((x, c) => {
    const y = out[c]!;
    for (let i = 0; i < x.length; i++) y[i] = x[i]! - reference[i]!;
  });
}

function subtractInPlace(data: Channels, reference: Float64Array): void {
  for (const x of data) for (let i = 0; i < x.length; i++) x[i] = x[i]! - reference[i]!;
}

