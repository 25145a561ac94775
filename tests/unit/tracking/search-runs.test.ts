import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorCodeOf, openTracking, type TrackingFixture } from './support';

let fx: TrackingFixture;
let exp: string;
const ids: Record<string, string> = {};

beforeEach(async () => {
  fx = openTracking();
  exp = await fx.tracking.createExperiment({ name: 'search' });
  const seed: Array<[string, number, string, number, string]> = [
    // name, acc, model, start_time, status
    ['a', 0.91, 'EEGNet', 1000, 'FINISHED'],
    ['b', 0.75, 'csp-lda', 2000, 'FINISHED'],
    ['c', 0.88, 'eegnet', 3000, 'FAILED'],
    ['d', Number.NaN, 'riemann', 4000, 'RUNNING'],
  ];
  for (const [name, acc, model, start, status] of seed) {
    const run = await fx.tracking.createRun({ experimentId: exp, runName: name, startTime: start });
    ids[name] = run.runId;
    await fx.tracking.logBatch(run.runId, {
      metrics: [{ key: 'acc', value: acc, step: 0, timestamp: start }],
      params: [{ key: 'model', value: model }],
      tags: [{ key: 'data set', value: name === 'a' ? 'bnci-2a' : 'physionet' }],
    });
    if (status !== 'RUNNING') await fx.tracking.setTerminated(run.runId, status as 'FINISHED');
  }
});
afterEach(() => fx.close());

const names = (filter?: string, orderBy?: string[], extra: object = {}) =>
  fx.tracking.searchRuns({ experimentIds: [exp], filter, orderBy, ...extra }).items.map((r) => r.info.runName);

describe('searchRuns', () => {
  it('orders by start time, newest first, by default', () => {
    expect(names()).toEqual(['d', 'c', 'b', 'a']);
  });

  it('filters on metrics, params, tags and attributes', () => {
    expect(names('metrics.acc > 0.8')).toEqual(['c', 'a']);
    expect(names("params.model = 'eegnet'")).toEqual(['c']);
    expect(names("params.model LIKE 'EEG%'")).toEqual(['a']);
    expect(names("params.model ILIKE 'eeg%'")).toEqual(['c', 'a']);
    expect(names("params.model != 'eegnet'")).toEqual(['d', 'b', 'a']);
    expect(names("tags.`data set` = 'bnci-2a'")).toEqual(['a']);
    expect(names("attributes.status = 'FINISHED' AND metrics.acc < 0.9")).toEqual(['b']);
    expect(names('attributes.start_time >= 3000')).toEqual(['d', 'c']);
    expect(names(`attributes.run_id IN ('${ids.a}', '${ids.b}')`)).toEqual(['b', 'a']);
    expect(names(`attributes.run_id NOT IN ('${ids.a}')`)).toEqual(['d', 'c', 'b']);
    expect(names("attributes.run_name = 'b'")).toEqual(['b']);
    expect(names('params.missing IS NULL AND metrics.acc > 0.9')).toEqual(['a']);
  });

  it('orders by metric with missing and NaN values last, either way', () => {
    expect(names(undefined, ['metrics.acc DESC'])).toEqual(['a', 'c', 'b', 'd']);
    expect(names(undefined, ['metrics.acc'])).toEqual(['b', 'c', 'a', 'd']);
    expect(names(undefined, ['params.model ASC'])).toEqual(['a', 'b', 'c', 'd']);
  });

  it('pages with opaque tokens that belong to their query', async () => {
    const first = fx.tracking.searchRuns({ experimentIds: [exp], maxResults: 3 });
    expect(first.items).toHaveLength(3);
    const second = fx.tracking.searchRuns({ experimentIds: [exp], maxResults: 3, pageToken: first.nextPageToken });
    expect(second.items.map((r) => r.info.runName)).toEqual(['a']);
    expect(second.nextPageToken).toBeUndefined();
    const replayed = await errorCodeOf(() =>
      fx.tracking.searchRuns({ experimentIds: [exp], maxResults: 3, filter: 'metrics.acc > 0', pageToken: first.nextPageToken }),
    );
    expect(replayed.code).toBe('INVALID_PARAMETER_VALUE');
  });

  it('honours the run view type', async () => {
    await fx.tracking.deleteRun(ids.a!);
    expect(names()).toEqual(['d', 'c', 'b']);
    expect(names(undefined, undefined, { viewType: 'DELETED_ONLY' })).toEqual(['a']);
    expect(names(undefined, undefined, { viewType: 'ALL' })).toEqual(['d', 'c', 'b', 'a']);
  });

  it('returns full runs with the latest metrics, params and tags', () => {
    const [run] = fx.tracking.searchRuns({ experimentIds: [exp], filter: "attributes.run_name = 'a'" }).items;
    expect(run!.data.params).toEqual([{ key: 'model', value: 'EEGNet' }]);
    expect(run!.data.metrics).toEqual([{ key: 'acc', value: 0.91, step: 0, timestamp: 1000 }]);
  });

  it('refuses out-of-range max_results and malformed filters with INVALID_PARAMETER_VALUE', async () => {
    expect((await errorCodeOf(() => names(undefined, undefined, { maxResults: 50_001 }))).code).toBe('INVALID_PARAMETER_VALUE');
    expect((await errorCodeOf(() => names(undefined, undefined, { maxResults: 0 }))).code).toBe('INVALID_PARAMETER_VALUE');
    const malformed = await errorCodeOf(() => names('metrics.acc >> 1'));
    expect(malformed.code).toBe('INVALID_PARAMETER_VALUE');
    expect(malformed.message).toContain('position 14');
  });
});
