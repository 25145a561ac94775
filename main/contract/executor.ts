import { z } from 'zod';
import { event, procedure } from './define';
import { LOG_LEVELS, RUN_STATES } from './run-states';

export { LOG_LEVELS, RUN_STATES };

export const runStateSchema = z.enum(RUN_STATES);
export const logLevelSchema = z.enum(LOG_LEVELS);

const flowRunId = z.string().min(1);

export const flowSchema = z.object({
  name: z.string(),
  version: z.string(),
  description: z.string(),
  /** JSON Schema of the params, for forms. */
  paramsSchema: z.unknown(),
  /** The params a run gets when it is given none (null when some are required). */
  defaultParams: z.unknown(),
});

export const stageSchema = z.object({
  /** `<module>.<function>`, what ml_pipeline's params name in `fn`. */
  name: z.string(),
  kind: z.enum(['load', 'process', 'train']),
  description: z.string(),
  /** JSON Schema of the stage's `args`, for forms. */
  argsSchema: z.unknown(),
  /** The args the stage runs with when given none (null when some are required). */
  defaultArgs: z.unknown(),
});

export const flowRunSchema = z.object({
  flowRunId: z.string(),
  flowName: z.string(),
  flowVersion: z.string(),
  state: runStateSchema,
  stateMessage: z.string().nullable(),
  params: z.unknown(),
  trackingRunId: z.string().nullable(),
  /** The flow run this one retries, if any. */
  retryOf: z.string().nullable(),
  /** What the flow returned, once Completed. */
  result: z.unknown(),
  createdAt: z.number(),
  startedAt: z.number().nullable(),
  endedAt: z.number().nullable(),
});

export const transitionSchema = z.object({
  from: runStateSchema.nullable(),
  to: runStateSchema,
  at: z.number(),
  message: z.string().nullable(),
});

export const taskRunSchema = z.object({
  taskRunId: z.string(),
  flowRunId: z.string(),
  taskName: z.string(),
  label: z.string(),
  state: runStateSchema,
  stateMessage: z.string().nullable(),
  /** 1 on the first try. */
  attempt: z.number().int(),
  maxRetries: z.number().int(),
  cached: z.boolean(),
  progress: z.number().nullable(),
  progressMessage: z.string().nullable(),
  trackingRunId: z.string().nullable(),
  createdAt: z.number(),
  startedAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  transitions: z.array(transitionSchema),
});

export const logLineSchema = z.object({
  logId: z.number().int(),
  flowRunId: z.string(),
  taskRunId: z.string().nullable(),
  level: logLevelSchema,
  at: z.number(),
  message: z.string(),
});

/** Where a setting's value came from: a `neuroops serve` flag, an environment variable, or the built-in default. */
export const settingSourceSchema = z.enum(['flag', 'env', 'default']);

export const executorConfigSchema = z.object({
  /** Worker threads in the pool. */
  poolSize: z.number().int().min(1),
  /** Most attempts that may run at once per task tag; a tag not listed has no limit. */
  tagLimits: z.record(z.string(), z.number().int().min(1)),
  /** How long a cancelled task may take to stop before its worker is terminated. */
  cancelGraceMs: z.number().int().min(0),
  sources: z.object({ poolSize: settingSourceSchema, tagLimits: settingSourceSchema, cancelGraceMs: settingSourceSchema }),
});

export type RunStateName = z.infer<typeof runStateSchema>;
export type LogLevelName = z.infer<typeof logLevelSchema>;
export type FlowInfo = z.infer<typeof flowSchema>;
export type StageInfo = z.infer<typeof stageSchema>;
export type FlowRun = z.infer<typeof flowRunSchema>;
export type TaskRun = z.infer<typeof taskRunSchema>;
export type StateTransition = z.infer<typeof transitionSchema>;
export type LogLine = z.infer<typeof logLineSchema>;
export type SettingSource = z.infer<typeof settingSourceSchema>;
export type ExecutorConfig = z.infer<typeof executorConfigSchema>;

export const executorProcedures = {
  'executor.listFlows': procedure('The flows that can be run, with their params schema.', z.object({}), z.array(flowSchema)),
  'executor.listStages': procedure(
    "The stage catalogue ml_pipeline's load, process and train steps choose from, with each stage's args schema.",
    z.object({}),
    z.array(stageSchema),
  ),
  'executor.startFlowRun': procedure(
    'Starts a flow. Unknown flows and params that fail its schema are refused before anything starts.',
    z.object({ flowName: z.string().min(1), params: z.unknown().optional() }),
    flowRunSchema,
  ),
  'executor.listFlowRuns': procedure(
    'Flow runs, newest first.',
    z.object({
      state: runStateSchema.optional(),
      flowName: z.string().optional(),
      limit: z.number().int().min(1).max(1000).default(100),
    }),
    z.array(flowRunSchema),
  ),
  'executor.getFlowRun': procedure(
    'One flow run with its task runs and every state transition.',
    z.object({ flowRunId }),
    z.object({ flowRun: flowRunSchema, transitions: z.array(transitionSchema), taskRuns: z.array(taskRunSchema) }),
  ),
  'executor.cancelFlowRun': procedure(
    'Cancels a flow run: its tasks are signalled, then their workers stopped after the grace period.',
    z.object({ flowRunId }),
    flowRunSchema,
  ),
  'executor.retryFlowRun': procedure(
    'Starts a new run of the same flow with the same params.',
    z.object({ flowRunId }),
    flowRunSchema,
  ),
  'executor.listLogs': procedure(
    'Log lines of runs, oldest first: filter by flow run, level (and above), text; page with afterLogId.',
    z.object({
      flowRunId: flowRunId.optional(),
      minLevel: logLevelSchema.optional(),
      search: z.string().optional(),
      afterLogId: z.number().int().default(0),
      limit: z.number().int().min(1).max(5000).default(500),
    }),
    z.array(logLineSchema),
  ),
  'executor.config': procedure(
    'How the executor is set up (pool size, per-tag limits, cancel grace) and where each setting came from. Read-only: set them when starting NeuroOps.',
    z.object({}),
    executorConfigSchema,
  ),
};

export const executorEvents = {
  'executor.flowRunChanged': event('A flow run changed state.', flowRunSchema),
  'executor.taskRunChanged': event('A task run changed state (or was created).', taskRunSchema),
  'executor.progress': event(
    'A running task reported progress.',
    z.object({ flowRunId: z.string(), taskRunId: z.string(), fraction: z.number(), message: z.string().nullable() }),
  ),
  'executor.logLines': event('New log lines of a flow run.', z.object({ flowRunId: z.string(), lines: z.array(logLineSchema) })),
};
