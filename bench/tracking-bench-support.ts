/** A throwaway tracker, the same one the unit tests use. */
export { openTracking as openBenchTracker } from '../tests/unit/tracking/support';

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Times `fn` `repeats` times (after one warm-up) and answers the samples in ms. */
export async function sample(repeats: number, fn: () => unknown): Promise<number[]> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < repeats; i += 1) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples;
}

export const fmt = (n: number, digits = 1): string => n.toLocaleString('en-US', { maximumFractionDigits: digits });

/** The run count a bench seeds: `RUNS=100000` in the environment, or the bench's default. */
export function runCountFromEnv(fallback: number): number {
  const raw = process.env.RUNS;
  if (raw === undefined || raw === '') return fallback;
  const runs = Number(raw.replace(/_/g, ''));
  if (!Number.isSafeInteger(runs) || runs < 1) throw new Error(`RUNS must be a positive whole number of runs; got "${raw}".`);
  return runs;
}
