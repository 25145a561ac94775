/**
 * Component space: the shipped sovaharmony filters read by our MAT reader, the
 * projection against numpy's W[:, present] @ X (fixtures from
 * scripts/fixtures/make_feature_fixtures.py), and the refusal of a recording
 * that lacks the filter's channels.
 */
import { describe, expect, it } from 'vitest';
import { loadSpatialFilter } from '../../../pipelines/preprocess/spatial-filters';
import { parseSpec, defaultSpec } from '../../../pipelines/preprocess/spec';
import type { StepOf } from '../../../pipelines/preprocess/spec';
import { spatialFilter } from '../../../pipelines/preprocess/steps/spatial-filter';
import type { EegState } from '../../../pipelines/preprocess/types';
import { decodeF64, readFixture, rowsF32 } from '../../support/fixture-arrays';

interface Case {
  filter: '58x25' | '54x10';
  channels: string[];
  missing: string[];
  samples: number;
  data: string;
  components: string;
  shape: [number, number];
}

const { cases } = readFixture<{ cases: Case[] }>('features/spatial-projection.json');

function stepWith(filter: '58x25' | '54x10', maxMissingFraction: number): StepOf<'spatial_filter'> {
  return { name: 'spatial_filter', enabled: true, params: { filter, maxMissingFraction } };
}

function stateOf(c: Case): EegState {
  return { sfreq: 100, channels: [...c.channels], data: rowsF32(c.data, c.channels.length), epochs: null, scale: 1 };
}

describe('spatial filters', () => {
  it('reads W and ch_names of both shipped filters with the MAT v5 reader', () => {
    const big = loadSpatialFilter('58x25');
    const small = loadSpatialFilter('54x10');
    expect([big.rows.length, big.channels.length]).toEqual([25, 58]);
    expect([small.rows.length, small.channels.length]).toEqual([10, 54]);
    for (const c of cases) expect(new Set(loadSpatialFilter(c.filter).channels)).toEqual(new Set([...c.channels, ...c.missing]));
  });

  for (const c of cases) {
    it(`projects onto the ${c.filter} filter's rows as numpy does, with ${c.missing.length} channels missing`, () => {
      const { state, report } = spatialFilter(stateOf(c), stepWith(c.filter, 0.1), 'sub-01');
      const expected = decodeF64(c.components);
      const [rows, cols] = c.shape;
      expect(state.channels).toEqual(Array.from({ length: rows }, (_, k) => `C${k + 1}`));
      let scale = 0;
      for (const v of expected) scale = Math.max(scale, Math.abs(v));
      let worst = 0;
      for (let k = 0; k < rows; k++) for (let i = 0; i < cols; i++) worst = Math.max(worst, Math.abs(state.data[k]![i]! - expected[k * cols + i]!));
      expect(worst / scale).toBeLessThan(1e-6);
      expect(report.details.missingChannels).toEqual(loadSpatialFilter(c.filter).channels.filter((ch) => c.missing.includes(ch)));
    });
  }

  it('refuses a recording missing channels, naming them and the components they feed', () => {
    const c = cases[1]!;
    let message = '';
    try {
      spatialFilter(stateOf(c), stepWith(c.filter, 0.05), 'sub-07');
    } catch (e) {
      expect((e as { code: string }).code).toBe('SPATIAL_FILTER_CHANNELS_MISSING');
      message = (e as Error).message;
    }
    expect(message).toMatch(/^sub-07: the spatial filter 54x10 needs 3 of its 54 channels/);
    for (const ch of c.missing) expect(message).toContain(ch);
    expect(message).toMatch(/They feed C\d+ \(\d+\.\d% of its weight\)/);
    expect(message).toContain('maxMissingFraction');
  });

  it('matches channel names whatever their case, and ignores channels the filter does not use', () => {
    const c = cases[0]!;
    const state = stateOf(c);
    const lower = { ...state, channels: [...state.channels.map((s) => s.toLowerCase()), 'ECG2'], data: [...state.data, new Float32Array(c.samples).fill(1e6)] };
    const a = spatialFilter(stateOf(c), stepWith(c.filter, 0.1), 'x').state.data;
    const b = spatialFilter(lower, stepWith(c.filter, 0.1), 'x');
    expect(b.state.data).toEqual(a);
    expect(b.report.details.unusedChannels).toEqual(['ECG2']);
  });

  it('is a step of the spec: off by default (channel space), its filter checked by name', () => {
    const spec = defaultSpec();
    const step = spec.steps.find((s) => s.name === 'spatial_filter')!;
    expect(step.enabled).toBe(false);
    const bad = structuredClone(spec) as unknown as { steps: Array<{ name: string; params: Record<string, unknown> }> };
    bad.steps.find((s) => s.name === 'spatial_filter')!.params.filter = '62x19';
    expect(() => parseSpec(bad)).toThrow(/steps\[\d+\]\.params\.filter/);
  });
});
