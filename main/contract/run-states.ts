// Plain lists, apart from the zod schemas built on them, so that the command line can name
// them in its --help without loading zod.

/** Every state a flow run or a task run can be in. The executor's state machine says which follow which. */
export const RUN_STATES = [
  'Scheduled',
  'Pending',
  'Running',
  'Retrying',
  'Completed',
  'Failed',
  'TimedOut',
  'Cancelling',
  'Cancelled',
  'Crashed',
] as const;
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
