import { describe, expect, it } from 'vitest';
import { newRunId } from '../../../main/core/run-id';

describe('run ids (executor and tracker)', () => {
  it('are 32 hex digits, as MLflow run ids are, unique, and sort by the time they were made', () => {
    const ids = [newRunId(1_700_000_000_000), newRunId(1_700_000_000_001), newRunId(1_800_000_000_000)];
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect([...ids].sort()).toEqual(ids);
    const many = new Set(Array.from({ length: 10_000 }, () => newRunId(1_700_000_000_000)));
    expect(many.size).toBe(10_000);
  });
});
