import type Database from 'better-sqlite3';
import type { Db } from '../../db/database';
import type { LogLevelName, LogLine, StateTransition, TaskRun } from '../../contract/executor';
import { MultiRowStatement } from '../../db/multi-row';
import type { RunState } from './states';
import { toTaskRun, transitionsOf, type FlowRunRow, type RunRecord, type Stored, type TaskRunRow } from './run-rows';

const TASK_CHANGING_COLUMNS = [
  'state', 'state_message', 'attempt', 'cached', 'progress', 'progress_message', 'tracking_run_id', 'started_at', 'ended_at',
] as const satisfies ReadonlyArray<keyof TaskRunRow>;

interface LogRow {
  log_id: number;
  flow_run_id: string;
  task_run_id: string | null;
  level: LogLevelName;
  at: number;
  message: string;
}

const FLOW_ROW_COLUMNS = [
  'flow_run_id', 'flow_name', 'flow_version', 'params_json', 'state', 'state_message', 'tracking_run_id', 'retry_of',
  'owner_pid', 'owner_host', 'cancel_requested_at', 'result_json', 'created_at', 'started_at', 'ended_at',
] as const satisfies ReadonlyArray<keyof FlowRunRow>;

const TASK_ROW_COLUMNS = [
  'task_run_id', 'flow_run_id', 'task_name', 'task_version', 'label', 'state', 'state_message', 'attempt', 'max_retries',
  'cache_key', 'cached', 'progress', 'progress_message', 'tracking_run_id', 'created_at', 'started_at', 'ended_at',
] as const satisfies ReadonlyArray<keyof TaskRunRow>;

const toLogLine = (row: LogRow): LogLine => ({
  logId: row.log_id,
  flowRunId: row.flow_run_id,
  taskRunId: row.task_run_id,
  level: row.level,
  at: row.at,
  message: row.message,
});

export const LEVEL_RANK: Record<LogLevelName, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export interface LogQuery {
  flowRunId?: string;
  minLevel?: LogLevelName;
  search?: string;
  afterLogId: number;
  limit: number;
}

export interface StateChange {
  state: RunState;
  from: RunState | null;
  at: number;
  message?: string | null;
  /** Columns to set with the state, e.g. `{ started_at: at }`. */
  columns?: Record<string, string | number | null>;
}

const FLOW_COLUMNS = new Set(['ended_at', 'cancel_requested_at']);
const TASK_COLUMNS = new Set(['ended_at']);

/** The executor's SQL. Writes are called inside WriteBatcher transactions; reads anywhere. */
export class ExecutorStore {
  private readonly insertLog: Database.Statement;
  private readonly statements = new Map<string, Database.Statement>();

  private readonly flowRows: MultiRowStatement<RunRecord<FlowRunRow>>;
  private readonly newTaskRows: MultiRowStatement<RunRecord<TaskRunRow>>;
  private readonly changedTaskRows: MultiRowStatement<RunRecord<TaskRunRow>>;

  constructor(private readonly db: Db) {
    this.flowRows = new MultiRowStatement(
      db,
      (values) => `INSERT INTO flow_runs (${FLOW_ROW_COLUMNS.join(', ')}, transitions_json) ${values}
        ON CONFLICT (flow_run_id) DO UPDATE SET state = excluded.state, state_message = excluded.state_message,
          tracking_run_id = excluded.tracking_run_id, result_json = excluded.result_json,
          started_at = excluded.started_at, ended_at = excluded.ended_at, transitions_json = excluded.transitions_json`,
      FLOW_ROW_COLUMNS.length + 1,
      ({ row, transitions }, out) => {
        for (const column of FLOW_ROW_COLUMNS) out.push(row[column]);
        out.push(JSON.stringify(transitions));
      },
    );
    this.newTaskRows = new MultiRowStatement(
      db,
      (values) => `INSERT INTO task_runs (${TASK_ROW_COLUMNS.join(', ')}, transitions_json) ${values}`,
      TASK_ROW_COLUMNS.length + 1,
      ({ row, transitions }, out) => {
        for (const column of TASK_ROW_COLUMNS) out.push(row[column]);
        out.push(JSON.stringify(transitions));
      },
    );
    // Rows already stored: only what can change is sent, matched on the key (column1).
    this.changedTaskRows = new MultiRowStatement(
      db,
      (values) => `UPDATE task_runs SET ${TASK_CHANGING_COLUMNS.map((c, i) => `${c} = v.column${i + 2}`).join(', ')},
          transitions_json = v.column${TASK_CHANGING_COLUMNS.length + 2}
        FROM (${values}) AS v WHERE task_runs.task_run_id = v.column1`,
      TASK_CHANGING_COLUMNS.length + 2,
      ({ row, transitions }, out) => {
        out.push(row.task_run_id);
        for (const column of TASK_CHANGING_COLUMNS) out.push(row[column]);
        out.push(JSON.stringify(transitions));
      },
    );
    this.insertLog = db.prepare('INSERT INTO run_logs (flow_run_id, task_run_id, level, at, message) VALUES (?, ?, ?, ?, ?)');
  }

  /** Inserts flow runs, or brings them up to date. A cancel request from another process is never overwritten. */
  saveFlowRows(records: ReadonlyArray<RunRecord<FlowRunRow>>): void {
    this.flowRows.run(records);
  }

  /** Inserts new task runs and updates stored ones. */
  saveTaskRows(records: ReadonlyArray<RunRecord<TaskRunRow>>): void {
    this.newTaskRows.run(records.filter((r) => !r.stored));
    this.changedTaskRows.run(records.filter((r) => r.stored));
  }

  /** Sets a run's state (and columns that go with it) and appends the transition, in one statement: crash recovery, for rows no one holds in memory. */
  setFlowState(flowRunId: string, change: StateChange): void {
    this.update('flow_runs', 'flow_run_id', FLOW_COLUMNS, flowRunId, change);
  }

  setTaskState(taskRunId: string, change: StateChange): void {
    this.update('task_runs', 'task_run_id', TASK_COLUMNS, taskRunId, change);
  }

  setFlowColumns(flowRunId: string, columns: Record<string, string | number | null>): void {
    this.updateColumns('flow_runs', 'flow_run_id', FLOW_COLUMNS, flowRunId, columns);
  }

  appendLog(line: Omit<LogLine, 'logId'>): LogLine {
    const { lastInsertRowid } = this.insertLog.run(line.flowRunId, line.taskRunId, line.level, line.at, line.message);
    return { ...line, logId: Number(lastInsertRowid) };
  }

  flowRunRow(flowRunId: string): Stored<FlowRunRow> | undefined {
    return this.db.prepare<[string], Stored<FlowRunRow>>('SELECT * FROM flow_runs WHERE flow_run_id = ?').get(flowRunId);
  }

  listFlowRuns(filter: { state?: RunState; flowName?: string; limit: number }): Array<Stored<FlowRunRow>> {
    return this.db
      .prepare<[Record<string, unknown>], Stored<FlowRunRow>>(
        `SELECT * FROM flow_runs WHERE (@state IS NULL OR state = @state) AND (@flow IS NULL OR flow_name = @flow)
         ORDER BY created_at DESC, rowid DESC LIMIT @limit`,
      )
      .all({ state: filter.state ?? null, flow: filter.flowName ?? null, limit: filter.limit });
  }

  /** Runs not finished, owned by any process: crash recovery and cross-process cancels read these. */
  unfinishedFlowRuns(): Array<Stored<FlowRunRow>> {
    return this.db
      .prepare<[], Stored<FlowRunRow>>(
        `SELECT * FROM flow_runs WHERE state NOT IN ('Completed', 'Failed', 'TimedOut', 'Cancelled', 'Crashed') ORDER BY created_at`,
      )
      .all();
  }

  taskRunRows(flowRunId: string): Array<Stored<TaskRunRow>> {
    return this.db
      .prepare<[string], Stored<TaskRunRow>>('SELECT * FROM task_runs WHERE flow_run_id = ? ORDER BY created_at, rowid')
      .all(flowRunId);
  }

  /** The flow's own transitions, and its task runs with theirs. */
  flowRunDetail(flowRunId: string): { transitions: StateTransition[]; taskRuns: TaskRun[] } {
    const flow = this.flowRunRow(flowRunId);
    const taskRuns = this.taskRunRows(flowRunId).map((row) => toTaskRun(row, transitionsOf(row)));
    return { transitions: flow ? transitionsOf(flow) : [], taskRuns };
  }

  logs(query: LogQuery): LogLine[] {
    const levels = Object.entries(LEVEL_RANK)
      .filter(([, rank]) => rank >= LEVEL_RANK[query.minLevel ?? 'debug'])
      .map(([level]) => level);
    const search = query.search ? `%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    return this.db
      .prepare<[Record<string, unknown>], LogRow>(
        `SELECT * FROM run_logs
         WHERE (@flow IS NULL OR flow_run_id = @flow) AND level IN (SELECT value FROM json_each(@levels))
           AND (@search IS NULL OR message LIKE @search ESCAPE '\\') AND log_id > @after
         ORDER BY log_id LIMIT @limit`,
      )
      .all({ flow: query.flowRunId ?? null, levels: JSON.stringify(levels), search, after: query.afterLogId, limit: query.limit })
      .map(toLogLine);
  }

  cachedResult(cacheKey: string): Buffer | undefined {
    return this.db.prepare<[string], { result: Buffer }>('SELECT result FROM task_cache WHERE cache_key = ?').get(cacheKey)?.result;
  }

  storeCachedResult(entry: { cacheKey: string; taskName: string; taskVersion: string; result: Buffer; taskRunId: string; at: number }): void {
    this.db
      .prepare(
        `INSERT INTO task_cache (cache_key, task_name, task_version, result, source_task_run_id, created_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (cache_key) DO UPDATE SET result = excluded.result, source_task_run_id = excluded.source_task_run_id, created_at = excluded.created_at`,
      )
      .run(entry.cacheKey, entry.taskName, entry.taskVersion, entry.result, entry.taskRunId, entry.at);
  }

  /** Prepares each distinct statement once: transitions run thousands of times a second. */
  private prepared(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  // Column names come from the allow-lists above, never from input, so building SQL is safe.
  private update(table: string, idColumn: string, allowed: Set<string>, id: string, change: StateChange): void {
    const names = Object.keys(change.columns ?? {}).filter((name) => allowed.has(name));
    const sql = `UPDATE ${table} SET ${names.map((n) => `${n} = @${n}, `).join('')}state = @state, state_message = @message,
      transitions_json = json_insert(transitions_json, '$[#]', json_object('from', @from, 'to', @state, 'at', @at, 'message', @message))
      WHERE ${idColumn} = @__id`;
    const columns = Object.fromEntries(names.map((n) => [n, change.columns![n]]));
    this.prepared(sql).run({ ...columns, state: change.state, from: change.from, at: change.at, message: change.message ?? null, __id: id });
  }

  private updateColumns(table: string, idColumn: string, allowed: Set<string>, id: string, columns: Record<string, unknown>): void {
    const names = Object.keys(columns).filter((name) => allowed.has(name));
    if (names.length === 0) return;
    const sql = `UPDATE ${table} SET ${names.map((n) => `${n} = @${n}`).join(', ')} WHERE ${idColumn} = @__id`;
    this.prepared(sql).run({ ...Object.fromEntries(names.map((n) => [n, columns[n]])), __id: id });
  }
}
