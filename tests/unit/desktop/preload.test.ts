import { describe, expect, it, vi } from 'vitest';
import type { NeuroOpsBridge } from '../../../main/contract/bridge';

// preload/index.ts against a fake of the renderer-side Electron API.
const exposed = vi.hoisted(() => ({ worlds: new Map<string, unknown>(), asked: [] as unknown[] }));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void exposed.worlds.set(key, api) },
  ipcRenderer: { invoke: async () => ({ ok: true, data: {} }), on: () => {}, removeListener: () => {} },
  webUtils: {
    getPathForFile: (file: unknown) => {
      exposed.asked.push(file);
      return '/home/ana/data/study.zip';
    },
  },
}));

describe('the preload bridge', () => {
  it('gives the renderer the path of a dropped file through webUtils, and nothing of Electron itself', async () => {
    await import('../../../preload/index');
    const bridge = exposed.worlds.get('neuroops') as NeuroOpsBridge;
    expect(Object.keys(bridge).sort()).toEqual(['call', 'pathForFile', 'subscribe']);
    const file = new File(['x'], 'study.zip');
    expect(bridge.pathForFile!(file)).toBe('/home/ana/data/study.zip');
    expect(exposed.asked).toEqual([file]);
  });
});
