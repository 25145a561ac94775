import type { FlowRunRow, RunRecord, TaskRunRow } from './run-rows';
import type { ExecutorStore } from './store';
import type { WriteBatcher } from './write-batcher';

/**
 * Gathers the runs changed during a batch and writes them with a few multi-row statements
 * when the batch commits: flow rows first, so every task row finds its flow. Records are
 * held by reference, so each run is written once, with its latest values; a record counts
 * as stored only once its batch has committed, so a rolled-back batch is inserted again.
 */
export class RecordWriter {
  private flows = new Map<string, RunRecord<FlowRunRow>>();
  private tasks = new Map<string, RunRecord<TaskRunRow>>();
  private written: Array<RunRecord<unknown>> = [];
  private queued = false;

  constructor(
    private readonly store: ExecutorStore,
    private readonly batcher: WriteBatcher,
  ) {}

  flow(record: RunRecord<FlowRunRow>): void {
    this.queue();
    this.flows.set(record.row.flow_run_id, record);
  }

  task(record: RunRecord<TaskRunRow>): void {
    this.queue();
    this.tasks.set(record.row.task_run_id, record);
  }

  private queue(): void {
    if (this.queued) return;
    this.queued = true;
    this.batcher.write(
      () => this.write(),
      () => this.committed(),
    );
  }

  private write(): void {
    this.queued = false;
    const [flows, tasks] = [[...this.flows.values()], [...this.tasks.values()]];
    this.flows = new Map();
    this.tasks = new Map();
    this.store.saveFlowRows(flows);
    this.store.saveTaskRows(tasks);
    this.written = [...flows, ...tasks];
  }

  private committed(): void {
    for (const record of this.written) record.stored = true;
    this.written = [];
  }
}
