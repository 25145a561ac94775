import type { StateTransition } from '../../contract/executor';
import type { Runtime } from './runtime';
import { assertTransition, type RunState } from './states';
import type { StateChange } from './store';

type Columns = Record<string, string | number | null>;

export interface RecordedRow {
  state: RunState;
  state_message: string | null;
}

/** How one kind of run (flow or task) is stored and announced. */
export interface RecordingOf<Row extends RecordedRow, Snapshot> {
  /** For error messages, e.g. "Task run 0af3…". */
  what: string;
  insert(row: Row): void;
  persist(change: StateChange): void;
  snapshot(row: Row, transitions: StateTransition[]): Snapshot;
  announce(snapshot: Snapshot): void;
}

/**
 * A run's row as it is in memory, kept in step with the database: every change of state
 * is checked against the state machine, stored with its transition in the same write, and
 * announced once committed. Flow runs and task runs each hold one.
 */
export class RecordedRun<Row extends RecordedRow, Snapshot> {
  private readonly transitions: StateTransition[] = [];

  constructor(
    private readonly rt: Runtime,
    readonly row: Row,
    private readonly recording: RecordingOf<Row, Snapshot>,
  ) {
    this.transitions.push({ from: null, to: row.state, at: Date.now(), message: row.state_message });
    const initial = { ...row };
    const snapshot = this.snapshot();
    rt.batcher.write(
      () => recording.insert(initial),
      () => recording.announce(snapshot),
    );
  }

  snapshot(): Snapshot {
    return this.recording.snapshot({ ...this.row }, [...this.transitions]);
  }

  transition(to: RunState, message: string | null, columns: Columns = {}): void {
    const from = this.row.state;
    assertTransition(this.recording.what, from, to);
    const at = Date.now();
    Object.assign(this.row, columns, { state: to, state_message: message });
    this.transitions.push({ from, to, at, message });
    const snapshot = this.snapshot();
    this.rt.batcher.write(
      () => this.recording.persist({ state: to, from, at, message, columns }),
      () => this.recording.announce(snapshot),
    );
  }

  /** Columns that change without a change of state (e.g. the tracked run's id once it exists). */
  set(columns: Columns, store: (columns: Columns) => void): void {
    Object.assign(this.row, columns);
    this.rt.batcher.write(() => store(columns));
  }
}
