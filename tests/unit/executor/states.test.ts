import { describe, expect, it } from 'vitest';
import { RUN_STATES } from '../../../main/contract/executor';
import { assertTransition, canTransition, isTerminal } from '../../../main/services/executor/states';

// The whole state machine, written out: a change to it must change this table too.
const ALLOWED = new Set([
  'Scheduled→Pending', 'Scheduled→Completed', 'Scheduled→Cancelled', 'Scheduled→Crashed',
  'Pending→Running', 'Pending→Retrying', 'Pending→Failed', 'Pending→Cancelling', 'Pending→Crashed',
  'Running→Completed', 'Running→Failed', 'Running→TimedOut', 'Running→Retrying', 'Running→Cancelling', 'Running→Crashed',
  'Retrying→Scheduled', 'Retrying→Cancelled', 'Retrying→Crashed',
  'Cancelling→Cancelled', 'Cancelling→Crashed',
]);

describe('the run state machine', () => {
  it('allows exactly the listed transitions, and nothing out of a final state', () => {
    for (const from of RUN_STATES) {
      for (const to of RUN_STATES) expect(canTransition(from, to), `${from}→${to}`).toBe(ALLOWED.has(`${from}→${to}`));
    }
    expect(RUN_STATES.filter(isTerminal)).toEqual(['Completed', 'Failed', 'TimedOut', 'Cancelled', 'Crashed']);
  });

  it('refuses a disallowed transition with INVALID_STATE naming both states', () => {
    expect(() => assertTransition('Task run x', 'Completed', 'Running')).toThrow(
      expect.objectContaining({ code: 'INVALID_STATE', message: 'Task run x cannot go from Completed to Running.' }),
    );
  });
});
