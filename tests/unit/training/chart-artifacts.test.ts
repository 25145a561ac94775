/**
 * The train stage's evaluation charts: a trained run holds the confusion matrix,
 * the ROC curve and both importances as JSON (the app's charts) and as SVG
 * (MLflow's UI), and the JSON numbers are the ones its metrics were computed from.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../main/app/core';
import { CHART_ARTIFACTS, CV_SCORES_PATH, chartJsonPath, chartSvgPath } from '../../../pipelines/flows/training/chart-artifacts';
import { tempDir } from '../../support/temp-dir';
import { expectWellFormedSvg } from './svg-check';

const fixtures = join(__dirname, '../../fixtures/ml');
const metricsOf = (m: Array<{ key: string; value: number }>) => Object.fromEntries(m.map((x) => [x.key, x.value]));

async function trainedRun(core: Core, table: string, model: 'rf' | 'logreg') {
  const started = await core.dispatcher.invoke('training.start', {
    source: { kind: 'features', path: join(fixtures, table) },
    label: 'label',
    model,
    cv: 3,
    seed: 2,
    register: null,
  });
  const status = await core.services.training.waitFor(started.flowRun.flowRunId);
  expect(status.flowRun.state).toBe('Completed');
  const runId = status.trainRunId!;
  const read = (p: string) => readFileSync(core.services.tracking.openArtifact(runId, p).file).toString();
  return { status, runId, read, metrics: metricsOf(core.services.tracking.getRun(runId).data.metrics) };
}

describe('evaluation charts of a trained run', () => {
  for (const [table, model, classes] of [
    ['multiclass.csv', 'rf', ['0', '1', '2']],
    ['breast-cancer.csv', 'logreg', ['0', '1']],
  ] as const) {
    it(`${model} on ${table}: JSON and SVG of each chart, numbers equal to the metrics`, async () => {
      const core = await createCore({ dataDir: tempDir() });
      try {
        const { status, runId, read, metrics } = await trainedRun(core, table, model);
        const listed = (folder: string) => core.services.tracking.listArtifacts(runId, folder).map((a) => a.path).sort();
        const names = Object.values(CHART_ARTIFACTS);
        expect(listed('charts')).toEqual([...names.map(chartJsonPath), CV_SCORES_PATH].sort());
        expect(listed('plots')).toEqual(names.map(chartSvgPath).sort());
        for (const name of names) expectWellFormedSvg(read(chartSvgPath(name)));

        const confusion = JSON.parse(read(chartJsonPath(CHART_ARTIFACTS.confusionMatrix)));
        expect(confusion.classes).toEqual(classes);
        const total = confusion.counts.flat().reduce((a: number, b: number) => a + b, 0);
        expect(total).toBeGreaterThan(0);
        const trace = confusion.counts.reduce((a: number, row: number[], i: number) => a + row[i]!, 0);
        expect(trace / total).toBeCloseTo(metrics.accuracy!, 12);
        classes.forEach((c, k) => expect(confusion.normalized[k][k]).toBeCloseTo(metrics[`recall_${c}`]!, 12));

        const roc = JSON.parse(read(chartJsonPath(CHART_ARTIFACTS.roc)));
        expect(roc.curves).toHaveLength(classes.length === 2 ? 1 : classes.length);
        const meanAuc = roc.curves.reduce((a: number, c: { auc: number }) => a + c.auc, 0) / roc.curves.length;
        expect(meanAuc).toBeCloseTo(metrics.roc_auc!, 12);
        for (const curve of roc.curves) {
          expect(curve.fpr[0]).toBe(0);
          expect(curve.tpr.at(-1)).toBe(1);
        }

        const featureNames = status.result!.featureNames;
        const impurity = JSON.parse(read(chartJsonPath(CHART_ARTIFACTS.impurity)));
        expect(impurity.kind).toBe('impurity_importance');
        expect(impurity.measure).toBe(model === 'rf' ? 'impurity' : 'mean |coefficient| (standardized)');
        expect(impurity.features.map((f: { name: string }) => f.name).sort()).toEqual([...featureNames].sort());
        expect(impurity.features.reduce((a: number, f: { importance: number }) => a + f.importance, 0)).toBeCloseTo(1, 9);

        const permutation = JSON.parse(read(chartJsonPath(CHART_ARTIFACTS.permutation)));
        expect(permutation).toMatchObject({ kind: 'permutation_importance', repeats: 5, scoring: 'accuracy' });
        expect(permutation.baseline).toBeCloseTo(metrics.accuracy!, 12);
        expect(permutation.features).toHaveLength(featureNames.length);
        for (const f of permutation.features) expect(f.std).toBeGreaterThanOrEqual(0);
        // The most useful feature costs accuracy when shuffled.
        expect(permutation.features[0].importance).toBeGreaterThan(0);

        expect(JSON.parse(read(CV_SCORES_PATH))).toEqual(status.result!.cv);
      } finally {
        await core.close();
      }
    }, 180_000);
  }
});

describe('the SVG check', () => {
  it('refuses unclosed elements, raw ampersands and two roots', () => {
    const ns = 'xmlns="http://www.w3.org/2000/svg"';
    expect(() => expectWellFormedSvg(`<svg ${ns}><g><rect x="1"/></svg>`)).toThrow();
    expect(() => expectWellFormedSvg(`<svg ${ns}><text x="1">a & b</text></svg>`)).toThrow();
    expect(() => expectWellFormedSvg(`<svg ${ns}></svg><svg ${ns}></svg>`)).toThrow();
    expect(() => expectWellFormedSvg(`<svg ${ns}><text x=1>a</text></svg>`)).toThrow();
    expectWellFormedSvg(`<svg ${ns}><g><text x="1">a &amp; b</text><rect x="2"/></g></svg>\n`);
  });
});
