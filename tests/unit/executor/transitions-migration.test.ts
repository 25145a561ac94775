import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../../main/db/database';
import { migrations } from '../../../main/db/migrations';
import { ExecutorStore } from '../../../main/services/executor/store';
import { tempDir } from '../../support/temp-dir';

const transition = (from: string | null, to: string, at: number, message: string | null) => ({ from, to, at, message });

describe('migration 5: run transitions move into their runs’ rows', () => {
  it('keeps every stored transition, in order, for flow runs and task runs, and drops the old table', () => {
    const file = path.join(tempDir(), 'neuroops.db');
    const before = openDatabase(file, { migrations: migrations.slice(0, 4) });
    before.db.exec(`
      INSERT INTO flow_runs (flow_run_id, flow_name, flow_version, params_json, state, owner_pid, owner_host, created_at)
        VALUES ('f1', 'demo', '1', '{}', 'Completed', 1, 'h', 100), ('f2', 'demo', '1', '{}', 'Scheduled', 1, 'h', 200);
      INSERT INTO task_runs (task_run_id, flow_run_id, task_name, task_version, label, state, attempt, max_retries, created_at)
        VALUES ('t1', 'f1', 'a', '1', 'a', 'Completed', 2, 1, 101), ('t2', 'f1', 'b', '1', 'b', 'Scheduled', 1, 0, 102);
      INSERT INTO run_transitions (flow_run_id, task_run_id, from_state, to_state, at, message) VALUES
        ('f1', NULL, NULL, 'Scheduled', 100, NULL),
        ('f1', 't1', NULL, 'Scheduled', 101, NULL),
        ('f1', NULL, 'Scheduled', 'Running', 102, 'go'),
        ('f1', 't1', 'Scheduled', 'Pending', 103, NULL),
        ('f1', 't1', 'Pending', 'Retrying', 104, 'retry 1 of 1'),
        ('f1', 't1', 'Retrying', 'Completed', 105, NULL),
        ('f1', NULL, 'Running', 'Completed', 106, NULL);
    `);
    closeDatabase(before.db);

    const after = openDatabase(file);
    expect(after.migration).toMatchObject({ from: 4, to: migrations.length });
    const store = new ExecutorStore(after.db);
    const f1 = store.flowRunDetail('f1');
    expect(f1.transitions).toEqual([transition(null, 'Scheduled', 100, null), transition('Scheduled', 'Running', 102, 'go'), transition('Running', 'Completed', 106, null)]);
    expect(f1.taskRuns.map((t) => [t.taskRunId, t.transitions])).toEqual([
      ['t1', [transition(null, 'Scheduled', 101, null), transition('Scheduled', 'Pending', 103, null), transition('Pending', 'Retrying', 104, 'retry 1 of 1'), transition('Retrying', 'Completed', 105, null)]],
      ['t2', []],
    ]);
    expect(store.flowRunDetail('f2').transitions).toEqual([]);
    expect(after.db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'run_transitions'").get()).toEqual({ n: 0 });
    closeDatabase(after.db);
  });
});
