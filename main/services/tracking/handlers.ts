import fs from 'node:fs';
import type { trackingProcedures } from '../../contract/tracking';
import type { Handler } from '../../core/dispatcher';
import { artifactContentType, isTextContentType } from './content-type';
import { toJsonDouble } from './metric-values';
import type { TrackingService } from './tracking-service';
import type { Run } from './types';

/** A run for the app API: non-finite metric values become strings, as JSON needs. */
function runForApi(run: Run) {
  return { ...run, data: { ...run.data, metrics: run.data.metrics.map((m) => ({ ...m, value: toJsonDouble(m.value) })) } };
}

/** Reads at most `maxBytes` of a blob without loading the rest. */
function readStart(file: string, size: number, maxBytes: number): Buffer {
  const length = Math.min(size, maxBytes);
  const buffer = Buffer.alloc(length);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, buffer, 0, length, 0);
  } finally {
    fs.closeSync(fd);
  }
  return buffer;
}

/** Drops a multi-byte UTF-8 character cut at the end of a truncated read, so no U+FFFD shows. */
export function trimCutUtf8(bytes: Buffer): Buffer {
  let start = bytes.length - 1;
  // Walk back over continuation bytes (10xxxxxx) to the lead byte of the last character.
  while (start >= 0 && start > bytes.length - 4 && (bytes[start]! & 0xc0) === 0x80) start -= 1;
  if (start < 0) return bytes;
  const lead = bytes[start]!;
  const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return bytes.length - start < length ? bytes.subarray(0, start) : bytes;
}

/** The `/api/2.0/mlflow-artifacts/...` path of a run file, when its artifacts live in this store. */
function proxyPathOf(artifactUri: string, path: string): string {
  const root = artifactUri.replace(/^mlflow-artifacts:\/*/, '');
  return `/api/2.0/mlflow-artifacts/artifacts/${[...root.split('/'), ...path.split('/')].map(encodeURIComponent).join('/')}`;
}

type TrackingHandlers = { [N in keyof typeof trackingProcedures]: Handler<N> };

/** Waits for a write and answers the empty object the contract gives for "done". */
const done = async (write: Promise<unknown>): Promise<Record<string, never>> => {
  await write;
  return {};
};

export function trackingHandlers(tracking: TrackingService): TrackingHandlers {
  return {
    'tracking.searchExperiments': (input) => {
      const page = tracking.searchExperiments(input);
      return { experiments: page.items, nextPageToken: page.nextPageToken };
    },
    'tracking.experimentActivity': () => ({ experiments: tracking.experimentActivity() }),
    'tracking.experimentKeys': ({ experimentId }) => tracking.experimentKeys(experimentId),
    'tracking.getExperiment': ({ experimentId }) => tracking.getExperiment(experimentId),
    'tracking.createExperiment': async ({ name, tags }) => ({ experimentId: await tracking.createExperiment({ name, tags }) }),
    'tracking.renameExperiment': ({ experimentId, newName }) => done(tracking.renameExperiment(experimentId, newName)),
    'tracking.deleteExperiment': ({ experimentId }) => done(tracking.deleteExperiment(experimentId)),
    'tracking.restoreExperiment': ({ experimentId }) => done(tracking.restoreExperiment(experimentId)),
    'tracking.searchRuns': (input) => {
      const page = tracking.searchRuns(input);
      return { runs: page.items.map(runForApi), nextPageToken: page.nextPageToken };
    },
    'tracking.getRun': ({ runId }) => runForApi(tracking.getRun(runId)),
    'tracking.getMetricHistory': ({ runId, key, maxPoints, axis }) => tracking.getChartSeries(runId, key, maxPoints, axis),
    'tracking.getMetricHistoryBulk': ({ runIds, key, maxPoints, axis }) => ({
      series: tracking.getChartSeriesBulk(runIds, key, maxPoints, axis),
    }),
    'tracking.listArtifacts': ({ runId, path }) => ({
      rootUri: tracking.getRun(runId).info.artifactUri,
      entries: tracking.listArtifacts(runId, path),
    }),
    'tracking.readArtifact': ({ runId, path, maxBytes }) => {
      const artifact = tracking.openArtifact(runId, path);
      const contentType = artifactContentType(artifact.path);
      const text = isTextContentType(contentType);
      return {
        path: artifact.path,
        size: artifact.size,
        contentType,
        encoding: text ? 'utf8' : 'base64',
        content: text
          ? trimCutUtf8(readStart(artifact.file, artifact.size, maxBytes)).toString('utf8')
          : readStart(artifact.file, artifact.size, maxBytes).toString('base64'),
        truncated: artifact.size > maxBytes,
        downloadPath: proxyPathOf(tracking.getRun(runId).info.artifactUri, artifact.path),
      };
    },
    'tracking.deleteRun': ({ runId }) => done(tracking.deleteRun(runId)),
    'tracking.restoreRun': ({ runId }) => done(tracking.restoreRun(runId)),
    'tracking.renameRun': ({ runId, name }) => done(tracking.updateRun(runId, { runName: name })),
    'tracking.setNote': ({ runId, note }) => done(tracking.setNote(runId, note)),
  };
}
