import type http from 'node:http';
import { pipeline } from 'node:stream/promises';
import { AppError, invalid, notFound } from '../core/app-error';
import type { HttpRoute } from '../transport/http-route';
import { sendJson } from '../transport/http-io';
import type { TrackingService } from '../services/tracking/tracking-service';
import { artifactContentType } from '../services/tracking/content-type';
import { fileInfoJson } from './mlflow-json';
import { sendMlflowError } from './mlflow-errors';

export const MLFLOW_ARTIFACTS_PREFIX = '/api/2.0/mlflow-artifacts/artifacts';

/** Where a proxied artifact path points: `<experiment_id>/<run_id>/artifacts/<path in the run>`. */
interface ArtifactLocation {
  runId?: string;
  /** Inside the run's tree; '' is its root. */
  inRun: string;
  /** Levels above a run's tree (the experiment or run folder), which hold no files. */
  level: 'store' | 'experiment' | 'run' | 'tree';
}

function locate(tracking: TrackingService, artifactPath: string): ArtifactLocation {
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

/** The path after the prefix, decoded segment by segment from the raw request line (before URL normalization ate any ".."). */
function rawArtifactPath(req: http.IncomingMessage): string {
  const raw = (req.url ?? '').split('?')[0]!.slice(MLFLOW_ARTIFACTS_PREFIX.length).replace(/^\//, '');
  try {
    return raw.split('/').map(decodeURIComponent).join('/');
  } catch {
    throw invalid('The artifact path is not valid percent-encoding.');
  }
}

function list(tracking: TrackingService, url: URL): unknown {
  const where = locate(tracking, url.searchParams.get('path') ?? '');
  if (where.level === 'store' || where.level === 'experiment') return { files: [] };
  if (where.level === 'run') return { files: [{ path: 'artifacts', is_dir: true }] };
  // MLflow's proxy lists base names; the client joins them to the folder it asked for.
  const entries = tracking.listArtifacts(where.runId!, where.inRun);
  return { files: entries.map((e) => fileInfoJson(e, e.path.slice(e.path.lastIndexOf('/') + 1))) };
}

async function download(tracking: TrackingService, where: ArtifactLocation, res: http.ServerResponse): Promise<void> {
  if (where.level !== 'tree' || where.inRun === '') throw invalid('Name a file inside a run\'s artifacts to download it.');
  const artifact = tracking.openArtifact(where.runId!, where.inRun);
  res.writeHead(200, {
    'Content-Type': artifactContentType(artifact.path),
    'Content-Length': artifact.size,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    // An SVG or any other active content must never run as a page of this origin.
    'Content-Security-Policy': "sandbox; default-src 'none'",
    ETag: `"${artifact.sha256}"`,
  });
  await pipeline(artifact.stream(), res);
}

/** MLflow's artifact proxy: GET downloads, PUT uploads (streamed to disk), DELETE removes; GET without a path lists. */
export function mlflowArtifactRoute(tracking: TrackingService): HttpRoute {
  return async (req, res, url) => {
    // Matched on the raw path too: URL parsing resolves "..", which would carry a
    // traversal attempt past this route instead of refusing it here.
    const raw = (req.url ?? '').split('?')[0]!;
    const ours = (p: string): boolean => p === MLFLOW_ARTIFACTS_PREFIX || p.startsWith(`${MLFLOW_ARTIFACTS_PREFIX}/`);
    if (!ours(url.pathname) && !ours(raw)) return false;
    try {
      const artifactPath = rawArtifactPath(req);
      if (artifactPath === '') {
        if (req.method !== 'GET') throw new AppError('BAD_REQUEST', 'List artifacts with GET ?path=…; upload or delete at /artifacts/<path>.');
        sendJson(res, 200, list(tracking, url));
        return true;
      }
      const where = locate(tracking, artifactPath);
      if (req.method === 'GET') await download(tracking, where, res);
      else if (req.method === 'PUT') {
        if (where.level !== 'tree') throw invalid('Upload into a run\'s artifacts: PUT /artifacts/<experiment_id>/<run_id>/artifacts/<path>.');
        await tracking.putArtifact(where.runId!, where.inRun, req);
        sendJson(res, 200, {});
      } else if (req.method === 'DELETE') {
        if (where.level !== 'tree') throw invalid('Delete inside a run\'s artifacts: DELETE /artifacts/<experiment_id>/<run_id>/artifacts/<path>.');
        await tracking.deleteArtifact(where.runId!, where.inRun);
        sendJson(res, 200, {});
      } else {
        throw new AppError('BAD_REQUEST', `Artifacts answer GET, PUT and DELETE, not ${req.method}.`);
      }
    } catch (error) {
      sendMlflowError(res, error);
    }
    return true;
  };
}
