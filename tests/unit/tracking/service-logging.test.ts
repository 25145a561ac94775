import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorCodeOf, openTrackingWithRun, type TrackingFixture } from './support';

let fx: TrackingFixture;
let runId: string;
beforeEach(async () => {
  ({ runId, ...fx } = await openTrackingWithRun());
});
afterEach(() => fx.close());

const metric = (key: string, value: number, step = 0, timestamp = 1000) => ({ key, value, step, timestamp });

describe('params', () => {
  it('accepts the same value again and refuses a different one, keeping the first', async () => {
    await fx.tracking.logParam(runId, { key: 'lr', value: '0.1' });
    await fx.tracking.logParam(runId, { key: 'lr', value: '0.1' });
    const refused = await errorCodeOf(fx.tracking.logParam(runId, { key: 'lr', value: '0.2' }));
    expect(refused.code).toBe('INVALID_PARAMETER_VALUE');
    expect(refused.message).toContain('Changing param values is not allowed');
    expect(fx.tracking.getRun(runId).data.params).toEqual([{ key: 'lr', value: '0.1' }]);
  });

  it('refuses a batch naming one param twice, and writes nothing of it', async () => {
    const refused = await errorCodeOf(
      fx.tracking.logBatch(runId, { params: [{ key: 'a', value: '1' }, { key: 'a', value: '1' }], metrics: [metric('m', 1)] }),
    );
    expect(refused.code).toBe('INVALID_PARAMETER_VALUE');
    expect(fx.tracking.getRun(runId).data).toMatchObject({ params: [], metrics: [] });
  });

  it('rolls back a whole batch when one param conflicts', async () => {
    await fx.tracking.logParam(runId, { key: 'a', value: '1' });
    await errorCodeOf(fx.tracking.logBatch(runId, { params: [{ key: 'a', value: '2' }], metrics: [metric('m', 1)] }));
    expect(fx.tracking.getRun(runId).data.metrics).toEqual([]);
  });
});

describe('metrics', () => {
  it('keeps NaN and ±Infinity in the history and as the latest value', async () => {
    await fx.tracking.logBatch(runId, {
      metrics: [metric('nan', Number.NaN, 0), metric('inf', Infinity, 0), metric('ninf', -Infinity, 0)],
    });
    const latest = Object.fromEntries(fx.tracking.getRun(runId).data.metrics.map((m) => [m.key, m.value]));
    expect(latest.nan).toBeNaN();
    expect(latest.inf).toBe(Infinity);
    expect(latest.ninf).toBe(-Infinity);
    expect(fx.tracking.getMetricHistory(runId, 'nan').items[0]!.value).toBeNaN();
  });

  it('takes the highest step, then timestamp, as the latest value, whatever the order of logging', async () => {
    await fx.tracking.logBatch(runId, { metrics: [metric('loss', 0.5, 2, 10), metric('loss', 0.9, 0, 30)] });
    await fx.tracking.logBatch(runId, { metrics: [metric('loss', 0.7, 1, 50)] });
    await fx.tracking.logBatch(runId, { metrics: [metric('loss', 0.4, 2, 20)] });
    expect(fx.tracking.getRun(runId).data.metrics).toEqual([{ key: 'loss', value: 0.4, step: 2, timestamp: 20 }]);
    expect(fx.tracking.getMetricHistory(runId, 'loss').items.map((m) => m.step)).toEqual([0, 1, 2, 2]);
  });

  it('pages a long history with opaque tokens', async () => {
    await fx.tracking.logBatch(runId, { metrics: Array.from({ length: 25 }, (_, i) => metric('acc', i / 25, i)) });
    const first = fx.tracking.getMetricHistory(runId, 'acc', { maxResults: 10 });
    const second = fx.tracking.getMetricHistory(runId, 'acc', { maxResults: 10, pageToken: first.nextPageToken });
    const third = fx.tracking.getMetricHistory(runId, 'acc', { maxResults: 10, pageToken: second.nextPageToken });
    expect([...first.items, ...second.items, ...third.items].map((m) => m.step)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(third.nextPageToken).toBeUndefined();
    expect((await errorCodeOf(() => fx.tracking.getMetricHistory(runId, 'acc', { pageToken: 'garbage!' }))).code).toBe('INVALID_PARAMETER_VALUE');
  });

  it('refuses a metric value that is not a number', async () => {
    const refused = await errorCodeOf(fx.tracking.logMetric(runId, { key: 'x', value: '1' as unknown as number, step: 0, timestamp: 0 }));
    expect(refused.code).toBe('INVALID_PARAMETER_VALUE');
  });
});

describe('limits', () => {
  const cases: Array<[string, Parameters<typeof fx.tracking.logBatch>[1]]> = [
    ['1001 metrics', { metrics: Array.from({ length: 1001 }, (_, i) => metric('m', i, i)) }],
    ['101 params', { params: Array.from({ length: 101 }, (_, i) => ({ key: `p${i}`, value: '1' })) }],
    ['101 tags', { tags: Array.from({ length: 101 }, (_, i) => ({ key: `t${i}`, value: '1' })) }],
    ['1000 metrics and 1 param', { metrics: Array.from({ length: 1000 }, (_, i) => metric('m', i, i)), params: [{ key: 'p', value: '1' }] }],
    ['a 251-character key', { params: [{ key: 'k'.repeat(251), value: '1' }] }],
    ['a 6001-character param value', { params: [{ key: 'p', value: 'v'.repeat(6001) }] }],
    ['a 5001-character tag value', { tags: [{ key: 't', value: 'v'.repeat(5001) }] }],
    ['a key with a bad character', { metrics: [metric('loss!', 1)] }],
    ['a key with ..', { params: [{ key: 'a/../b', value: '1' }] }],
    ['a key starting with /', { tags: [{ key: '/abs', value: '1' }] }],
  ];
  it.each(cases)('refuses %s with INVALID_PARAMETER_VALUE and writes nothing', async (_name, batch) => {
    expect((await errorCodeOf(fx.tracking.logBatch(runId, batch))).code).toBe('INVALID_PARAMETER_VALUE');
    expect(fx.tracking.getRun(runId).data).toMatchObject({ params: [], metrics: [] });
  });

  it('accepts a batch at the limits exactly', async () => {
    await fx.tracking.logBatch(runId, {
      metrics: Array.from({ length: 800 }, (_, i) => metric('m', i, i)),
      params: Array.from({ length: 100 }, (_, i) => ({ key: `p${i}`, value: 'v'.repeat(6000) })),
      tags: Array.from({ length: 100 }, (_, i) => ({ key: `t${i}`, value: 'v'.repeat(5000) })),
    });
    expect(fx.tracking.getRun(runId).data.params).toHaveLength(100);
  });
});

describe('tags and inputs', () => {
  it('deletes a tag, and answers RESOURCE_DOES_NOT_EXIST for one that is not there', async () => {
    await fx.tracking.setTag(runId, { key: 'stage', value: 'dev' });
    await fx.tracking.deleteTag(runId, 'stage');
    expect(fx.tracking.getRun(runId).data.tags.find((t) => t.key === 'stage')).toBeUndefined();
    expect((await errorCodeOf(fx.tracking.deleteTag(runId, 'stage'))).code).toBe('RESOURCE_DOES_NOT_EXIST');
  });

  it('records dataset inputs with digest and source, once', async () => {
    const input = {
      tags: [{ key: 'mlflow.data.context', value: 'training' }],
      dataset: { name: 'bnci2014', digest: 'abc123', sourceType: 'local', source: '{"uri": "/data/bnci"}' },
    };
    await fx.tracking.logInputs(runId, [input]);
    await fx.tracking.logInputs(runId, [input]);
    expect(fx.tracking.getRun(runId).inputs.datasetInputs).toEqual([
      { tags: input.tags, dataset: { ...input.dataset, schema: null, profile: null } },
    ]);
  });
});

describe('metric history without max_results', () => {
  it('answers the whole history in one page, as MLflow does, and bounds max_results', async () => {
    await fx.tracking.logBatch(runId, { metrics: Array.from({ length: 1000 }, (_, i) => metric('long', i, i)) });
    await fx.tracking.logBatch(runId, { metrics: Array.from({ length: 1000 }, (_, i) => metric('long', i, 1000 + i)) });
    const all = fx.tracking.getMetricHistory(runId, 'long');
    expect(all.items).toHaveLength(2000);
    expect(all.nextPageToken).toBeUndefined();
    expect((await errorCodeOf(() => fx.tracking.getMetricHistory(runId, 'long', { maxResults: 25_001 }))).code).toBe('INVALID_PARAMETER_VALUE');
  });
});
