import type { EventEnvelope, NeuroOpsBridge, RpcResult } from '../../main/contract';

declare global {
  interface Window {
    /** Present only inside the desktop app, put there by preload. */
    neuroops?: NeuroOpsBridge;
  }
}

export type ConnectionState = 'connecting' | 'connected' | 'disconnected';

/** The HTTP twin of the preload bridge: the same two operations over fetch and SSE. */
function httpBridge(): NeuroOpsBridge & { onConnectionChange(cb: (s: ConnectionState) => void): void } {
  const listeners = new Set<(event: EventEnvelope) => void>();
  let source: EventSource | null = null;
  let notify: (s: ConnectionState) => void = () => {};
  const ensureStream = (): void => {
    if (source) return;
    source = new EventSource('api/events');
    source.onopen = () => notify('connected');
    source.onerror = () => notify(source?.readyState === EventSource.CLOSED ? 'disconnected' : 'connecting');
    source.onmessage = (message) => {
      const envelope = JSON.parse(message.data as string) as EventEnvelope;
      for (const listener of listeners) listener(envelope);
    };
  };
  return {
    async call(name, input) {
      let response: Response;
      try {
        response = await fetch(`api/rpc/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        return { ok: false, error: { code: 'UNAVAILABLE', message: 'The NeuroOps server cannot be reached. Is it still running?' } };
      }
      const body = (await response.json().catch(() => null)) as unknown;
      if (response.ok) return { ok: true, data: body } satisfies RpcResult;
      const error = body && typeof body === 'object' && 'code' in body ? (body as { code: string; message: string }) : null;
      return { ok: false, error: error ?? { code: 'INTERNAL_ERROR', message: `The server answered ${response.status}.` } };
    },
    subscribe(listener) {
      listeners.add(listener);
      ensureStream();
      return () => listeners.delete(listener);
    },
    onConnectionChange(cb) {
      notify = cb;
      ensureStream();
    },
  };
}

const http = window.neuroops ? null : httpBridge();

/** The desktop bridge when preload put one there, HTTP otherwise: one renderer build for both. */
export const bridge: NeuroOpsBridge = window.neuroops ?? http!;
export const transportKind: 'ipc' | 'http' = window.neuroops ? 'ipc' : 'http';

/** Over IPC the link cannot drop; over HTTP the event stream tells whether the server is there. */
export function watchConnection(cb: (state: ConnectionState) => void): void {
  if (http) http.onConnectionChange(cb);
  else cb('connected');
}
