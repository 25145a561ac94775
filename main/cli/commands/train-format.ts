import type { TrainingStatus } from '../../contract/training';

/** What `neuroops train --json` prints: the run ids, the model version and the metrics with the CV scores. */
export function trainingJson(status: TrainingStatus) {
  const { flowRun, result, modelVersion } = status;
  return {
    flowRunId: flowRun.flowRunId,
    state: flowRun.state,
    runId: status.trainRunId,
    parentRunId: flowRun.trackingRunId,
    source: status.source,
    model: result ? { type: result.model, params: result.params, classes: result.classes, features: result.featureNames.length } : null,
    modelVersion: modelVersion ? { name: modelVersion.name, version: modelVersion.version, status: modelVersion.status, specHash: modelVersion.specHash } : null,
    metrics: result?.metrics ?? null,
    cv: result?.cv ?? null,
    search: result?.search ?? null,
    error: flowRun.state === 'Completed' ? null : flowRun.stateMessage,
  };
}

const pct = (x: number | undefined): string => (x === undefined ? 'n/a' : `${(100 * x).toFixed(1)}%`);

export function trainingSummary(status: TrainingStatus): string {
  const { flowRun, result, modelVersion } = status;
  if (!result) return `Training ${flowRun.flowRunId} ${flowRun.state}${flowRun.stateMessage ? `: ${flowRun.stateMessage}` : ''}`;
  const m = result.metrics;
  return [
    `Trained a ${result.model} on ${status.source ?? 'the data'} (${result.featureNames.length} features, classes ${result.classes.join(', ')}).`,
    `CV accuracy ${pct(result.cv.mean)} ± ${pct(result.cv.std)} over ${result.cv.scores.length} folds: ${result.cv.scores.map((s) => pct(s)).join(' ')}`,
    `Test: accuracy ${pct(m.accuracy)}, balanced accuracy ${pct(m.balanced_accuracy)}, macro F1 ${pct(m.f1_macro)}, ROC AUC ${m.roc_auc?.toFixed(3) ?? 'n/a'}, log-loss ${m.log_loss?.toFixed(3) ?? 'n/a'}`,
    ...(result.search ? [`Search: ${result.search.candidates} candidates in ${(result.search.elapsedMs / 1000).toFixed(1)} s, best CV accuracy ${pct(result.search.bestScore)}`] : []),
    `Run: ${status.trainRunId} (flow run ${flowRun.flowRunId})`,
    modelVersion ? `Registered: ${modelVersion.name} version ${modelVersion.version} (${modelVersion.status})` : 'Not registered.',
  ].join('\n');
}
