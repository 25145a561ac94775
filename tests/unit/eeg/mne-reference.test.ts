/**
 * Every reader against MNE (fixtures made by scripts/fixtures/make_eeg_fixtures.py):
 * names, rate, sample count, annotations, and the first and last 1,000 samples
 * of every channel to within one quantization step.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRecording } from '../../../pipelines/eeg/open';
import type { ChannelInfo, RecordingFormat } from '../../../pipelines/eeg/types';
import { fixturesDir, repoRoot, recordingsDir } from './support/paths';

interface Fixture {
  file: string;
  sfreq: number;
  n_samples: number;
  tail_start: number;
  annotations: Array<{ onset: number; duration: number | null; description: string }>;
  channels: Array<{ name: string; orig_unit: string; rate: number; head: string | null; tail: string | null }>;
}

/** Public recordings live in tests/fixtures/eeg/recordings; generated ones ('base: repo') are paths from the repository root. */
const index: Array<{ file: string; fixture: string; base?: 'repo' }> = JSON.parse(readFileSync(join(fixturesDir, 'index.json'), 'utf8'));
const cases = [
  ...index.map((e) => ({ path: join(e.base === 'repo' ? repoRoot : recordingsDir, e.file), fixture: e.fixture })),
  { path: join(fixturesDir, 'inline_v5.set'), fixture: 'inline_v5.json' },
  { path: join(fixturesDir, 'small_v73.set'), fixture: 'small_v73.json' },
];

function floats(b64: string): Float32Array {
  const buf = Buffer.from(b64, 'base64');
  return new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
}

/** MNE's scale from a file unit to SI (brainvision _unit_dict / edf units); 1 for what it does not know. */
function mneFactor(unit: string): number {
  return ({ 'µV': 1e-6, uV: 1e-6, μV: 1e-6, mV: 1e-3, nV: 1e-9, 'µS': 1e-6, uS: 1e-6 } as Record<string, number>)[unit] ?? 1;
}

/** Fixture values are MNE's SI values × 1e6; bring them to the unit our channel reports. */
function expectedScale(ch: ChannelInfo): number {
  if (ch.unit === 'µV') return 1;
  if (ch.type === 'TRIG') return 1e-6;
  return 1 / (1e6 * mneFactor(ch.fileUnit));
}

/** One quantization step, in the unit our channel reports. */
function step(format: RecordingFormat, ch: ChannelInfo, value: number): number {
  const d = ch.details ?? {};
  const unitToOurs = ch.unit === 'µV' ? (({ uV: 1, 'µV': 1, mV: 1e3, V: 1e6, nV: 1e-3 } as Record<string, number>)[ch.fileUnit] ?? 1) : 1;
  const f32 = Math.abs(value) * 2 ** -22 + 1e-30;
  if (format.startsWith('EDF') || format.startsWith('BDF')) {
    if (ch.type === 'TRIG') return 0.5;
    const q = (Number(d['physicalMax']) - Number(d['physicalMin'])) / (Number(d['digitalMax']) - Number(d['digitalMin']));
    return Math.abs(q) * unitToOurs + f32;
  }
  if (format === 'BrainVision') return Math.abs(Number(d['resolution'])) * unitToOurs * (ch.unit === 'µV' ? 1 : 1) + f32;
  return f32 * 2; // EEGLAB: float32 data, so float32-eps relative
}

describe.each(cases)('$fixture matches MNE', ({ path, fixture }) => {
  const fx: Fixture = JSON.parse(readFileSync(join(fixturesDir, fixture), 'utf8'));

  it('has the same channels, rate, length and annotations', async () => {
    const r = await openRecording(path);
    try {
      const h = r.header;
      expect(h.channels.map((c) => c.name)).toEqual(fx.channels.map((c) => c.name));
      expect(h.samplingRate).toBeCloseTo(fx.sfreq, 9);
      expect(h.sampleCount).toBe(fx.n_samples);
      h.channels.forEach((c, i) => expect(c.samplingRate).toBeCloseTo(fx.channels[i]!.rate, 9));
      // MNE 1.3 reads EDF+D records back to back, ignoring the gaps, and drops annotations past
      // that contiguous length; ours keep the spec's clock time and report the gaps. Compare
      // what both keep.
      const ours = h.gaps.length ? h.annotations.filter((a) => a.onset < h.sampleCount / h.samplingRate) : h.annotations;
      expect(ours.map((a) => a.text)).toEqual(fx.annotations.map((a) => a.description));
      ours.forEach((a, i) => {
        const e = fx.annotations[i]!;
        expect(Math.abs(a.onset - e.onset)).toBeLessThan(1e-6);
        if (e.duration === null) expect(a.duration).toBeNaN();
        else expect(Math.abs(a.duration - e.duration)).toBeLessThan(1e-6);
      });
    } finally {
      await r.close();
    }
  });

  it('has the same first and last 1,000 samples within one quantization step', async () => {
    const r = await openRecording(path);
    try {
      const h = r.header;
      const headEnd = Math.min(1000, h.sampleCount);
      const head = await r.readSamples(0, headEnd);
      const tail = await r.readSamples(fx.tail_start, h.sampleCount);
      let compared = 0;
      h.channels.forEach((ch, i) => {
        const fc = fx.channels[i]!;
        if (fc.head === null || fc.tail === null) return; // MNE resampled this slower channel
        const scale = expectedScale(ch);
        for (const [ours, ref] of [[head.data[i]!, floats(fc.head)], [tail.data[i]!, floats(fc.tail)]] as const) {
          expect(ours.length).toBe(ref.length);
          let worst = 0;
          for (let k = 0; k < ref.length; k++) {
            const want = ref[k]! * scale;
            const over = Math.abs(ours[k]! - want) / step(h.format, ch, want);
            if (over > worst) worst = over;
          }
          expect(worst, `${ch.name}: worst error in quantization steps`).toBeLessThanOrEqual(1);
          compared += ref.length;
        }
      });
      expect(compared).toBeGreaterThan(0);
    } finally {
      await r.close();
    }
  });
});

it('finds every recording it checks inside the repository, so a fresh clone needs nothing beside it', () => {
  expect(cases.length).toBeGreaterThanOrEqual(20);
  for (const c of cases) {
    expect(relative(repoRoot, c.path).startsWith('..'), c.path).toBe(false);
    expect(existsSync(c.path), c.path).toBe(true);
  }
});
