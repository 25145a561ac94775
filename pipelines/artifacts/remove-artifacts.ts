/**
 * FastICA then wICA on the channels, in place: the components' wavelet artifact
 * estimates are projected back through the mixing matrix and subtracted from
 * the channels. Only what wICA removed leaves the data: components it did not
 * touch, and the dimensions PCA dropped (an average reference's null space),
 * stay exactly as they were.
 */
import { fastIca } from './fastica';
import type { FastIcaOptions, FastIcaResult, IterationProgress } from './fastica';
import { wicaClean } from './wica';
import type { WicaOptions, WicaResult } from './wica';
import { SimdRows } from './fastica-simd';

export type ChannelData = Array<Float32Array | Float64Array>;

/** sources = components · (X − mean): components rows of samples. */
export function icaSources(data: ChannelData, ica: FastIcaResult): Float64Array[] {
  return new SimdRows(data, ica.mean).project(ica.components, ica.nComponents);
}

interface Removed {
  component: number;
  artifact: Float64Array;
}

/**
 * x[from..] −= Σ_c mixing[ch][c] · artifact_c over one epoch's removed
 * artifacts: the product in the SIMD module `simd`, loaded with this epoch's
 * artifacts (its rows past them are zeros, with zero weights), into `back`.
 */
function subtractEpoch(data: ChannelData, ica: FastIcaResult, from: number, removed: Removed[], simd: SimdRows, rows: number, back: Float64Array[]): void {
  const k = ica.nComponents;
  const weights = new Float64Array(data.length * rows);
  data.forEach((_, ch) => removed.forEach((r, i) => (weights[ch * rows + i] = ica.mixing[ch * k + r.component]!)));
  simd.load(removed.map((r) => r.artifact));
  simd.project(weights, data.length, 1, back);
  const len = removed[0]!.artifact.length;
  data.forEach((x, ch) => {
    const b = back[ch]!;
    for (let t = 0; t < len; t++) x[from + t] = x[from + t]! - b[t]!;
  });
}

/** wICA on the sources of `ica`, and the removed artifacts taken out of `data` in place. */
export function wicaBackProjected(data: ChannelData, ica: FastIcaResult, options: WicaOptions): WicaResult {
  // Gathered per epoch, so each channel's samples are rewritten once per epoch.
  const byEpoch = new Map<number, Removed[]>();
  const result = wicaClean(icaSources(data, ica), options, (component, from, artifact) => {
    const list = byEpoch.get(from) ?? [];
    list.push({ component, artifact });
    byEpoch.set(from, list);
  });
  // One module for every epoch, with room for the most artifacts any epoch has.
  const rows = Math.max(0, ...Array.from(byEpoch.values(), (r) => r.length));
  if (rows === 0) return result;
  const simd = new SimdRows(Array.from({ length: rows }, () => new Float64Array(options.epochLength)));
  const back = data.map(() => new Float64Array(options.epochLength));
  for (const [from, removed] of byEpoch) subtractEpoch(data, ica, from, removed, simd, rows, back);
  return result;
}

export interface ArtifactRemoval {
  ica: FastIcaResult;
  wica: WicaResult;
}

/** Both steps on channels × samples data, in place. */
export function removeArtifacts(data: ChannelData, ica: FastIcaOptions, wica: WicaOptions, progress?: IterationProgress): ArtifactRemoval {
  const fit = fastIca(data, ica, progress);
  return { ica: fit, wica: wicaBackProjected(data, fit, wica) };
}
