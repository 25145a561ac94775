/**
 * The small models whose ONNX files are committed under tests/fixtures/ml/onnx and
 * checked with python3-onnx's checker (scripts/fixtures/check-onnx-models.py).
 * Shared by the script that writes them and the test that proves they are
 * still what the exporter produces.
 */
import { fitLogisticRegression, fitRandomForest, fitStandardScaler, transformStandard } from '../../../pipelines/ml';
import { fitGradientBoosting } from '../../../pipelines/ml/gradient-boosting';
import { exportGradientBoostingOnnx, exportLogisticRegressionOnnx, exportRandomForestOnnx } from '../../../pipelines/ml/onnx';
import { loadTable } from './fixtures';

const classNames = (K: number): string[] => Array.from({ length: K }, (_, k) => `class-${k}`);

export function fixtureModels(): Array<{ file: string; bytes: Uint8Array }> {
  const out: Array<{ file: string; bytes: Uint8Array }> = [];
  for (const [table, tag] of [['breast-cancer', 'binary'], ['multiclass', 'multiclass']] as const) {
    const t = loadTable(table);
    const scaler = fitStandardScaler(t.x);
    const logreg = fitLogisticRegression(transformStandard(scaler, t.x), t.y, { C: 1 });
    out.push({
      file: `logreg-${tag}.onnx`,
      bytes: exportLogisticRegressionOnnx(scaler, logreg, { featureNames: t.names, classes: classNames(logreg.nClasses), specHash: 'fixture' }),
    });
    const forest = fitRandomForest(t.x, t.y, { nEstimators: 5, maxDepth: 4, seed: 11 });
    out.push({
      file: `forest-${tag}.onnx`,
      bytes: exportRandomForestOnnx(forest, { featureNames: t.names, classes: classNames(forest.nClasses), specHash: 'fixture' }),
    });
    const gbt = fitGradientBoosting(t.x, t.y, { nEstimators: 4, maxDepth: 2, seed: 11 });
    out.push({
      file: `gbt-${tag}.onnx`,
      bytes: exportGradientBoostingOnnx(gbt, { featureNames: t.names, classes: classNames(gbt.nClasses), specHash: 'fixture' }),
    });
  }
  return out;
}
