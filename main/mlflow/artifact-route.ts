import type http from 'node:http';
import { pipeline } from 'node:stream/promises';
import { AppError, invalid } from '../core/app-error';
import type { HttpRoute } from '../transport/http-route';
import { sendJson } from '../transport/http-io';
import type { TrackingService } from '../services/tracking/tracking-service';
import { openArtifactDownload } from './artifact-download';
import { artifactPathIn, isArtifactProxyPath, locate, type ArtifactLocation } from './artifact-location';
import { fileInfoJson } from './mlflow-json';
import { sendMlflowError } from './mlflow-errors';

function list(tracking: TrackingService, url: URL): unknown {
  const where = locate(tracking, url.searchParams.get('path') ?? '');
  if (where.level === 'store' || where.level === 'experiment') return { files: [] };
  if (where.level === 'run') return { files: [{ path: 'artifacts', is_dir: true }] };
  // MLflow's proxy lists base names; the client joins them to the folder it asked for.
  const entries = tracking.listArtifacts(where.runId!, where.inRun);
  return { files: entries.map((e) => fileInfoJson(e, e.path.slice(e.path.lastIndexOf('/') + 1))) };
}

async function download(tracking: TrackingService, where: ArtifactLocation, res: http.ServerResponse): Promise<void> {
  const artifact = openArtifactDownload(tracking, where);
  res.writeHead(200, artifact.headers);
  await pipeline(artifact.stream(), res);
}

/** MLflow's artifact proxy: GET downloads, PUT uploads (streamed to disk), DELETE removes; GET without a path lists. */
export function mlflowArtifactRoute(tracking: TrackingService): HttpRoute {
  return async (req, res, url) => {
    // Matched on the raw path too: URL parsing resolves "..", which would carry a
    // traversal attempt past this route instead of refusing it here.
    const raw = (req.url ?? '').split('?')[0]!;
    if (!isArtifactProxyPath(url.pathname) && !isArtifactProxyPath(raw)) return false;
    try {
      const artifactPath = artifactPathIn(raw);
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
