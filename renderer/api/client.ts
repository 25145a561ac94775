import type { ApiClient, EventName, Payload } from '../../main/contract';
import { ApiError } from './api-error';
import { bridge } from './transport';

/**
 * The typed API client. It is a Proxy, so `api.system.health()` becomes the call
 * "system.health" with no hand-written method: the contract's types are the only source.
 */
export const api: ApiClient = new Proxy({} as ApiClient, {
  get(_target, namespace: string) {
    return new Proxy(
      {},
      {
        get(_inner, procedure: string) {
          return async (input?: unknown) => {
            const result = await bridge.call(`${namespace}.${procedure}`, input ?? {});
            if (!result.ok) throw new ApiError(result.error);
            return result.data;
          };
        },
      },
    );
  },
});

/** Listens to one kind of core event; returns the function that stops listening. */
export function onEvent<E extends EventName>(name: E, listener: (payload: Payload<E>) => void): () => void {
  return bridge.subscribe((envelope) => {
    if (envelope.name === name) listener(envelope.payload as Payload<E>);
  });
}

export { ApiError };
