import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type EventEnvelope, type NeuroOpsBridge } from '../main/contract/bridge';
import type { RpcResult } from '../main/contract/errors';

// The renderer gets two functions, never ipcRenderer itself: it can call procedures of
// the contract and hear its events, and nothing else.
const bridge: NeuroOpsBridge = {
  call: (name, input) => ipcRenderer.invoke(IPC_CALL_CHANNEL, name, input) as Promise<RpcResult>,
  subscribe(listener) {
    const forward = (_event: Electron.IpcRendererEvent, envelope: EventEnvelope): void => listener(envelope);
    ipcRenderer.on(IPC_EVENT_CHANNEL, forward);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, forward);
  },
};

contextBridge.exposeInMainWorld('neuroops', bridge);
