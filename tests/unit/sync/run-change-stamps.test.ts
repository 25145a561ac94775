import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRegistryService } from '../../../main/services/registry/create-registry-service';
import { runStamps } from '../../../main/services/sync/local-runs';
import { push } from '../../../main/services/sync/push';
import { runOverview, runStatuses } from '../../../main/services/sync/sync-status';
import { SyncStore } from '../../../main/services/sync/sync-store';
import { SYSTEM_TAGS } from '../../../main/services/tracking/types';
import { openTracking, type TrackingFixture } from '../tracking/support';

let fx: TrackingFixture;
let store: SyncStore;
let remotePk: number;

beforeEach(() => {
  fx = openTracking();
  store = new SyncStore(fx.db);
  remotePk = store.remotePk('http://remote.example:5000');
});
afterEach(() => fx.close());

/** Records a run as a successful push does: synced at the stamp it had. */
function markPushed(runId: string): void {
  fx.tracking.flush();
  store.updateRun(remotePk, runId, { remote_run_id: `remote-${runId}`, state: 'synced', pushed_stamp: runStamps(fx.db, [runId]).get(runId)! });
}

function stateOf(runId: string): string {
  fx.tracking.flush();
  return runStatuses(fx.db, store, remotePk, [runId]).get(runId)!.state;
}

async function newRun(name: string, tags: Array<{ key: string; value: string }> = []): Promise<string> {
  const { runId } = await fx.tracking.createRun({ experimentId: '0', runName: name, tags });
  await fx.tracking.logBatch(runId, { params: [{ key: 'lr', value: '0.1' }], metrics: [{ key: 'loss', value: 1, timestamp: 1, step: 0 }], tags: [{ key: 'team', value: 'a' }] });
  await fx.tracking.putArtifact(runId, 'notes.txt', 'first');
  return runId;
}

describe('run change stamps: what makes a synced run pending', () => {
  const changes: Array<[string, (runId: string) => Promise<unknown>]> = [
    ['a new param', (runId) => fx.tracking.logParam(runId, { key: 'epochs', value: '10' })],
    ['a new metric point of a known key', (runId) => fx.tracking.logMetric(runId, { key: 'loss', value: 0.5, timestamp: 2, step: 1 })],
    ['a new metric key', (runId) => fx.tracking.logMetric(runId, { key: 'acc', value: 0.5, timestamp: 2, step: 1 })],
    ['a changed tag', (runId) => fx.tracking.setTag(runId, { key: 'team', value: 'b' })],
    ['a new tag', (runId) => fx.tracking.setTag(runId, { key: 'site', value: 'oslo' })],
    ['a deleted tag', (runId) => fx.tracking.deleteTag(runId, 'team')],
    ['a new artifact', (runId) => fx.tracking.putArtifact(runId, 'more.txt', 'x')],
    ['an artifact rewritten with other bytes', (runId) => fx.tracking.putArtifact(runId, 'notes.txt', 'second')],
    ['a deleted artifact', (runId) => fx.tracking.deleteArtifact(runId, 'notes.txt')],
    ['the run ended', (runId) => fx.tracking.setTerminated(runId, 'FINISHED', 5000)],
    ['the run renamed', (runId) => fx.tracking.updateRun(runId, { runName: 'renamed' })],
    ['the run nested under another', async (runId) => fx.tracking.setTag(runId, { key: SYSTEM_TAGS.parentRunId, value: await newRun('parent') })],
  ];

  for (const [what, change] of changes) {
    it(`${what} makes that run pending and no other`, async () => {
      const runId = await newRun('changed');
      const other = await newRun('untouched');
      markPushed(runId);
      markPushed(other);
      expect(stateOf(runId)).toBe('synced');
      await change(runId);
      expect(stateOf(runId)).toBe('pending');
      expect(stateOf(other)).toBe('synced');
      expect(runOverview(fx.db, remotePk, 10).counts).toMatchObject({ synced: 1, failed: 0 });
    });
  }

  it('a nested run changes on its own: its parent stays synced, and a new child is pending', async () => {
    const parent = await newRun('parent');
    const child = await newRun('child', [{ key: SYSTEM_TAGS.parentRunId, value: parent }]);
    markPushed(parent);
    markPushed(child);
    await fx.tracking.logMetric(child, { key: 'loss', value: 0.2, timestamp: 3, step: 2 });
    expect(stateOf(child)).toBe('pending');
    expect(stateOf(parent)).toBe('synced');
    const second = await newRun('second child', [{ key: SYSTEM_TAGS.parentRunId, value: parent }]);
    expect(stateOf(second)).toBe('pending');
    expect(stateOf(parent)).toBe('synced');
  });

  it('writes that change nothing the push sends leave the run synced, as the fingerprint did', async () => {
    const runId = await newRun('same');
    markPushed(runId);
    await fx.tracking.setTag(runId, { key: 'team', value: 'a' });
    await fx.tracking.logParam(runId, { key: 'lr', value: '0.1' });
    await fx.tracking.putArtifact(runId, 'notes.txt', 'first');
    expect(stateOf(runId)).toBe('synced');
  });

  it('a deleted run leaves the count and comes back pending only if it changed', async () => {
    const runId = await newRun('deleted');
    markPushed(runId);
    await fx.tracking.deleteRun(runId);
    expect(runOverview(fx.db, remotePk, 10).counts).toEqual({ synced: 0, pending: 0, failed: 0 });
    await fx.tracking.restoreRun(runId);
    expect(stateOf(runId)).toBe('pending');
  });

  it('the overview counts what the per-run statuses say, and lists failures with their reason', async () => {
    const ids = [await newRun('a'), await newRun('b'), await newRun('c'), await newRun('d')];
    markPushed(ids[0]!);
    markPushed(ids[1]!);
    store.updateRun(remotePk, ids[2]!, { state: 'failed', error_code: 'INVALID_PARAMETER_VALUE', error_message: 'Changing param values is not allowed' });
    await fx.tracking.setTag(ids[1]!, { key: 'team', value: 'z' });
    fx.tracking.flush();
    const overview = runOverview(fx.db, remotePk, 10);
    expect(overview.counts).toEqual({ synced: 1, pending: 2, failed: 1 });
    expect(overview.failures).toEqual([{ runId: ids[2], code: 'INVALID_PARAMETER_VALUE', reason: 'Changing param values is not allowed' }]);
    const states = [...runStatuses(fx.db, store, remotePk, ids).values()].map((s) => s.state);
    expect(states).toEqual(['synced', 'pending', 'failed', 'pending']);
    expect(runOverview(fx.db, null, 10).counts).toEqual({ synced: 0, pending: 4, failed: 0 });
  });
});

describe('a push and the change stamp', () => {
  let server: http.Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  /** A stand-in MLflow server that accepts everything; `onLogBatch` runs before each log-batch is answered. */
  async function acceptingRemote(onLogBatch: () => Promise<void>): Promise<{ uri: string; logBatches: () => number }> {
    let logBatches = 0;
    let runs = 0;
    server = http.createServer((req, res) => {
      req.resume();
      req.on('end', async () => {
        const url = req.url ?? '';
        let body: unknown = {};
        if (url.includes('experiments/get-by-name')) body = { experiment: { experiment_id: '1' } };
        else if (url.includes('runs/search')) body = { runs: [] };
        else if (url.includes('runs/create')) body = { run: { info: { run_id: `r${++runs}`, artifact_uri: 'mlflow-artifacts:/1/r' } } };
        else if (url.includes('metrics/get-history')) body = { metrics: [] };
        else if (url.includes('runs/log-batch')) {
          logBatches += 1;
          await onLogBatch();
        }
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return { uri: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, logBatches: () => logBatches };
  }

  it('records the stamp read before the push, so an edit made during the push shows pending afterwards and goes with the next push', async () => {
    const runId = await newRun('busy');
    let edited = false;
    const remote = await acceptingRemote(async () => {
      if (edited) return;
      edited = true;
      await fx.tracking.setTag(runId, { key: 'note', value: 'logged while the push ran' });
      fx.tracking.flush();
    });
    const deps = { db: fx.db, tracking: fx.tracking, registry: createRegistryService({ db: fx.db, runs: fx.tracking }), store };
    const options = { uri: remote.uri, auth: { kind: 'none' as const }, scope: { kind: 'runs' as const, runIds: [runId] } };
    const pk = store.remotePk(remote.uri);

    const first = await push(deps, options);
    expect(first.runs.pushed).toBe(1);
    expect(edited).toBe(true);
    expect(runStatuses(fx.db, store, pk, [runId]).get(runId)!.state).toBe('pending');
    expect(runOverview(fx.db, pk, 10).counts).toEqual({ synced: 0, pending: 1, failed: 0 });

    const second = await push(deps, options);
    expect(second.runs.pushed).toBe(1);
    expect(runStatuses(fx.db, store, pk, [runId]).get(runId)!.state).toBe('synced');

    const batchesBefore = remote.logBatches();
    const third = await push(deps, options);
    expect(third.runs).toMatchObject({ pushed: 0, unchanged: 1 });
    expect(remote.logBatches()).toBe(batchesBefore);
  });
});
