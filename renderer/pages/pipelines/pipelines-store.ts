import { create } from 'zustand';
import type { FlowInfo, FlowRun, LogLine, StateTransition, TaskRun } from '../../../main/contract/executor';
import { api, onEvent } from '../../api/client';
import { TERMINAL } from './format';

export interface FlowRunDetail {
  flowRun: FlowRun;
  transitions: StateTransition[];
  taskRuns: TaskRun[];
}

interface PipelinesStore {
  flows: FlowInfo[];
  runs: FlowRun[];
  detail: FlowRunDetail | null;
  logs: LogLine[];
  error: string | null;
  loadFlows(): Promise<void>;
  loadRuns(): Promise<void>;
  openRun(flowRunId: string): Promise<void>;
  /** Catches up with a run another process may be running (its events do not reach this page). */
  refreshRun(): Promise<void>;
  closeRun(): void;
  /** Reads a finished run's tasks once more, whole. */
  settleRun(flowRunId: string): Promise<void>;
}

const MAX_LOG_LINES = 5000;

function upsertRun(runs: FlowRun[], run: FlowRun): FlowRun[] {
  const index = runs.findIndex((r) => r.flowRunId === run.flowRunId);
  if (index === -1) return [run, ...runs];
  const next = runs.slice();
  next[index] = run;
  return next;
}

function upsertTask(tasks: TaskRun[], task: TaskRun): TaskRun[] {
  const index = tasks.findIndex((t) => t.taskRunId === task.taskRunId);
  if (index === -1) return [...tasks, task];
  // An event that left before the state the page already has (it loaded meanwhile) is old news.
  if (tasks[index]!.transitions.length > task.transitions.length) return tasks;
  const next = tasks.slice();
  next[index] = task;
  return next;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Flow runs, the one open in detail and its log, kept live by the executor's events. */
export const usePipelines = create<PipelinesStore>((set, get) => ({
  flows: [],
  runs: [],
  detail: null,
  logs: [],
  error: null,
  async loadFlows() {
    try {
      set({ flows: await api.executor.listFlows() });
    } catch (error) {
      set({ error: message(error) });
    }
  },
  async loadRuns() {
    try {
      set({ runs: await api.executor.listFlowRuns({ limit: 200 }), error: null });
    } catch (error) {
      set({ error: message(error) });
    }
  },
  async openRun(flowRunId) {
    set({ detail: null, logs: [] });
    try {
      const [detail, logs] = await Promise.all([api.executor.getFlowRun({ flowRunId }), api.executor.listLogs({ flowRunId, limit: MAX_LOG_LINES })]);
      // Events may have arrived while loading: keep the newer log lines.
      const seen = get().logs.filter((l) => l.flowRunId === flowRunId && l.logId > (logs.at(-1)?.logId ?? 0));
      set({ detail, logs: [...logs, ...seen], error: null });
    } catch (error) {
      set({ error: message(error) });
    }
  },
  async refreshRun() {
    const open = get().detail;
    if (!open || TERMINAL.has(open.flowRun.state)) return;
    const flowRunId = open.flowRun.flowRunId;
    try {
      const afterLogId = get().logs.at(-1)?.logId ?? 0;
      const [detail, fresh] = await Promise.all([api.executor.getFlowRun({ flowRunId }), api.executor.listLogs({ flowRunId, afterLogId, limit: MAX_LOG_LINES })]);
      if (get().detail?.flowRun.flowRunId !== flowRunId) return;
      const last = get().logs.at(-1)?.logId ?? 0;
      set((s) => ({ detail, logs: [...s.logs, ...fresh.filter((l) => l.logId > last)].slice(-MAX_LOG_LINES) }));
    } catch {
      // A missed refresh is caught up by the next one.
    }
  },
  closeRun() {
    set({ detail: null, logs: [] });
  },
  async settleRun(flowRunId) {
    try {
      const detail = await api.executor.getFlowRun({ flowRunId });
      if (get().detail?.flowRun.flowRunId === flowRunId) set({ detail });
    } catch {
      // The events already shown stay; the next opening reads the run whole.
    }
  },
}));

/** Subscribes the store to the executor's events; returns the function that stops it. */
export function followExecutorEvents(): () => void {
  const stops = [
    onEvent('executor.flowRunChanged', (run) => {
      usePipelines.setState((s) => ({
        runs: upsertRun(s.runs, run),
        detail: s.detail?.flowRun.flowRunId === run.flowRunId ? { ...s.detail, flowRun: run } : s.detail,
      }));
      // Task events may have been missed while the run loaded: a finished run is read once
      // more, whole, so every task shows its final state.
      if (TERMINAL.has(run.state) && usePipelines.getState().detail?.flowRun.flowRunId === run.flowRunId) void usePipelines.getState().settleRun(run.flowRunId);
    }),
    onEvent('executor.taskRunChanged', (task) =>
      usePipelines.setState((s) =>
        s.detail?.flowRun.flowRunId === task.flowRunId ? { detail: { ...s.detail, taskRuns: upsertTask(s.detail.taskRuns, task) } } : {},
      ),
    ),
    onEvent('executor.progress', (p) =>
      usePipelines.setState((s) => {
        if (s.detail?.flowRun.flowRunId !== p.flowRunId) return {};
        const taskRuns = s.detail.taskRuns.map((t) => (t.taskRunId === p.taskRunId ? { ...t, progress: p.fraction, progressMessage: p.message } : t));
        return { detail: { ...s.detail, taskRuns } };
      }),
    ),
    onEvent('executor.logLines', ({ flowRunId, lines }) =>
      usePipelines.setState((s) => {
        if (s.detail && s.detail.flowRun.flowRunId !== flowRunId) return {};
        const last = s.logs.at(-1)?.logId ?? 0;
        const fresh = lines.filter((l) => l.logId > last);
        return fresh.length ? { logs: [...s.logs, ...fresh].slice(-MAX_LOG_LINES) } : {};
      }),
    ),
  ];
  return () => stops.forEach((stop) => stop());
}
