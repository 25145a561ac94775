import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { platformDefaultDataDir } from '../../../main/app/data-dir';
import { EventBus } from '../../../main/core/event-bus';
import { tempDir } from '../../support/temp-dir';
import { emitAppEvent, fireReady, recorded, resetFakeElectron } from './fake-electron';

// main/shell/main.ts run against the fake Electron: the start, the quit, second launches.
vi.mock('electron', async () => (await import('./fake-electron')).electron);

const core = vi.hoisted(() => ({
  created: [] as Array<{ dataDir: string }>,
  closeFails: false,
  createFails: false,
  closed: 0,
  httpCloseFails: false,
  closeHangs: false,
}));

vi.mock('../../../main/app/core', () => ({
  createCore: async (options: { dataDir: string }) => {
    if (core.createFails) throw new Error('The data folder is in use by another NeuroOps.');
    core.created.push(options);
    return {
      dataDir: options.dataDir,
      dispatcher: { call: async () => ({ ok: true, data: {} }) },
      events: new EventBus(),
      httpRoutes: [],
      services: { tracking: {} },
      close: async () => {
        core.closed++;
        if (core.closeHangs) await new Promise(() => {});
        if (core.closeFails) throw new Error('SQLITE_BUSY: database is locked');
      },
    };
  },
}));
vi.mock('../../../main/transport/http-server', () => ({
  startHttpServer: async () => ({
    close: async () => {
      if (core.httpCloseFails) throw new Error('ERR_SERVER_NOT_RUNNING');
    },
  }),
}));
vi.mock('../../../main/shell/native-binding', () => ({ electronSqliteBinding: () => '/opt/NeuroOps/resources/native/better_sqlite3.node' }));

let home: string;
const originalEnv = { ...process.env };

beforeEach(() => {
  vi.resetModules();
  resetFakeElectron();
  Object.assign(core, { created: [], closeFails: false, createFails: false, closed: 0, httpCloseFails: false, closeHangs: false });
  home = tempDir('neuroops-electron-home-');
  // platformDefaultDataDir() reads XDG_CONFIG_HOME on Linux, APPDATA on Windows.
  process.env.XDG_CONFIG_HOME = path.join(home, '.config');
  process.env.APPDATA = path.join(home, 'AppData');
  delete process.env.NEUROOPS_HOME;
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  process.env = { ...originalEnv };
  vi.restoreAllMocks();
});

/** Imports main.ts (its top level runs), lets `ready` fire, and waits for the start to finish. */
async function start(): Promise<void> {
  await import('../../../main/shell/main');
  fireReady();
  await vi.waitFor(() => expect(recorded.windows.length + recorded.errorBoxes.length).toBeGreaterThan(0));
}

describe('the desktop app process', () => {
  it('sets its name and userData from the shared default before ready, and opens that folder', async () => {
    await start();
    const readyAt = recorded.calls.indexOf('ready');
    expect(recorded.calls.indexOf('setName NeuroOps')).toBeGreaterThanOrEqual(0);
    expect(recorded.calls.indexOf('setName NeuroOps')).toBeLessThan(readyAt);
    expect(recorded.calls.indexOf('setPath userData')).toBeLessThan(readyAt);
    expect(recorded.paths.get('userData')).toBe(platformDefaultDataDir());
    // The same folder `neuroops serve` defaults to.
    expect(core.created.map((c) => c.dataDir)).toEqual([platformDefaultDataDir()]);
  });

  it('exits even when closing the data folder fails, so no hidden process keeps the single-instance lock', async () => {
    await start();
    core.closeFails = true;
    const event = emitAppEvent('will-quit');
    expect(event.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(recorded.exitCode ?? (recorded.quits > 0 ? 0 : undefined)).toBeDefined());
    expect(core.closed).toBe(1);
    expect(recorded.exitCode).toBe(1);
  });

  it('closes the data folder even when stopping the MLflow endpoint fails, then exits', async () => {
    await start();
    core.httpCloseFails = true;
    emitAppEvent('will-quit');
    await vi.waitFor(() => expect(recorded.exitCode).toBe(1));
    expect(core.closed).toBe(1);
  });

  it('exits when closing hangs, after the shutdown limit', async () => {
    await start();
    const { SHUTDOWN_LIMIT_MS } = await import('../../../main/shell/main');
    vi.useFakeTimers();
    try {
      core.closeHangs = true;
      emitAppEvent('will-quit');
      await vi.advanceTimersByTimeAsync(SHUTDOWN_LIMIT_MS - 1);
      expect(recorded.exitCode).toBeUndefined();
      await vi.advanceTimersByTimeAsync(1);
      expect(recorded.exitCode).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('exits cleanly with code 0 after a normal shutdown', async () => {
    await start();
    emitAppEvent('will-quit');
    await vi.waitFor(() => expect(recorded.exitCode).toBe(0));
    // The second will-quit that follows passes straight through.
    expect(emitAppEvent('will-quit').defaultPrevented).toBe(false);
  });

  it('answers a second launch after its window was closed without touching the destroyed window', async () => {
    Object.defineProperty(process, 'platform', { value: 'darwin', configurable: true });
    try {
      await start();
      const [first] = recorded.windows;
      first!.userCloses();
      expect(() => emitAppEvent('second-instance')).not.toThrow();
      // On macOS the app lives on without a window; the second launch brings one back.
      expect(recorded.windows.filter((w) => !w.destroyed)).toHaveLength(1);
    } finally {
      Object.defineProperty(process, 'platform', { value: originalPlatform, configurable: true });
    }
  });

  it('focuses and restores its window on a second launch', async () => {
    await start();
    const [window] = recorded.windows;
    window!.minimized = true;
    emitAppEvent('second-instance');
    expect(window!.minimized).toBe(false);
    expect(window!.focused).toBe(1);
  });

  it('remembers the window size and position for the next start', async () => {
    await start();
    const [first] = recorded.windows;
    first!.options.x = 300;
    first!.options.y = 200;
    first!.options.width = 1111;
    first!.options.height = 777;
    first!.userCloses();
    const saved = JSON.parse(fs.readFileSync(path.join(platformDefaultDataDir(), 'window-state.json'), 'utf8'));
    expect(saved).toEqual({ x: 300, y: 200, width: 1111, height: 777, maximized: false });

    vi.resetModules();
    resetFakeElectron();
    await start();
    expect(recorded.windows[0]!.options).toMatchObject({ x: 300, y: 200, width: 1111, height: 777 });
  });

  it('shows why it could not start, and exits', async () => {
    core.createFails = true;
    await start();
    expect(recorded.errorBoxes).toEqual([['NeuroOps could not start', 'The data folder is in use by another NeuroOps.']]);
    expect(recorded.exitCode).toBe(1);
  });

  it('sends menu commands to its window only, as contract events', async () => {
    await start();
    const template = recorded.menus[0] as Array<{ label?: string; submenu?: Array<{ label?: string; click?: () => void }> }>;
    const help = template.find((m) => m.label === '&Help' || m.label === 'Help' || (m as { role?: string }).role === 'help')!;
    const about = [...template.flatMap((m) => m.submenu ?? [])].find((i) => i.label === 'About NeuroOps')!;
    expect(help).toBeDefined();
    about.click!();
    expect(recorded.sent).toEqual([['neuroops:event', { name: 'shell.command', payload: { command: 'about' } }]]);
  });
});

const originalPlatform = process.platform;
