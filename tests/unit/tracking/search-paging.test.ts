import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { explainRunSearch } from '../../../main/services/tracking/search/run-search';
import { DRIVER_MAX_RUNS } from '../../../main/services/tracking/search/selective-clause';
import { openTracking, type TrackingFixture } from './support';

let fx: TrackingFixture;
let exp: string;
let other: string;
// name → [score (undefined: not logged), lr param (undefined: not logged), start_time]
const seed: Array<[string, number | undefined, string | undefined, number]> = [];

beforeEach(async () => {
  fx = openTracking();
  exp = await fx.tracking.createExperiment({ name: 'paging' });
  other = await fx.tracking.createExperiment({ name: 'other' });
  seed.length = 0;
  const scores = [0.5, 0.9, Number.NaN, undefined, 0.5, Infinity, -Infinity, 0.1, undefined, 0.5, 0.9, 0.3];
  for (let i = 0; i < 37; i += 1) {
    const score = scores[i % scores.length];
    const lr = i % 5 === 0 ? undefined : `0.0${i % 4}`;
    // Some runs share a start time, so the run id has to break ties.
    const start = 1000 + Math.floor(i / 3);
    const { runId } = await fx.tracking.createRun({ experimentId: exp, runName: `r${i}`, startTime: start });
    await fx.tracking.logBatch(runId, {
      metrics: score === undefined ? [] : [{ key: 'score', value: score, step: 0, timestamp: 0 }],
      params: lr === undefined ? [] : [{ key: 'lr', value: lr }],
    });
    seed.push([`r${i}`, score, lr, start]);
  }
  // Another experiment logging the same keys must not leak into the pages.
  const stray = await fx.tracking.createRun({ experimentId: other, runName: 'stray' });
  await fx.tracking.logBatch(stray.runId, { metrics: [{ key: 'score', value: 100, step: 0, timestamp: 0 }], params: [{ key: 'lr', value: '0.01' }] });
});
afterEach(() => fx.close());

function allPages(orderBy: string[], maxResults: number, filter?: string): string[] {
  const names: string[] = [];
  let pageToken: string | undefined;
  do {
    const page = fx.tracking.searchRuns({ experimentIds: [exp], orderBy, maxResults, filter, pageToken });
    expect(page.items.length).toBeLessThanOrEqual(maxResults);
    names.push(...page.items.map((r) => r.info.runName));
    pageToken = page.nextPageToken;
  } while (pageToken);
  return names;
}

/** Every run's position under one order (via the single page of all runs, which is not paged). */
function onePage(orderBy: string[], filter?: string): string[] {
  return fx.tracking.searchRuns({ experimentIds: [exp], orderBy, maxResults: 1000, filter }).items.map((r) => r.info.runName);
}

describe('keyset paging', () => {
  it('orders a metric with NaN and missing values last, then newest first, then run id', () => {
    const ids = new Map(fx.tracking.searchRuns({ experimentIds: [exp] }).items.map((r) => [r.info.runName, r.info.runId]));
    const expected = [...seed]
      .sort((a, b) => {
        const va = a[1] === undefined || Number.isNaN(a[1]) ? null : a[1];
        const vb = b[1] === undefined || Number.isNaN(b[1]) ? null : b[1];
        if (va !== vb) {
          if (va === null) return 1;
          if (vb === null) return -1;
          return vb - va;
        }
        if (a[3] !== b[3]) return b[3] - a[3];
        return ids.get(a[0])! < ids.get(b[0])! ? -1 : 1;
      })
      .map((s) => s[0]);
    expect(onePage(['metrics.score DESC'])).toEqual(expected);
  });

  it.each([
    [['metrics.score DESC']], [['metrics.score ASC']], [['params.lr']], [['params.lr DESC']], [[]],
  ])('pages through %j without skipping or repeating a run, at every page size', (orderBy) => {
    const whole = onePage(orderBy);
    expect(whole).toHaveLength(37);
    for (const size of [1, 2, 5, 7, 36, 37]) expect(allPages(orderBy, size)).toEqual(whole);
  });

  it('pages a filtered search the same way', () => {
    const filter = "params.lr != '0.02' AND metrics.score > 0";
    const whole = onePage(['metrics.score DESC'], filter);
    expect(whole.length).toBeGreaterThan(5);
    expect(allPages(['metrics.score DESC'], 4, filter)).toEqual(whole);
  });

  it.each([[['metrics.score DESC']], [['params.lr DESC']], [[]]])(
    'starts from a selective clause (%j) with the same pages as walking the order',
    (orderBy) => {
      // LIKE without wildcards matches what = does, but no index answers it, so that search walks the order.
      const walked = onePage(orderBy, "params.lr LIKE '0.01' AND metrics.score > -1000");
      const driven = onePage(orderBy, "params.lr = '0.01' AND metrics.score > -1000");
      expect(driven.length).toBeGreaterThan(3);
      expect(driven).toEqual(walked);
      for (const size of [1, 2, 3]) expect(allPages(orderBy, size, "params.lr = '0.01' AND metrics.score > -1000")).toEqual(driven);
      const plan = explainRunSearch(fx.db, { experimentIds: [exp], filter: "params.lr = '0.01'", orderBy });
      expect(plan[0]!.join(' | ')).toMatch(/^SEARCH r USING INTEGER PRIMARY KEY .*LIST SUBQUERY .*params_by_experiment_key_value/);
    },
  );

  it('walks the order when the selective clause has too many candidates', async () => {
    const many = await fx.tracking.createExperiment({ name: 'many' });
    for (let i = 0; i <= DRIVER_MAX_RUNS; i += 1) {
      const { runId } = await fx.tracking.createRun({ experimentId: many });
      await fx.tracking.logBatch(runId, { params: [{ key: 'model', value: 'eegnet' }], metrics: [{ key: 'acc', value: i, step: 0, timestamp: 0 }] });
    }
    const plan = explainRunSearch(fx.db, { experimentIds: [many], filter: "params.model = 'eegnet'", orderBy: ['metrics.acc DESC'] });
    expect(plan[0]![0]).toMatch(/^SEARCH o USING COVERING INDEX metric_series_by_experiment_key_value/);
    const page = fx.tracking.searchRuns({ experimentIds: [many], filter: "params.model = 'eegnet'", orderBy: ['metrics.acc DESC'], maxResults: 3 });
    expect(page.items.map((r) => r.data.metrics[0]!.value)).toEqual([DRIVER_MAX_RUNS, DRIVER_MAX_RUNS - 1, DRIVER_MAX_RUNS - 2]);
  }, 120_000);

  it('keeps several order clauses paging by offset, with the same results', () => {
    const orderBy = ['params.lr ASC', 'metrics.score DESC'];
    expect(allPages(orderBy, 6)).toEqual(onePage(orderBy));
  });

  it('refuses a cursor token replayed with another order', () => {
    const first = fx.tracking.searchRuns({ experimentIds: [exp], orderBy: ['metrics.score DESC'], maxResults: 3 });
    expect(() => fx.tracking.searchRuns({ experimentIds: [exp], orderBy: ['params.lr'], maxResults: 3, pageToken: first.nextPageToken })).toThrow(/different query/);
  });
});

describe('query plans at scale', () => {
  // Each clause type, with and without an order: every step must be an index search, never a scan of a table.
  const filters = [
    'metrics.score > 0.5',
    "params.lr = '0.01'",
    "tags.`mlflow.user` = 'ana'",
    "attributes.status = 'FINISHED'",
    "attributes.run_name LIKE 'r1%'",
  ];
  const orders = [[], ['metrics.score DESC'], ['params.lr ASC']];
  for (const filter of filters) {
    for (const orderBy of orders) {
      it(`${filter} ordered by ${JSON.stringify(orderBy)} searches indexes only`, () => {
        const plans = explainRunSearch(fx.db, { experimentIds: [exp], filter, orderBy });
        expect(plans.length).toBeGreaterThan(0);
        plans.forEach((plan, segment) => {
          expect(plan.some((step) => step.startsWith('SEARCH'))).toBe(true);
          expect(plan.filter((step) => /^SCAN /.test(step))).toEqual([]);
          // The sorted segment reads the order key's index in order instead of sorting every match
          // (unless it starts from a selective clause's few candidates, a LIST SUBQUERY).
          if (orderBy.length > 0 && segment === 0 && !plan.some((step) => step.startsWith('LIST SUBQUERY'))) {
            expect(plan[0]).toMatch(/USING (COVERING )?INDEX (metric_series|params)_by_experiment_key_value/);
            expect(plan.join(' | ')).not.toContain('USE TEMP B-TREE FOR ORDER BY');
          }
        });
      });
    }
  }
});
