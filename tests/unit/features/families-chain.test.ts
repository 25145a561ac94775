/**
 * The feature families in the chain: switched on in the spec, on channels and
 * on components, with sovaharmony's column names, the spec's pair sets, and
 * values in their ranges. The kernels themselves are checked against Python
 * in families-reference.test.ts.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBidsDataset, readRecording } from '../../../pipelines/eeg';
import type { Recording } from '../../../pipelines/eeg/types';
import { recordingOf } from '../../support/synthetic-recording';
import { assembleTable } from '../../../pipelines/features/table';
import type { RecordingSuccess } from '../../../pipelines/features/recording-features';
import { loadSpatialFilter } from '../../../pipelines/preprocess/spatial-filters';
import { runChain } from '../../../pipelines/preprocess/run-chain';
import type { ChainResult } from '../../../pipelines/preprocess/run-chain';
import { defaultSpec, originalFeatureSetSpec, parseSpec } from '../../../pipelines/preprocess/spec';
import type { PreprocessingSpec } from '../../../pipelines/preprocess/spec';

const demo = join(__dirname, '../../../resources/demo/bids');
const BANDS = ['Delta', 'Theta', 'Alpha-1', 'Alpha-2', 'Beta1', 'Beta2', 'Beta3', 'Gamma'];

/** The default spec with every family on, in channel space, and `edit` applied. */
function allFamilies(edit: (spec: PreprocessingSpec) => void = () => {}): PreprocessingSpec {
  const spec = defaultSpec();
  for (const f of spec.features) f.enabled = true;
  edit(spec);
  return parseSpec(spec);
}

let demoRecording: { recording: Recording; channelsTsv: Array<Record<string, string>> } | null = null;
async function firstDemoRecording(): Promise<{ recording: Recording; channelsTsv: Array<Record<string, string>> }> {
  if (!demoRecording) {
    const ds = await loadBidsDataset(demo);
    try {
      const r = ds.recordings[0]!;
      demoRecording = { recording: await readRecording(join(ds.root, r.path)), channelsTsv: r.channels };
    } finally {
      await ds.dispose();
    }
  }
  return { recording: structuredClone(demoRecording.recording), channelsTsv: demoRecording.channelsTsv };
}

async function runOnDemo(spec: PreprocessingSpec): Promise<ChainResult> {
  const { recording, channelsTsv } = await firstDemoRecording();
  return runChain({ recording, channelsTsv, powerLineFrequency: 50, label: 'sub-01' }, spec);
}

function valuesOf(result: ChainResult, prefix: string): number[] {
  return [...result.features].filter(([k]) => k.startsWith(prefix)).map(([, v]) => v);
}

describe('feature families in channel space (demo recording, 19 channels)', () => {
  it('gives power, entropy, coherence and SL per channel and band, and cross-frequency per channel and band pair', async () => {
    const result = await runOnDemo(allFamilies());
    const keys = [...result.features.keys()];
    expect(keys).toHaveLength(19 * 8 * 4 + 19 * 2);
    const expectedOrder = ['power', 'entropy', 'coherence', 'sl'].flatMap((f) => result.channels.flatMap((ch) => BANDS.map((b) => `${f}_${ch}_${b}`)));
    expect(keys.slice(0, 19 * 8 * 4)).toEqual(expectedOrder);
    expect(keys.slice(19 * 8 * 4)).toEqual(result.channels.flatMap((ch) => [`crossfreq_${ch}_Delta-Gamma`, `crossfreq_${ch}_Theta-Gamma`]));
    for (const v of valuesOf(result, 'entropy_')) expect(v > 0.3 && v <= 1).toBe(true);
    for (const v of valuesOf(result, 'coherence_')) expect(v > 0 && v <= 1).toBe(true);
    for (const v of valuesOf(result, 'sl_')) expect(v > 0 && v <= 1).toBe(true);
    for (const v of valuesOf(result, 'crossfreq_')) expect(v > 0 && v < 1).toBe(true);
    // The demo's HC subject has a strong common 10 Hz rhythm: channels are more coherent in Alpha-1 than in Gamma.
    expect(result.features.get('coherence_O1_Alpha-1')!).toBeGreaterThan(result.features.get('coherence_O1_Gamma')!);
  });

  it('reports every pair, or only the listed pairs, as the spec asks; a listed channel the recording lacks is refused', async () => {
    const spec = allFamilies((s) => {
      s.features = s.features.filter((f) => f.name === 'coherence' || f.name === 'sl');
      for (const f of s.features) if (f.name === 'coherence') f.params.pairs = 'all';
      for (const f of s.features) if (f.name === 'sl') f.params.pairs = [['O2', 'FP1'], ['O1', 'O2']];
    });
    const result = await runOnDemo(spec);
    const keys = [...result.features.keys()];
    expect(keys.filter((k) => k.startsWith('coherence_'))).toHaveLength(((19 * 18) / 2) * 8);
    expect(keys[0]).toBe(`coherence_${result.channels[0]}-${result.channels[1]}_Delta`);
    expect(keys.filter((k) => k.startsWith('sl_'))).toEqual(['O2-FP1', 'O1-O2'].flatMap((p) => BANDS.map((b) => `sl_${p}_${b}`)));

    const missing = allFamilies((s) => {
      s.features = s.features.filter((f) => f.name === 'sl');
      for (const f of s.features) if (f.name === 'sl') f.params.pairs = [['O1', 'PO9']];
    });
    await expect(runOnDemo(missing)).rejects.toThrow(/sub-01: the sl pair O1-PO9 names PO9, which this recording does not have/);
  });

  it('refuses a spec whose cross-frequency pair names an unknown band, or whose SL windows are reversed', () => {
    const cross = structuredClone(defaultSpec()) as unknown as { features: Array<{ name: string; params: Record<string, unknown> }> };
    cross.features.find((f) => f.name === 'crossfreq')!.params.pairs = [{ phase: 'Theta', amplitude: 'HighGamma' }];
    expect(() => parseSpec(cross)).toThrow(/features\[4\]\.params\.pairs\[0\]\.amplitude: "HighGamma" is not one of the spec's bands/);
    const sl = structuredClone(defaultSpec()) as unknown as { features: Array<{ name: string; params: Record<string, unknown> }> };
    sl.features.find((f) => f.name === 'sl')!.params.w1 = 300;
    expect(() => parseSpec(sl)).toThrow(/features\[3\]\.params\.w1: must be below w2/);
  });
});

describe('the original feature set (58x25 components)', () => {
  it('runs every family on components C1..C25 of a 58-channel recording', () => {
    const channels = loadSpatialFilter('58x25').channels;
    const sfreq = 128;
    const n = sfreq * 30;
    let seed = 11;
    const rand = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647) - 0.5;
    const data = channels.map((_, c) => Float32Array.from({ length: n }, (_, i) => 12 * Math.sin((2 * Math.PI * 10 * i) / sfreq + c / 9) + 6 * rand()));
    const recording = recordingOf(channels.map((c) => [c, 'EEG']), data, sfreq);
    const spec = originalFeatureSetSpec();
    for (const s of spec.steps) if (s.name === 'epochs') for (const c of Object.values(s.params.rejection)) c.enabled = false;
    const result = runChain({ recording, channelsTsv: [], powerLineFrequency: 60, label: 'sub-58' }, spec);
    expect(result.channels).toEqual(Array.from({ length: 25 }, (_, k) => `C${k + 1}`));
    const keys = [...result.features.keys()];
    expect(keys).toHaveLength(25 * 8 * 4 + 25 * 2);
    for (const f of ['power', 'entropy', 'coherence', 'sl']) expect(keys).toContain(`${f}_C25_Gamma`);
    expect(keys).toContain('crossfreq_C1_Theta-Gamma');
    expect([...result.features.values()].every(Number.isFinite)).toBe(true);
    expect(result.reports.find((r) => r.step === 'spatial_filter')!.summary).toBe('25 components from the 58x25 filter over 58 channels');
  });
});

describe('table columns of pairwise families', () => {
  it('keeps a pair column when both of its channels are shared, and drops it otherwise', () => {
    const row = (subject: string, channels: string[], features: Array<[string, number]>): RecordingSuccess => ({
      path: `sub-${subject}/eeg/x.edf`, subject, session: null, task: 'rest', run: null, ok: true, channels, sfreq: 100, features,
      quality: { epochsTotal: 6, epochsKept: 6, epochsRejected: 0, secondsKept: 30, badChannels: [], interpolatedChannels: [], wicaComponentsTouched: null, wicaEpochsTouched: null }, reports: [],
    });
    const cols: Array<[string, number]> = [['coherence_FP1-O1_Alpha-1', 0.4], ['coherence_FP1-X9_Alpha-1', 0.3], ['crossfreq_O1_Theta-Gamma', 0.01]];
    const table = assembleTable([row('01', ['FP1', 'O1', 'X9'], cols), row('02', ['FP1', 'O1'], cols.slice(0, 1).concat(cols.slice(2))), row('03', ['FP1', 'O1'], cols)], null);
    expect(table.featureColumns).toEqual(['coherence_FP1-O1_Alpha-1', 'crossfreq_O1_Theta-Gamma']);
    expect(table.rows).toHaveLength(3);
  });
});
