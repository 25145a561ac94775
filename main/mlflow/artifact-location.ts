import { invalid, notFound } from '../core/app-error';
import type { TrackingService } from '../services/tracking/tracking-service';

export const MLFLOW_ARTIFACTS_PREFIX = '/api/2.0/mlflow-artifacts/artifacts';

/** Whether a request path is the artifact proxy's (its prefix, or below it). */
export function isArtifactProxyPath(pathname: string): boolean {
  return pathname === MLFLOW_ARTIFACTS_PREFIX || pathname.startsWith(`${MLFLOW_ARTIFACTS_PREFIX}/`);
}

/**
 * The artifact path in a raw request path (query dropped), decoded segment by segment.
 * It must be the raw path, before URL normalization resolved any "..": a traversal attempt
 * has to reach `locate`, which refuses it, rather than quietly land somewhere else.
 */
export function artifactPathIn(rawPath: string): string {
  const raw = rawPath.split(/[?#]/)[0]!.slice(MLFLOW_ARTIFACTS_PREFIX.length).replace(/^\//, '');
  try {
    return raw.split('/').map(decodeURIComponent).join('/');
  } catch {
    throw invalid('The artifact path is not valid percent-encoding.');
  }
}

/** Where a proxied artifact path points: `<experiment_id>/<run_id>/artifacts/<path in the run>`. */
export interface ArtifactLocation {
  runId?: string;
  /** Inside the run's tree; '' is its root. */
  inRun: string;
  /** Levels above a run's tree (the experiment or run folder), which hold no files. */
  level: 'store' | 'experiment' | 'run' | 'tree';
}

export function locate(tracking: TrackingService, artifactPath: string): ArtifactLocation {
  const segments = artifactPath.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) throw invalid(`Invalid artifact path "${artifactPath}": ".." is not allowed.`);
  const [experimentId, runId, artifacts, ...rest] = segments;
  if (!experimentId) return { inRun: '', level: 'store' };
  if (!runId) return { inRun: '', level: 'experiment' };
  const info = tracking.getRun(runId).info;
  if (info.experimentId !== experimentId) throw notFound(`Run ${runId} is not in experiment ${experimentId}.`);
  if (!artifacts) return { runId, inRun: '', level: 'run' };
  if (artifacts !== 'artifacts') throw notFound(`No artifact folder "${artifacts}" in run ${runId}; a run keeps its files under "artifacts/".`);
  return { runId, inRun: rest.join('/'), level: 'tree' };
}
