/**
 * Where a version's files are. MLflow clients register a model by its artifact URI:
 * `runs:/<run_id>/<path>` (older clients) or, once resolved, the run's own
 * `mlflow-artifacts:/<experiment>/<run_id>/artifacts/<path>`. Either way NeuroOps keeps the
 * run and the path inside its artifacts, so the files can be read back for export.
 */
export interface ModelLocation {
  runId: string;
  artifactPath: string;
}

const RUNS_URI = /^runs:\/([0-9a-zA-Z-]+)\/(.+)$/;
const MLFLOW_ARTIFACTS_URI = /^mlflow-artifacts:\/\/?(?:[^/]+)\/([0-9a-zA-Z-]+)\/artifacts\/(.+)$/;

function trimSlashes(path: string): string {
  return path.replace(/^\/+|\/+$/g, '');
}

/** The run and path a source points into, or null for a source outside this tracker. */
export function locateModel(source: string, runId: string | null): ModelLocation | null {
  for (const pattern of [RUNS_URI, MLFLOW_ARTIFACTS_URI]) {
    const match = pattern.exec(source);
    if (match && (!runId || match[1] === runId)) return { runId: match[1]!, artifactPath: trimSlashes(match[2]!) };
  }
  return null;
}

export function runsUri(location: ModelLocation): string {
  return `runs:/${location.runId}/${location.artifactPath}`;
}
