import type { ExecutorStore, FlowRunRow, TaskRunRow, TransitionRecord } from './store';
import type { WriteBatcher } from './write-batcher';

/**
 * Gathers the runs changed and the transitions made during a batch, and writes them with a
 * few multi-row statements when the batch commits: flow rows, then task rows, then
 * transitions, so every foreign key finds its row. Rows are held by reference, so each is
 * written once, with its latest values.
 */
export class RecordWriter {
  private flows = new Map<string, FlowRunRow>();
  private tasks = new Map<string, TaskRunRow>();
  private transitions: TransitionRecord[] = [];
  private queued = false;

  constructor(
    private readonly store: ExecutorStore,
    private readonly batcher: WriteBatcher,
  ) {}

  flow(row: FlowRunRow): void {
    this.queue();
    this.flows.set(row.flow_run_id, row);
  }

  task(row: TaskRunRow): void {
    this.queue();
    this.tasks.set(row.task_run_id, row);
  }

  transition(record: TransitionRecord): void {
    this.queue();
    this.transitions.push(record);
  }

  private queue(): void {
    if (this.queued) return;
    this.queued = true;
    this.batcher.write(() => this.write());
  }

  private write(): void {
    this.queued = false;
    const [flows, tasks, transitions] = [[...this.flows.values()], [...this.tasks.values()], this.transitions];
    this.flows = new Map();
    this.tasks = new Map();
    this.transitions = [];
    this.store.saveFlowRows(flows);
    this.store.saveTaskRows(tasks);
    this.store.saveTransitions(transitions);
  }
}
