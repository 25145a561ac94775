import type { StateTransition } from '../../contract/executor';
import type { ExecutorStore, FlowRunRow, RecordedRow, TaskRunRow } from './store';
import type { WriteBatcher } from './write-batcher';

/**
 * Gathers the runs changed during a batch and writes them with a few multi-row statements
 * when the batch commits: flow rows first, so every task row finds its flow. Rows and their
 * histories are held by reference, so each run is written once, with its latest values.
 */
export class RecordWriter {
  private flows = new Map<string, RecordedRow<FlowRunRow>>();
  private tasks = new Map<string, RecordedRow<TaskRunRow>>();
  private queued = false;

  constructor(
    private readonly store: ExecutorStore,
    private readonly batcher: WriteBatcher,
  ) {}

  flow(row: FlowRunRow, transitions: readonly StateTransition[]): void {
    this.queue();
    if (!this.flows.has(row.flow_run_id)) this.flows.set(row.flow_run_id, { row, transitions });
  }

  task(row: TaskRunRow, transitions: readonly StateTransition[]): void {
    this.queue();
    if (!this.tasks.has(row.task_run_id)) this.tasks.set(row.task_run_id, { row, transitions });
  }

  private queue(): void {
    if (this.queued) return;
    this.queued = true;
    this.batcher.write(() => this.write());
  }

  private write(): void {
    this.queued = false;
    const [flows, tasks] = [[...this.flows.values()], [...this.tasks.values()]];
    this.flows = new Map();
    this.tasks = new Map();
    this.store.saveFlowRows(flows);
    this.store.saveTaskRows(tasks);
  }
}
