import type { FlowRun, RunStateName } from '../../contract/executor';
import { RUN_STATES } from '../../contract/run-states';
import type { EventEnvelope } from '../../contract/bridge';
import { isTerminal } from '../../services/executor/states';
import { printResult, type CliCommand, type CliContext } from '../command';
import { countOption } from '../count-option';
import { usageError } from '../usage-error';
import { flowsTable, logLine, runsTable, runSummary, taskLine } from './flows-format';
import { paramsFromPairs } from './flows-params';

function requireRunId(ctx: CliContext): string {
  const id = ctx.positionals[0];
  if (!id) throw usageError('Give the flow run id, e.g. "neuroops flows logs 3f2a…"; "neuroops flows runs" lists them.');
  return id;
}

/** Streams a run's state changes, progress and warnings to stderr while `flows run` waits. */
export function reportProgress(ctx: CliContext, flowRunId: string, labels: Map<string, string>) {
  let lastProgress = '';
  return (envelope: EventEnvelope): void => {
    const payload = envelope.payload as { flowRunId?: string };
    if (payload.flowRunId !== flowRunId) return;
    if (envelope.name === 'executor.taskRunChanged') {
      const task = envelope.payload as Parameters<typeof taskLine>[0];
      labels.set(task.taskRunId, task.label);
      ctx.io.stderr(`${taskLine(task)}\n`);
    } else if (envelope.name === 'executor.flowRunChanged') {
      ctx.io.stderr(`flow: ${(envelope.payload as FlowRun).state}\n`);
    } else if (envelope.name === 'executor.progress') {
      const p = envelope.payload as { taskRunId: string; fraction: number; message: string | null };
      const text = `  ${labels.get(p.taskRunId) ?? 'task'} ${Math.round(p.fraction * 100)}%${p.message ? ` ${p.message}` : ''}`;
      if (text !== lastProgress) ctx.io.stderr(`${text}\n`);
      lastProgress = text;
    } else if (envelope.name === 'executor.logLines') {
      for (const line of (envelope.payload as { lines: Parameters<typeof logLine>[0][] }).lines) {
        if (line.level === 'warn' || line.level === 'error') ctx.io.stderr(`${logLine(line, labels)}\n`);
      }
    }
  };
}

const listCommand: CliCommand = {
  path: ['flows', 'list'],
  summary: 'List the flows that can be run.',
  async run(ctx) {
    const core = await ctx.openCore();
    printResult(ctx, await core.dispatcher.invoke('executor.listFlows', {}), flowsTable);
  },
};

const runCommand: CliCommand = {
  path: ['flows', 'run'],
  args: 'NAME',
  summary: 'Run a flow here and wait for it, with progress on stderr; Ctrl+C cancels it.',
  options: {
    param: { type: 'string', multiple: true, placeholder: 'KEY=VALUE', description: 'a param (VALUE as JSON if it parses; dotted keys nest)' },
  },
  async run(ctx) {
    const name = ctx.positionals[0];
    if (!name) throw usageError('Give the flow to run, e.g. "neuroops flows run example_pipeline"; "neuroops flows list" shows them.');
    const params = paramsFromPairs((ctx.values.param as string[] | undefined) ?? []);
    const core = await ctx.openCore();
    const started = await core.dispatcher.invoke('executor.startFlowRun', { flowName: name, params });
    ctx.io.stderr(`Started flow run ${started.flowRunId} (${name}).\n`);
    const unsubscribe = core.events.subscribe(reportProgress(ctx, started.flowRunId, new Map()));
    const cancel = (): void => {
      ctx.io.stderr('Cancelling… (Ctrl+C again does not hurry it: a stuck task is stopped after the grace period)\n');
      void core.services.executor.cancel(started.flowRunId);
    };
    process.once('SIGINT', cancel);
    try {
      const run = await core.services.executor.waitFor(started.flowRunId);
      printResult(ctx, run, runSummary);
      return run.state === 'Completed' ? 0 : 1;
    } finally {
      process.off('SIGINT', cancel);
      unsubscribe();
    }
  },
};

const runsCommand: CliCommand = {
  path: ['flows', 'runs'],
  summary: 'List flow runs, newest first.',
  options: {
    state: { type: 'string', placeholder: 'STATE', description: `only runs in this state (${RUN_STATES.join(', ')})` },
    flow: { type: 'string', placeholder: 'NAME', description: 'only runs of this flow' },
    limit: { type: 'string', placeholder: 'N', description: 'at most N runs (default 50)' },
  },
  async run(ctx) {
    const state = ctx.values.state as string | undefined;
    if (state !== undefined && !RUN_STATES.includes(state as RunStateName)) {
      throw usageError(`--state must be one of ${RUN_STATES.join(', ')}, not "${state}".`);
    }
    const limit = countOption(ctx, 'limit', 50, 1000);
    const core = await ctx.openCore();
    const runs = await core.dispatcher.invoke('executor.listFlowRuns', {
      state: state as RunStateName | undefined,
      flowName: ctx.values.flow as string | undefined,
      limit,
    });
    printResult(ctx, runs, runsTable);
  },
};

const cancelCommand: CliCommand = {
  path: ['flows', 'cancel'],
  args: 'FLOW_RUN_ID',
  summary: 'Cancel a flow run, here or in the process that runs it, and wait until it has stopped.',
  async run(ctx) {
    const id = requireRunId(ctx);
    const core = await ctx.openCore();
    const asked = await core.dispatcher.invoke('executor.cancelFlowRun', { flowRunId: id });
    if (!isTerminal(asked.state)) ctx.io.stderr(`Cancellation requested; waiting for flow run ${id} to stop…\n`);
    const run = await core.services.executor.waitFor(id);
    printResult(ctx, run, runSummary);
  },
};

const logsCommand: CliCommand = {
  path: ['flows', 'logs'],
  args: 'FLOW_RUN_ID',
  summary: "Print a flow run's log; --follow keeps printing until the run ends.",
  options: {
    follow: { type: 'boolean', short: 'f', description: 'keep printing new lines until the run ends' },
    level: { type: 'string', placeholder: 'LEVEL', description: 'only this level and above (debug, info, warn, error)' },
    search: { type: 'string', placeholder: 'TEXT', description: 'only lines containing TEXT' },
  },
  async run(ctx) {
    const id = requireRunId(ctx);
    const level = ctx.values.level as string | undefined;
    if (level !== undefined && !['debug', 'info', 'warn', 'error'].includes(level)) throw usageError('--level must be debug, info, warn or error.');
    const core = await ctx.openCore();
    const executor = core.services.executor;
    const query = { flowRunId: id, minLevel: level as 'debug' | undefined, search: ctx.values.search as string | undefined, limit: 5000 };
    let after = 0;
    const labels = new Map<string, string>();
    const print = (): void => {
      for (const task of executor.getFlowRun(id).taskRuns) labels.set(task.taskRunId, task.label);
      for (;;) {
        const lines = executor.logs({ ...query, afterLogId: after });
        for (const line of lines) ctx.io.stdout(ctx.json ? `${JSON.stringify(line)}\n` : `${logLine(line, labels)}\n`);
        after = lines.at(-1)?.logId ?? after;
        if (lines.length < query.limit) return;
      }
    };
    print();
    // Another process may run the flow: following reads the database, not in-process events.
    while (ctx.values.follow && !isTerminal(executor.getFlowRun(id).flowRun.state)) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      print();
    }
    if (ctx.values.follow) print();
  },
};

export const flowsCommands: readonly CliCommand[] = [listCommand, runCommand, runsCommand, cancelCommand, logsCommand];
