import { describe, expect, it } from 'vitest';
import { ClaimSlot } from '../../../main/services/executor/claim-slot';

describe('ClaimSlot: one winner for an attempt sent ahead', () => {
  it('gives a ticket to whichever side takes it first, once', () => {
    const slot = new ClaimSlot();
    const ticket = slot.offer();
    const workerSide = new ClaimSlot(slot.buffer);
    expect(workerSide.take(ticket)).toBe(true);
    expect(slot.take(ticket)).toBe(false);
  });

  it('keeps the ticket before the newest claimable: the worker may claim it after the next is offered', () => {
    const slot = new ClaimSlot();
    const worker = new ClaimSlot(slot.buffer);
    const first = slot.offer();
    const second = slot.offer();
    expect(worker.take(first)).toBe(true);
    expect(worker.take(second)).toBe(true);
  });

  it('lets a ticket taken back lapse for good, even once its cell is reused', () => {
    const slot = new ClaimSlot();
    const worker = new ClaimSlot(slot.buffer);
    const first = slot.offer();
    expect(slot.take(first)).toBe(true);
    slot.offer();
    slot.offer();
    expect(worker.take(first)).toBe(false);
  });
});
