import type { StateTransition } from '../../contract/executor';
import type { RunRecord } from './run-rows';
import type { Runtime } from './runtime';
import { assertTransition, type RunState } from './states';

type Columns = Record<string, string | number | null>;

export interface RecordedRow {
  state: RunState;
  state_message: string | null;
}

/** How one kind of run (flow or task) is stored and announced. */
export interface RecordingOf<Row extends RecordedRow, Snapshot> {
  id: string;
  /** For error messages, e.g. "Task run 0af3…". */
  what: string;
  /** Queues the row and its history to be written (inserted, or updated to their latest values) with the batch. */
  save(record: RunRecord<Row>): void;
  snapshot(row: Row, transitions: StateTransition[]): Snapshot;
  announce(snapshot: Snapshot): void;
}

/**
 * A run's row as it is in memory, kept in step with the database: every change of state
 * is checked against the state machine and added to the run's history. The row and its
 * history are written once per batch with their latest values (see RecordWriter), and
 * listeners hear of the run once per batch, after the commit, however many times it
 * changed in between.
 */
export class RecordedRun<Row extends RecordedRow, Snapshot> {
  private readonly transitions: StateTransition[] = [];
  private readonly stored: RunRecord<Row>;

  constructor(
    private readonly rt: Runtime,
    readonly row: Row,
    private readonly recording: RecordingOf<Row, Snapshot>,
  ) {
    this.stored = { row, transitions: this.transitions, stored: false };
    this.record({ from: null, to: row.state, at: Date.now(), message: row.state_message });
  }

  snapshot(): Snapshot {
    return this.recording.snapshot({ ...this.row }, [...this.transitions]);
  }

  transition(to: RunState, message: string | null, columns?: Columns): void {
    const from = this.row.state;
    assertTransition(this.recording.what, from, to);
    if (columns) Object.assign(this.row, columns);
    this.row.state = to;
    this.row.state_message = message;
    this.record({ from, to, at: Date.now(), message });
  }

  /** Columns that change without a change of state (progress, the tracked run's id…). */
  set(columns: Partial<Row>): void {
    Object.assign(this.row, columns);
    this.changed();
  }

  private record(transition: StateTransition): void {
    this.transitions.push(transition);
    this.changed();
  }

  private changed(): void {
    this.recording.save(this.stored);
    if (this.rt.listening) this.rt.announce(this.recording.id, () => this.recording.announce(this.snapshot()));
  }
}
