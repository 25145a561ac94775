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

/** wICA on the sources of `ica`, and the removed artifacts taken out of `data` in place. */
export function wicaBackProjected(data: ChannelData, ica: FastIcaResult, options: WicaOptions): WicaResult {
  const k = ica.nComponents;
  const mixing = ica.mixing;
  return wicaClean(icaSources(data, ica), options, (component, from, artifact) => {
    data.forEach((x, ch) => {
      const a = mixing[ch * k + component]!;
      if (a === 0) return;
      for (let t = 0; t < artifact.length; t++) x[from + t] = x[from + t]! - a * artifact[t]!;
    });
  });
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
