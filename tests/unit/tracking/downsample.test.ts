import { afterEach, describe, expect, it } from 'vitest';
import { lttb, mergeMinMaxBlocks } from '../../../main/services/tracking/downsample';
import { errorCodeOf, openTracking, type TrackingFixture } from './support';

const wave = (n: number) => Array.from({ length: n }, (_, i) => ({ x: i, y: Math.sin(i / 50) }));

describe('lttb', () => {
  it('keeps the first and last points and returns exactly the threshold', () => {
    const points = wave(10_000);
    const out = lttb(points, 500);
    expect(out).toHaveLength(500);
    expect(out[0]).toBe(points[0]);
    expect(out.at(-1)).toBe(points.at(-1));
    expect(out.every((p, i) => i === 0 || p.x > out[i - 1]!.x)).toBe(true);
  });

  it('keeps a lone spike', () => {
    const points = wave(10_000);
    points[4321] = { x: 4321, y: 100 };
    expect(lttb(points, 200).some((p) => p.y === 100)).toBe(true);
  });

  it('returns short series unchanged', () => {
    expect(lttb(wave(10), 100)).toHaveLength(10);
  });
});

describe('mergeMinMaxBlocks', () => {
  it('keeps every extreme in x order within the threshold', () => {
    const blocks = Array.from({ length: 1000 }, (_, i) => ({ min: { x: i * 2, y: -i }, max: { x: i * 2 + 1, y: i } }));
    const out = mergeMinMaxBlocks(blocks, 100);
    expect(out.length).toBeLessThanOrEqual(100);
    expect(Math.min(...out.map((p) => p.y))).toBe(-999);
    expect(Math.max(...out.map((p) => p.y))).toBe(999);
    expect(out.every((p, i) => i === 0 || p.x > out[i - 1]!.x)).toBe(true);
  });
});

describe('chart series from the service', () => {
  let fx: TrackingFixture;
  afterEach(() => fx.close());

  async function runWithSteps(count: number, valueOf: (step: number) => number, stepOf = (i: number) => i) {
    fx = openTracking();
    const { runId } = await fx.tracking.createRun({ experimentId: '0' });
    for (let start = 0; start < count; start += 1000) {
      const metrics = [];
      for (let i = start; i < Math.min(start + 1000, count); i += 1) metrics.push({ key: 'loss', value: valueOf(i), step: stepOf(i), timestamp: i });
      await fx.tracking.logBatch(runId, { metrics });
    }
    return runId;
  }

  it('answers a short history raw, without NaN', async () => {
    const runId = await runWithSteps(100, (i) => (i === 50 ? Number.NaN : i));
    const series = fx.tracking.getChartSeries(runId, 'loss', 1000);
    expect(series).toMatchObject({ method: 'raw', totalPoints: 100 });
    expect(series.points).toHaveLength(99);
  });

  it('reads rollups for a long step history and keeps its extremes', async () => {
    const runId = await runWithSteps(120_000, (i) => (i === 77_777 ? 50 : i === 3_333 ? -50 : Math.cos(i / 1000)));
    // 118 blocks of 1024 steps: enough for 400 points, so the rollups answer.
    const series = fx.tracking.getChartSeries(runId, 'loss', 400);
    expect(series.method).toBe('minmax');
    expect(series.totalPoints).toBe(120_000);
    expect(series.points.length).toBeLessThanOrEqual(400);
    expect(series.points).toContainEqual({ step: 77_777, timestamp: 77_777, value: 50 });
    expect(series.points).toContainEqual({ step: 3_333, timestamp: 3_333, value: -50 });
  });

  it('falls back to LTTB when steps never change (a script that never passes step)', async () => {
    const runId = await runWithSteps(60_000, (i) => i % 7, () => 0);
    const series = fx.tracking.getChartSeries(runId, 'loss', 500, 'time');
    expect(series.method).toBe('lttb');
    expect(series.points).toHaveLength(500);
  });

  it('bounds maxPoints and the bulk run count', async () => {
    const runId = await runWithSteps(10, (i) => i);
    expect((await errorCodeOf(() => fx.tracking.getChartSeries(runId, 'loss', 1))).code).toBe('INVALID_PARAMETER_VALUE');
    expect((await errorCodeOf(() => fx.tracking.getChartSeriesBulk(Array(101).fill(runId), 'loss', 100))).code).toBe('INVALID_PARAMETER_VALUE');
    expect(fx.tracking.getChartSeriesBulk([runId, runId], 'loss', 100).map((s) => s.points.length)).toEqual([10, 10]);
  });
});
