import { describe, expect, it } from 'vitest';
import { defaultColumns, EMPTY_VIEW, mostRecentlyActive, parseView, viewQuery, type ExperimentsView } from '../../../renderer/pages/experiments/experiments-view';
import type { Run } from '../../../renderer/pages/experiments/types';

function run(params: string[], metrics: string[]): Run {
  return {
    info: { runId: 'r', runName: 'r', experimentId: '0', userId: '', status: 'FINISHED', startTime: 0, endTime: 1, artifactUri: '', lifecycleStage: 'active' },
    data: { params: params.map((key) => ({ key, value: '1' })), metrics: metrics.map((key) => ({ key, value: 1, step: 0, timestamp: 0 })), tags: [] },
    inputs: { datasetInputs: [] },
  };
}

describe('the Experiments view in the URL', () => {
  it('round-trips experiments, filter, sort, columns and the deleted switch', () => {
    const view: ExperimentsView = {
      experimentIds: ['3', '12'],
      filter: "params.model = 'eeg,net' AND metrics.acc > 0.5",
      sort: { key: 'metrics.`val acc`', descending: false },
      columns: { metrics: ['val acc', 'loss'], params: ['model'] },
      showDeleted: true,
    };
    const query = viewQuery(view);
    expect(parseView(new URLSearchParams(query))).toEqual(view);
    expect(new URLSearchParams(query).get('filter')).toBe(view.filter);
  });

  it('writes nothing for the default view, and keeps an explicit "no columns" apart from the defaults', () => {
    expect(viewQuery(EMPTY_VIEW)).toBe('');
    const none = { ...EMPTY_VIEW, columns: { metrics: [], params: [] } };
    expect(parseView(new URLSearchParams(viewQuery(none))).columns).toEqual({ metrics: [], params: [] });
    expect(parseView(new URLSearchParams('exp=1')).columns).toBeNull();
  });

  it('ignores malformed experiment ids and sorts descending unless told ascending', () => {
    const view = parseView(new URLSearchParams('exp=1,abc,,7&sort=attributes.start_time'));
    expect(view.experimentIds).toEqual(['1', '7']);
    expect(view.sort).toEqual({ key: 'attributes.start_time', descending: true });
  });
});

describe('default columns', () => {
  it("are the runs' most common metrics and params, ties broken by name", () => {
    const runs = [run(['lr', 'model'], ['acc', 'loss']), run(['model'], ['acc', 'f1']), run(['model', 'seed'], ['acc', 'loss'])];
    expect(defaultColumns(runs, 2)).toEqual({ metrics: ['acc', 'loss'], params: ['model', 'lr'] });
    expect(defaultColumns([])).toEqual({ metrics: [], params: [] });
  });
});

describe('the experiment to open on', () => {
  it('is the one whose latest run started last, not the empty Default', () => {
    const activity = [
      { experimentId: '0', runCount: 0, lastRunStart: null },
      { experimentId: '4', runCount: 3, lastRunStart: 2000 },
      { experimentId: '5', runCount: 9, lastRunStart: 1000 },
      { experimentId: '9', runCount: 1, lastRunStart: 5000 },
    ];
    expect(mostRecentlyActive(['0', '4', '5'], activity)).toBe('4');
    expect(mostRecentlyActive(['0', '1'], [{ experimentId: '0', runCount: 0, lastRunStart: null }])).toBe('0');
    expect(mostRecentlyActive([], activity)).toBeUndefined();
  });
});
