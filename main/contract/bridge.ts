import type { RpcResult } from './errors';

/** One event as it crosses a transport. */
export interface EventEnvelope {
  name: string;
  payload: unknown;
}

/**
 * What preload exposes on `window.neuroops`. It is deliberately tiny: a call with a
 * procedure name and a subscription. Everything typed is layered on top in the
 * renderer's client, from the contract.
 */
export interface NeuroOpsBridge {
  call(name: string, input: unknown): Promise<RpcResult>;
  subscribe(listener: (event: EventEnvelope) => void): () => void;
  /**
   * The path on disk of a file or folder dropped on the window (Electron's
   * webUtils.getPathForFile); '' for one that has none. Absent in a browser.
   */
  pathForFile?(file: File): string;
}

export const IPC_CALL_CHANNEL = 'neuroops:call';
export const IPC_EVENT_CHANNEL = 'neuroops:event';
