import fs from 'node:fs';
import { RemoteError } from './remote-error';
import { runArtifacts } from './local-runs';
import type { PushContext } from './push-context';

const PROXY_URI = /^mlflow-artifacts:(?:\/\/[^/]*)?\/+(.+?)\/*$/;

/** The remote run's artifact root as a path under the mlflow-artifacts proxy, read once per run. */
export async function remoteArtifactRoot(ctx: PushContext, remoteRunId: string): Promise<string> {
  let uri = ctx.artifactUris.get(remoteRunId);
  if (!uri) {
    const run = await ctx.client.call<{ run: { info: { artifact_uri: string } } }>('GET', 'runs/get', { query: { run_id: remoteRunId }, what: `reading run ${remoteRunId}` });
    uri = run.run.info.artifact_uri;
    ctx.artifactUris.set(remoteRunId, uri);
  }
  return uri;
}

export function proxyPath(artifactUri: string): string {
  const match = PROXY_URI.exec(artifactUri);
  if (!match) {
    throw new RemoteError(
      'UNSUPPORTED_REMOTE',
      `The remote keeps run artifacts at ${artifactUri}, outside its mlflow-artifacts proxy, which is the only way NeuroOps uploads. Start the server with artifact serving on (mlflow server --serve-artifacts, the default since MLflow 2.0).`,
      null,
      false,
      false,
    );
  }
  return match[1]!;
}

/** Uploads each file of the run whose content (sha256) the remote does not have yet. PUT is idempotent, so retries are safe. */
export async function pushArtifacts(ctx: PushContext, runId: string, remoteRunId: string): Promise<void> {
  const pushed = ctx.store.pushedArtifacts(ctx.remotePk, runId);
  const todo = runArtifacts(ctx.db, runId).filter((a) => pushed.get(a.path) !== a.sha256);
  if (todo.length === 0) return;
  const root = proxyPath(await remoteArtifactRoot(ctx, remoteRunId));
  for (const artifact of todo) {
    const file = ctx.tracking.openArtifact(runId, artifact.path).file;
    await ctx.client.putArtifact(`${root}/${artifact.path}`, () => fs.readFileSync(file), `uploading ${artifact.path} of run ${runId}`);
    ctx.store.recordArtifact(ctx.remotePk, runId, artifact.path, artifact.sha256);
    ctx.report.artifacts.uploaded += 1;
    ctx.report.artifacts.bytes += artifact.size;
  }
}
