import { Readable } from 'node:stream';
import { AppError } from '../core/app-error';
import { openArtifactDownload } from '../mlflow/artifact-download';
import { artifactPathIn, isArtifactProxyPath, locate } from '../mlflow/artifact-location';
import { mlflowErrorAnswer } from '../mlflow/mlflow-errors';
import type { TrackingService } from '../services/tracking/tracking-service';

/** A URL's path as written, without its query: the traversal check must see any "..", so no URL parser may resolve it first. */
function rawPathOf(url: string): string {
  return url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').split(/[?#]/)[0]!;
}

/**
 * The desktop window's artifact downloads. The renderer links files too large for the app
 * API to the MLflow artifact proxy path; inside the window that path resolves to app://,
 * where no HTTP server answers, so the scheme serves it with the HTTP route's lookup and
 * headers. Read-only: uploads and deletes stay with MLflow clients over HTTP.
 * Answers undefined for any other path, which is the renderer's.
 */
export function answerArtifactRequest(request: Request, tracking: TrackingService): Response | undefined {
  const raw = rawPathOf(request.url);
  if (!isArtifactProxyPath(raw)) return undefined;
  try {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      throw new AppError('BAD_REQUEST', `The desktop window only downloads artifacts (GET or HEAD), not ${request.method}; upload or delete through the MLflow HTTP endpoint.`);
    }
    const download = openArtifactDownload(tracking, locate(tracking, artifactPathIn(raw)));
    // Streamed as the window reads it (Readable.toWeb applies backpressure), never read whole.
    const body = request.method === 'HEAD' ? null : (Readable.toWeb(download.stream()) as ReadableStream<Uint8Array>);
    return new Response(body, { status: 200, headers: download.headers });
  } catch (error) {
    const answer = mlflowErrorAnswer(error);
    return new Response(answer.text, { status: answer.status, headers: answer.headers });
  }
}
