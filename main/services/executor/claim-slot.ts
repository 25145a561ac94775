/**
 * Who gets an attempt that was sent ahead to a busy worker: that worker, when it is free to
 * start it, or the main thread, taking it back for another worker. Both sides race on a
 * shared integer with compare-and-swap, so exactly one wins, and the main thread can take an
 * attempt back even while the worker is stuck in a long synchronous task and reads no
 * messages.
 *
 * Two cells, used in turn: the main thread may send the next attempt ahead as soon as it
 * hears that the worker finished the one before, which can be a moment before the worker
 * has claimed the attempt it is moving on to. That claim must not find its cell overwritten.
 * (A third offer needs the worker to have finished the first attempt, so it has claimed it.)
 */
export class ClaimSlot {
  private readonly cells: Int32Array;
  private tickets = 0;

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(8)) {
    this.cells = new Int32Array(buffer);
  }

  /** Main thread: offers a new attempt and returns its ticket; older tickets of the cell lapse. */
  offer(): number {
    const ticket = ++this.tickets;
    Atomics.store(this.cells, ticket & 1, ticket);
    return ticket;
  }

  /** Either side: true for the one that takes `ticket` first; false once it has been taken or has lapsed. */
  take(ticket: number): boolean {
    return Atomics.compareExchange(this.cells, ticket & 1, ticket, 0) === ticket;
  }
}
