/**
 * The `power` family: relative band power per channel. Welch PSD of each kept
 * epoch (the spec's window, segment and overlap), averaged over epochs, summed
 * per band and normalized over the bands. Columns: power_{CH}_{Band}.
 */
import { PipelineError } from '../errors';
import { welchSegments } from '../dsp';
import type { SpecBand } from '../preprocess/spec';
import type { EegState } from '../preprocess/types';
import { bandPowers } from './band-power';

export interface PowerParams {
  segmentSeconds: number;
  overlap: number;
}

export function powerColumnName(channel: string, band: string): string {
  return `power_${channel}_${band}`;
}

export function relativeBandPower(state: EegState, bands: readonly SpecBand[], params: PowerParams, label: string): Map<string, number> {
  const { epochs, sfreq } = state;
  if (!epochs) throw new PipelineError('INVALID_SPEC', 'Band power needs epochs.');
  const top = Math.max(...bands.map((b) => b.hi));
  if (top > sfreq / 2) {
    throw new PipelineError('BAND_ABOVE_NYQUIST', `${label}: the band up to ${top} Hz is above the Nyquist frequency (${sfreq / 2} Hz) of this recording.`);
  }
  const nperseg = Math.min(Math.round(params.segmentSeconds * sfreq), epochs.length);
  const noverlap = Math.floor(nperseg * params.overlap);
  const columns = new Map<string, number>();
  // Every epoch holds the same segments, so pooling them equals averaging each epoch's PSD.
  const step = nperseg - noverlap;
  const perEpoch = Math.floor((epochs.length - noverlap) / step);
  const starts = epochs.kept.flatMap((s) => Array.from({ length: perEpoch }, (_, i) => s + i * step));
  state.data.forEach((x, c) => {
    // Bins above the top band are never summed: skip them.
    const psd = welchSegments(x, starts, { sfreq, nperseg, noverlap, maxHz: top });
    const { relative } = bandPowers(psd.freqs, psd.power, bands);
    const channel = state.channels[c]!;
    bands.forEach((b, i) => {
      const v = relative[i]!;
      if (!Number.isFinite(v)) throw new PipelineError('FLAT_SIGNAL', `${label}: channel ${channel} has no power in the bands, so its relative band power is undefined.`);
      columns.set(powerColumnName(channel, b.name), v);
    });
  });
  return columns;
}
