import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type EventEnvelope } from '../contract/bridge';
import type { RpcResult } from '../contract/errors';
import type { Dispatcher } from '../core/dispatcher';
import type { EventBus } from '../core/event-bus';

/**
 * The parts of Electron's ipcMain and WebContents that the transport needs, stated
 * structurally so that this file never imports Electron and tests can pass fakes.
 */
export interface IpcInvokeEventLike {
  senderFrame: { url: string } | null;
}
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<RpcResult>): void;
  removeHandler(channel: string): void;
}
export interface EventTargetLike {
  send(channel: string, envelope: EventEnvelope): void;
  isDestroyed(): boolean;
}

/**
 * Serves the dispatcher over IPC. Only frames whose URL the shell trusts (our own
 * renderer) may call; a frame that navigated elsewhere gets PERMISSION_DENIED.
 */
export function serveOverIpc(options: {
  ipcMain: IpcMainLike;
  dispatcher: Dispatcher;
  events: EventBus;
  isTrustedUrl: (url: string) => boolean;
  targets: () => EventTargetLike[];
}): () => void {
  const { ipcMain, dispatcher, events, isTrustedUrl, targets } = options;
  ipcMain.handle(IPC_CALL_CHANNEL, async (event, name, input) => {
    const url = event.senderFrame?.url ?? '';
    if (!isTrustedUrl(url)) {
      return { ok: false, error: { code: 'PERMISSION_DENIED', message: `Calls from ${url || 'an unknown frame'} are not allowed.` } };
    }
    if (typeof name !== 'string') {
      return { ok: false, error: { code: 'BAD_REQUEST', message: 'The procedure name must be a string.' } };
    }
    return dispatcher.call(name, input, { transport: 'ipc' });
  });
  const unsubscribe = events.subscribe((envelope) => {
    for (const target of targets()) {
      if (!target.isDestroyed()) target.send(IPC_EVENT_CHANNEL, envelope);
    }
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC_CALL_CHANNEL);
  };
}
