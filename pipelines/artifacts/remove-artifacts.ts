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

/** x[from..] −= Σ_c mixing[ch][c] · artifact_c over one epoch's removed artifacts (the product in SIMD). */
function subtractEpoch(data: ChannelData, mixing: Float64Array, k: number, from: number, removed: Removed[]): void {
  const m = removed.length;
  const weights = new Float64Array(data.length * m);
  data.forEach((_, ch) => removed.forEach((r, i) => (weights[ch * m + i] = mixing[ch * k + r.component]!)));
  const back = new SimdRows(removed.map((r) => r.artifact)).project(weights, data.length);
  data.forEach((x, ch) => {
    const b = back[ch]!;
    for (let t = 0; t < b.length; t++) x[from + t] = x[from + t]! - b[t]!;
  });
}

/** wICA on the sources of `ica`, and the removed artifacts taken out of `data` in place. */
export function wicaBackProjected(data: ChannelData, ica: FastIcaResult, options: WicaOptions): WicaResult {
  // Gathered per epoch, so each channel's samples are rewritten once per epoch.
  const byEpoch = new Map<number, Removed[]>();
  const result = wicaClean(icaSources(data, ica), options, (component, from, artifact) => {
    const list = byEpoch.get(from) ?? [];
    list.push({ component, artifact: Float64Array.from(artifact) });
    byEpoch.set(from, list);
  });
  for (const [from, removed] of byEpoch) subtractEpoch(data, ica.mixing, ica.nComponents, from, removed);
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
