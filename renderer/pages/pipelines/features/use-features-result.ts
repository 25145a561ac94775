import { useEffect, useState } from 'react';
import type { TaskRun } from '../../../../main/contract/executor';
import { api } from '../../../api/client';
import { parseFeatureTable, type FeatureTableView } from './feature-table';
import { parseQuality, type RecordingQuality } from './quality';

export interface Band {
  name: string;
  lo: number;
  hi: number;
}

export interface FeaturesResult {
  table: FeatureTableView;
  quality: RecordingQuality[];
  /** The spec's bands with their edges in Hz. */
  bands: Band[];
  /** The tracked run that holds the artifacts. */
  runId: string;
}

export type FeaturesResultState = { status: 'waiting' } | { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; result: FeaturesResult };

/** The largest artifact read for display (the app API's limit for one answer). */
const MAX_BYTES = 16 * 1024 * 1024;

async function readText(runId: string, path: string): Promise<string> {
  const artifact = await api.tracking.readArtifact({ runId, path, maxBytes: MAX_BYTES });
  if (artifact.encoding !== 'utf8' || artifact.truncated) throw new Error(`${path} is larger than ${MAX_BYTES / 1024 / 1024} MB: download it from the tracked run instead.`);
  return artifact.content;
}

const ENDED_POLL_MS = 250;
const ENDED_WAIT_MS = 60_000;

/**
 * Waits for the tracked run to end: the executor ends it only once every artifact sent
 * before is stored, while the task run may already read Completed.
 */
async function waitForEnd(runId: string, isCurrent: () => boolean): Promise<void> {
  const deadline = Date.now() + ENDED_WAIT_MS;
  while ((await api.tracking.getRun({ runId })).info.status === 'RUNNING') {
    if (!isCurrent()) return;
    if (Date.now() > deadline) throw new Error(`its tracked run ${runId} is still being written after ${ENDED_WAIT_MS / 1000} s; reopen the page later.`);
    await new Promise((resolve) => setTimeout(resolve, ENDED_POLL_MS));
  }
}

async function loadResult(runId: string, isCurrent: () => boolean): Promise<FeaturesResult> {
  await waitForEnd(runId, isCurrent);
  const [csv, qualityJson, specJson] = await Promise.all([readText(runId, 'features.csv'), readText(runId, 'quality.json'), readText(runId, 'features.spec.json')]);
  const spec = JSON.parse(specJson) as { spec?: { bands?: Band[] } };
  const bands = spec.spec?.bands ?? [];
  return { table: parseFeatureTable(csv, bands.map((b) => b.name)), quality: parseQuality(JSON.parse(qualityJson)), bands, runId };
}

/**
 * The results a `features` run logged (table, quality report, spec) as artifacts of
 * its `features.assemble` task's tracked run, read once that task has completed.
 */
export function useFeaturesResult(taskRuns: TaskRun[]): FeaturesResultState {
  const assemble = taskRuns.find((t) => t.taskName === 'features.assemble' && t.state === 'Completed' && t.trackingRunId);
  const runId = assemble?.trackingRunId ?? null;
  // What was loaded, and for which run: a result for another run is not shown.
  const [loaded, setLoaded] = useState<{ runId: string; state: FeaturesResultState } | null>(null);
  useEffect(() => {
    if (!runId) return;
    let current = true;
    loadResult(runId, () => current).then(
      (result) => current && setLoaded({ runId, state: { status: 'ready', result } }),
      (error: unknown) => current && setLoaded({ runId, state: { status: 'error', message: error instanceof Error ? error.message : String(error) } }),
    );
    return () => {
      current = false;
    };
  }, [runId]);
  if (!runId) return { status: 'waiting' };
  return loaded?.runId === runId ? loaded.state : { status: 'loading' };
}
