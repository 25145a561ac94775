/**
 * Step 9: component space. The channels are projected onto the rows of a
 * sovaharmony spatial filter W, restricted to the filter's channels that the
 * recording has (sovaharmony's `fit_spatial_filter(..., mode='demixing')`:
 * the columns of W for those channels, no refit), giving components C1..Cn.
 *
 * A recording that lacks some of the filter's channels is refused unless the
 * spec allows that fraction missing: the message names the missing channels
 * and, for each component they feed, the share of its weight that is lost.
 */
import { PipelineError } from '../../errors';
import { loadSpatialFilter } from '../spatial-filters';
import type { SpatialFilter } from '../spatial-filters';
import type { StepOf } from '../spec';
import type { EegState, StepResult } from '../types';

export function componentName(k: number): string {
  return `C${k + 1}`;
}

/** Share of each component's absolute weight that falls on the missing channels (0 when none). */
export function lostWeight(filter: SpatialFilter, missing: ReadonlySet<string>): number[] {
  return filter.rows.map((row) => {
    let lost = 0;
    let total = 0;
    row.forEach((w, c) => {
      total += Math.abs(w);
      if (missing.has(filter.channels[c]!)) lost += Math.abs(w);
    });
    return total > 0 ? lost / total : 0;
  });
}

/** W's columns for `channels` (state order), applied to the data: components × samples. */
export function project(filter: SpatialFilter, channels: readonly string[], data: readonly Float32Array[]): Float32Array[] {
  const column = channels.map((c) => filter.channels.indexOf(c.toUpperCase()));
  const used = column.flatMap((col, i) => (col >= 0 ? [{ col, x: data[i]! }] : []));
  const n = data[0]?.length ?? 0;
  return filter.rows.map((row) => {
    const out = new Float64Array(n);
    for (const { col, x } of used) {
      const w = row[col]!;
      if (w === 0) continue;
      for (let i = 0; i < n; i++) out[i] = out[i]! + w * x[i]!;
    }
    return Float32Array.from(out);
  });
}

export function spatialFilter(state: EegState, step: StepOf<'spatial_filter'>, label: string): StepResult {
  const { filter: name, maxMissingFraction } = step.params;
  const filter = loadSpatialFilter(name);
  const present = new Set(state.channels.map((c) => c.toUpperCase()));
  const missing = filter.channels.filter((c) => !present.has(c));
  const fraction = missing.length / filter.channels.length;
  if (missing.length > 0 && fraction > maxMissingFraction) {
    const lost = lostWeight(filter, new Set(missing));
    const fed = lost.flatMap((share, k) => (share > 0 ? [{ k, share }] : [])).sort((a, b) => b.share - a.share);
    const feeds = fed.map(({ k, share }) => `${componentName(k)} (${(share * 100).toFixed(1)}% of its weight)`).join(', ');
    throw new PipelineError(
      'SPATIAL_FILTER_CHANNELS_MISSING',
      `${label}: the spatial filter ${name} needs ${missing.length} of its ${filter.channels.length} channels that this recording lacks: ${missing.join(', ')}. ` +
        `They feed ${feeds}. The spec allows ${(maxMissingFraction * 100).toFixed(1)}% missing (steps[spatial_filter].params.maxMissingFraction); ` +
        `this recording misses ${(fraction * 100).toFixed(1)}%. Use a recording with these channels, raise that fraction, or disable the spatial filter to stay in channel space.`,
    );
  }
  const unused = state.channels.filter((c) => !filter.channels.includes(c.toUpperCase()));
  const data = project(filter, state.channels, state.data);
  const channels = data.map((_, k) => componentName(k));
  const usedCount = state.channels.length - unused.length;
  return {
    state: { ...state, channels, data },
    report: {
      step: 'spatial_filter',
      summary: `${channels.length} components from the ${name} filter over ${usedCount} channels` + (missing.length ? ` (${missing.length} of its channels missing: ${missing.join(', ')})` : ''),
      details: { filter: name, components: channels.length, channelsUsed: usedCount, missingChannels: missing, unusedChannels: unused, missingFraction: fraction },
    },
  };
}
