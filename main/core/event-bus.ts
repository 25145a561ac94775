import type { EventEnvelope } from '../contract/bridge';
import { events, type EventName, type Payload } from '../contract';

type Listener = (event: EventEnvelope) => void;

/**
 * Fan-out of core events to every transport. Payloads are validated on the way out so a
 * listener never receives something the contract does not describe.
 */
export class EventBus {
  private readonly listeners = new Set<Listener>();

  emit<E extends EventName>(name: E, payload: Payload<E>): void {
    if (this.listeners.size === 0) return;
    const parsed = events[name].payload.parse(payload);
    for (const listener of this.listeners) {
      try {
        listener({ name, payload: parsed });
      } catch (error) {
        // One broken transport (a closed socket, say) must not stop the others.
        console.error(`event listener failed for ${name}:`, error);
      }
    }
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}
