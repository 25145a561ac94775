import { describe, expect, it } from 'vitest';
import { createCore } from '../../../main/app/core';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type EventEnvelope } from '../../../main/contract/bridge';
import type { RpcResult } from '../../../main/contract/errors';
import { serveOverIpc, type IpcInvokeEventLike } from '../../../main/transport/ipc';
import { startHttpServer } from '../../../main/transport/http-server';
import { tempDir } from '../../support/temp-dir';

type Listener = (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<RpcResult>;

/** Stands in for Electron's ipcMain and a window's webContents. */
function fakeElectron() {
  const handlers = new Map<string, Listener>();
  const sent: Array<{ channel: string; envelope: EventEnvelope }> = [];
  return {
    ipcMain: {
      handle: (channel: string, listener: Listener) => void handlers.set(channel, listener),
      removeHandler: (channel: string) => void handlers.delete(channel),
    },
    window: { send: (channel: string, envelope: EventEnvelope) => void sent.push({ channel, envelope }), isDestroyed: () => false },
    invoke: (frameUrl: string, ...args: unknown[]) => handlers.get(IPC_CALL_CHANNEL)!({ senderFrame: { url: frameUrl } }, ...args),
    handlers,
    sent,
  };
}

const TRUSTED = 'file:///app/dist/renderer/index.html';

describe('the contract over IPC and over HTTP', () => {
  it('answers the same call identically through both transports', async () => {
    const core = await createCore({ dataDir: tempDir() });
    const electron = fakeElectron();
    serveOverIpc({
      ipcMain: electron.ipcMain,
      dispatcher: core.dispatcher,
      events: core.events,
      isTrustedUrl: (url) => url === TRUSTED,
      targets: () => [electron.window],
    });
    const http = await startHttpServer({ core, host: '127.0.0.1', port: 0, rendererDir: tempDir() });

    const overIpc = await electron.invoke(TRUSTED, 'system.info', {});
    const response = await fetch(`${http.url}api/rpc/system.info`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(200);
    expect(overIpc).toEqual({ ok: true, data: await response.json() });

    const badIpc = await electron.invoke(TRUSTED, 'shell.openExternal', { url: 'nope' });
    const badHttp = await fetch(`${http.url}api/rpc/shell.openExternal`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ url: 'nope' }),
    });
    expect(badHttp.status).toBe(400);
    expect(badIpc).toEqual({ ok: false, error: await badHttp.json() });

    await http.close();
    await core.close();
  });

  it('refuses calls from frames that are not our renderer', async () => {
    const core = await createCore({ dataDir: tempDir() });
    const electron = fakeElectron();
    serveOverIpc({ ipcMain: electron.ipcMain, dispatcher: core.dispatcher, events: core.events, isTrustedUrl: (u) => u === TRUSTED, targets: () => [] });
    const result = await electron.invoke('https://evil.example/', 'system.info', {});
    expect(result).toEqual({ ok: false, error: { code: 'PERMISSION_DENIED', message: 'Calls from https://evil.example/ are not allowed.' } });
    const noFrame = await electron.handlers.get(IPC_CALL_CHANNEL)!({ senderFrame: null }, 'system.info', {});
    expect(noFrame.ok).toBe(false);
    await core.close();
  });

  it('pushes core events to windows, and stops when disposed', async () => {
    const core = await createCore({ dataDir: tempDir() });
    const electron = fakeElectron();
    const dispose = serveOverIpc({ ipcMain: electron.ipcMain, dispatcher: core.dispatcher, events: core.events, isTrustedUrl: () => true, targets: () => [electron.window] });
    core.events.emit('system.notice', { level: 'info', message: 'hello', at: 1 });
    expect(electron.sent).toEqual([{ channel: IPC_EVENT_CHANNEL, envelope: { name: 'system.notice', payload: { level: 'info', message: 'hello', at: 1 } } }]);
    dispose();
    core.events.emit('system.notice', { level: 'info', message: 'again', at: 2 });
    expect(electron.sent).toHaveLength(1);
    expect(electron.handlers.size).toBe(0);
    await core.close();
  });
});
