import { describe, expect, it } from 'vitest';
import { previewOf, splitCsvLine } from '../../../renderer/pages/experiments/artifact-preview';
import { diffRuns } from '../../../renderer/pages/experiments/run-diff';
import { runRows } from '../../../renderer/pages/experiments/run-tree';
import type { ArtifactContent, Run } from '../../../renderer/pages/experiments/types';

function run(id: string, opts: { parent?: string; params?: Record<string, string>; metrics?: Record<string, number | 'NaN'> } = {}): Run {
  return {
    info: { runId: id, runName: id, experimentId: '0', userId: '', status: 'FINISHED', startTime: 0, endTime: 1, artifactUri: '', lifecycleStage: 'active' },
    data: {
      params: Object.entries(opts.params ?? {}).map(([key, value]) => ({ key, value })),
      metrics: Object.entries(opts.metrics ?? {}).map(([key, value]) => ({ key, value, step: 0, timestamp: 0 })),
      tags: opts.parent ? [{ key: 'mlflow.parentRunId', value: opts.parent }] : [],
    },
    inputs: { datasetInputs: [] },
  };
}

describe('runRows', () => {
  it('puts nested runs under their parent in server order, and folds them away', () => {
    const runs = [run('child-b', { parent: 'p' }), run('other'), run('p'), run('child-a', { parent: 'p' }), run('grandchild', { parent: 'child-a' })];
    expect(runRows(runs).map((r) => [r.run.info.runId, r.depth])).toEqual([
      ['other', 0], ['p', 0], ['child-b', 1], ['child-a', 1], ['grandchild', 2],
    ]);
    expect(runRows(runs, new Set(['p'])).map((r) => r.run.info.runId)).toEqual(['other', 'p']);
  });

  it('keeps orphans at the top level and survives a parent cycle', () => {
    expect(runRows([run('a', { parent: 'missing' })]).map((r) => r.depth)).toEqual([0]);
    const cycle = [run('x', { parent: 'y' }), run('y', { parent: 'x' }), run('z')];
    expect(runRows(cycle).map((r) => r.run.info.runId)).toEqual(['z']);
  });
});

describe('diffRuns', () => {
  it('marks the params and metrics on which runs disagree, including a missing key', () => {
    const rows = diffRuns([
      run('a', { params: { model: 'eegnet', epochs: '30' }, metrics: { acc: 0.9 } }),
      run('b', { params: { model: 'csp', epochs: '30', extra: '1' }, metrics: { acc: 'NaN' } }),
    ]);
    expect(rows.map((r) => [`${r.kind}:${r.key}`, r.values, r.differs])).toEqual([
      ['param:epochs', ['30', '30'], false],
      ['param:extra', ['', '1'], true],
      ['param:model', ['eegnet', 'csp'], true],
      ['metric:acc', ['0.9', 'NaN'], true],
    ]);
  });
});

describe('artifact previews', () => {
  const content = (path: string, contentType: string, text: string, extra: Partial<ArtifactContent> = {}): ArtifactContent => ({
    path, size: text.length, contentType, encoding: 'utf8', content: text, truncated: false, downloadPath: '/x', ...extra,
  });

  it('shows CSV as a table, JSON pretty, images inline, and binaries not at all', () => {
    expect(previewOf(content('a.csv', 'text/csv; charset=utf-8', 'a,b\n1,"x,y"\n'))).toEqual({ kind: 'table', header: ['a', 'b'], rows: [['1', 'x,y']] });
    expect(previewOf(content('a.json', 'application/json', '{"a":1}'))).toEqual({ kind: 'json', text: '{\n  "a": 1\n}' });
    expect(previewOf(content('a.png', 'image/png', 'iVBO', { encoding: 'base64' }))).toEqual({ kind: 'image', src: 'data:image/png;base64,iVBO' });
    expect(previewOf(content('a.bin', 'application/octet-stream', 'AAAA', { encoding: 'base64' }))).toEqual({ kind: 'binary' });
    expect(previewOf(content('a.txt', 'text/plain; charset=utf-8', 'hello'))).toEqual({ kind: 'text', text: 'hello' });
  });

  it('drops the cut last line of a truncated CSV', () => {
    expect(previewOf(content('a.csv', 'text/csv', 'a,b\n1,2\n3,', { truncated: true }))).toMatchObject({ rows: [['1', '2']] });
  });

  it('splits quoted CSV fields with doubled quotes', () => {
    expect(splitCsvLine('"a ""b""",c')).toEqual(['a "b"', 'c']);
  });
});
