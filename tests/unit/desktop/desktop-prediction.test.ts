/**
 * The desktop app's way in for predictions, short of a real Electron: a BIDS folder
 * dropped on the Predictions page goes through preload (webUtils gives its path), the
 * renderer's client over IPC (serveOverIpc on the core's dispatcher), and is kept as an
 * upload the core copied and hashed; the prediction then runs on it. A path chosen in
 * the native dialog takes the same road.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCore, type Core } from '../../../main/app/core';
import type { NeuroOpsBridge } from '../../../main/contract/bridge';
import type { IpcInvokeEventLike } from '../../../main/transport/ipc';
import { serveOverIpc } from '../../../main/transport/ipc';
import type { RpcResult } from '../../../main/contract/errors';
import { dataDirWithProductionModel, demoSubjects, writeDemoBids } from '../../support/prediction-data';
import { tempDir } from '../../support/temp-dir';

const desktop = vi.hoisted(() => ({
  worlds: new Map<string, unknown>(),
  handlers: new Map<string, (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<RpcResult>>(),
  paths: new Map<string, string>(),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void desktop.worlds.set(key, api) },
  ipcRenderer: {
    // What Electron does between the two processes: the renderer's invoke reaches the main process's handler.
    invoke: (channel: string, ...args: unknown[]) => desktop.handlers.get(channel)!({ senderFrame: { url: 'app://neuroops/index.html' } }, ...args),
    on: () => {},
    removeListener: () => {},
  },
  webUtils: { getPathForFile: (file: File) => desktop.paths.get(file.name) ?? '' },
}));

let core: Core;
let stopIpc: () => void;
let renderer: { uploadDropped: typeof import('../../../renderer/pages/predictions/upload-dataset').uploadDropped; uploadPath: typeof import('../../../renderer/pages/predictions/upload-dataset').uploadPath; api: typeof import('../../../renderer/api/client').api };

beforeAll(async () => {
  core = await createCore({ dataDir: await dataDirWithProductionModel(tempDir()) });
  stopIpc = serveOverIpc({
    ipcMain: { handle: (channel, listener) => void desktop.handlers.set(channel, listener), removeHandler: (channel) => void desktop.handlers.delete(channel) },
    dispatcher: core.dispatcher,
    events: core.events,
    isTrustedUrl: (url) => url.startsWith('app://neuroops/'),
    targets: () => [],
  });
  await import('../../../preload/index');
  // The renderer finds the bridge preload exposed, as in the desktop window.
  vi.stubGlobal('window', { neuroops: desktop.worlds.get('neuroops') as NeuroOpsBridge });
  const { uploadDropped, uploadPath } = await import('../../../renderer/pages/predictions/upload-dataset');
  const { api } = await import('../../../renderer/api/client');
  renderer = { uploadDropped, uploadPath, api };
}, 120_000);

afterAll(async () => {
  stopIpc?.();
  vi.unstubAllGlobals();
  await core?.close();
});

describe('predictions in the desktop app', () => {
  it('takes a dropped BIDS folder by its path over IPC, keeps it hashed, and predicts it', async () => {
    const folder = writeDemoBids(path.join(tempDir(), 'cohort'), demoSubjects(2));
    desktop.paths.set('cohort', folder);
    const upload = await renderer.uploadDropped(new File([], 'cohort'));
    expect(upload.name).toBe('cohort');
    const edf = upload.files.find((f) => f.path.endsWith('sub-01_task-rest_eeg.edf'));
    expect(edf?.sha256).toMatch(/^[0-9a-f]{64}$/);
    // A copy in the data folder's uploads/: the dropped folder can go away.
    fs.rmSync(folder, { recursive: true, force: true });

    const started = await renderer.api.predictions.start({ uploadId: upload.id });
    const job = await core.services.predictions.waitFor(started.id);
    expect(job.state).toBe('completed');
    expect(job.counts).toEqual({ total: 2, ok: 2, failed: 0 });
    const shown = await renderer.api.predictions.get({ id: started.id });
    expect(shown.recordings.map((r) => r.label).every((l) => l === 'HC' || l === 'MCI')).toBe(true);
  });

  it('takes a folder chosen in the native dialog by the same road', async () => {
    const folder = writeDemoBids(path.join(tempDir(), 'picked'), demoSubjects(1, 77));
    const upload = await renderer.uploadPath(folder);
    expect(upload.files.some((f) => f.path.endsWith('_eeg.edf'))).toBe(true);
    const validation = await renderer.api.predictions.validate({ uploadId: upload.id });
    expect(validation.ok).toBe(true);
  });

  it('treats an item with no place on disk (dragged from another app) as a browser upload: only a zip goes', async () => {
    await expect(renderer.uploadDropped(new File(['x'], 'notes.txt'))).rejects.toThrow(/not a \.zip/);
  });
});
