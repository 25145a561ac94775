/**
 * The feature families' kernels against Python references on fixed signals
 * (fixtures by scripts/fixtures/make_feature_fixtures.py): coherence against
 * scipy.signal.coherence within 1e-6; permutation entropy, synchronization
 * likelihood and Tort's modulation index against the small references
 * written there (numpy, scipy.signal.hilbert).
 */
import { describe, expect, it } from 'vitest';
import { coherence } from '../../../pipelines/features/families/coherence';
import { PhaseAmplitudeBins } from '../../../pipelines/features/families/phase-amplitude-coupling';
import { permutationEntropy } from '../../../pipelines/features/families/permutation-entropy';
import { synchronizationLikelihood } from '../../../pipelines/features/families/synchronization-likelihood';
import type { SlParams } from '../../../pipelines/features/families/synchronization-likelihood';
import { decodeF32, decodeF64, readFixture, rowsF32 } from '../../support/fixture-arrays';

interface Fixture {
  sfreq: number;
  bands: Array<{ name: string; lo: number; hi: number }>;
  coherence: { x: string; y: string; cases: Array<{ nperseg: number; freqs: string; cxy: string; bandMeans: number[] }> };
  entropy: Array<{ signal: string; dimension: number; value: number }>;
  sl: { channels: number; data: string; params: SlParams; matrix: string };
  pac: Array<{ strength: number; samples: number; phase: string[]; amplitude: string[]; mi: number }>;
}

const fx = readFixture<Fixture>('features/families-reference.json');

describe('coherence', () => {
  for (const c of fx.coherence.cases) {
    it(`equals scipy.signal.coherence (Hann, nperseg ${c.nperseg}) within 1e-6, and its band means`, () => {
      const { freqs, cxy } = coherence(decodeF32(fx.coherence.x), decodeF32(fx.coherence.y), fx.sfreq, c.nperseg);
      const expected = decodeF64(c.cxy);
      decodeF64(c.freqs).forEach((f, k) => expect(Math.abs(freqs[k]! - f)).toBeLessThan(1e-9));
      let worst = 0;
      expected.forEach((v, k) => (worst = Math.max(worst, Math.abs(cxy[k]! - v))));
      expect(worst).toBeLessThan(1e-6);
      fx.bands.forEach((b, i) => {
        let sum = 0;
        let n = 0;
        freqs.forEach((f, k) => {
          if (f >= b.lo && f < b.hi) {
            sum += cxy[k]!;
            n++;
          }
        });
        expect(Math.abs(sum / n - c.bandMeans[i]!)).toBeLessThan(1e-6);
      });
    });
  }
});

describe('permutation entropy', () => {
  it('equals the reference (D = 3) on noisy and smooth signals', () => {
    for (const e of fx.entropy) expect(permutationEntropy(decodeF32(e.signal), e.dimension)).toBeCloseTo(e.value, 12);
    // The smooth sine is more predictable than the noisy signals.
    expect(fx.entropy[2]!.value).toBeLessThan(Math.min(fx.entropy[0]!.value, fx.entropy[1]!.value) - 0.1);
  });

  it('is 0 for a monotonic signal and keeps ties in time order', () => {
    expect(permutationEntropy(Float64Array.from({ length: 50 }, (_, i) => i), 3)).toBe(0);
    expect(permutationEntropy(new Float64Array(50), 3)).toBe(0);
  });
});

describe('synchronization likelihood', () => {
  it('equals the HERMES-definition reference, channels x channels', () => {
    const data = rowsF32(fx.sl.data, fx.sl.channels);
    const s = synchronizationLikelihood(data, fx.sl.params);
    const expected = decodeF64(fx.sl.matrix);
    let worst = 0;
    expected.forEach((v, k) => (worst = Math.max(worst, Math.abs(s[k]! - v))));
    expect(worst).toBeLessThan(1e-12);
    for (let k = 0; k < fx.sl.channels; k++) expect(s[k * fx.sl.channels + k]).toBe(1);
    expect(Math.min(...Array.from(expected))).toBeGreaterThan(0);
  });
});

describe('phase-amplitude coupling (Tort MI)', () => {
  for (const p of fx.pac) {
    it(`equals the scipy.signal.hilbert reference (coupling ${p.strength}, ${p.samples} samples per epoch)`, () => {
      const acc = new PhaseAmplitudeBins(18);
      p.phase.forEach((ph, i) => acc.add(decodeF32(ph), decodeF32(p.amplitude[i]!)));
      expect(Math.abs(acc.modulationIndex() - p.mi)).toBeLessThan(1e-9);
    });
  }

  it('is far larger with coupling than without', () => {
    expect(fx.pac[0]!.mi).toBeGreaterThan(20 * fx.pac[1]!.mi);
  });
});
