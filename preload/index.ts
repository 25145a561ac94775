import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type EventEnvelope, type NeuroOpsBridge } from '../main/contract/bridge';
import type { RpcResult } from '../main/contract/errors';

// The renderer gets three functions, never ipcRenderer itself: it can call procedures of
// the contract, hear its events, and learn where a dropped file is on disk; nothing else.
const bridge: NeuroOpsBridge = {
  call: (name, input) => ipcRenderer.invoke(IPC_CALL_CHANNEL, name, input) as Promise<RpcResult>,
  subscribe(listener) {
    const forward = (_event: Electron.IpcRendererEvent, envelope: EventEnvelope): void => listener(envelope);
    ipcRenderer.on(IPC_EVENT_CHANNEL, forward);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, forward);
  },
  // File.path is gone since Electron 32; a sandboxed renderer learns the path only here.
  pathForFile: (file) => webUtils.getPathForFile(file),
};

contextBridge.exposeInMainWorld('neuroops', bridge);
