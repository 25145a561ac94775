import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../support/temp-dir';
import { recorded, resetFakeElectron } from './fake-electron';

// The main window and the app:// scheme against the fake Electron.
vi.mock('electron', async () => (await import('./fake-electron')).electron);

const { createMainWindow, SHOW_AT_LATEST_MS } = await import('../../../main/shell/window');
const { loadWindowState } = await import('../../../main/shell/window-state');

beforeEach(() => resetFakeElectron());
afterEach(() => vi.useRealTimers());

const failLoad = (window: (typeof recorded.windows)[number], code: number, isMainFrame = true) =>
  window.webContents.emit('did-fail-load', {}, code, 'ERR_FILE_NOT_FOUND', 'app://neuroops/index.html', isMainFrame);

describe('the main window', () => {
  it('opens the Dashboard on a first start: the renderer root, with no route', () => {
    const window = createMainWindow('/app/preload.cjs');
    expect(recorded.windows[0]).toBe(window);
    expect(recorded.windows[0]!.loaded).toEqual(['app://neuroops/index.html']);
  });

  it('shows an error page, and the window, when the renderer fails to load', () => {
    createMainWindow('/app/preload.cjs');
    const [window] = recorded.windows;
    failLoad(window!, -6);
    expect(window!.visible).toBe(true);
    expect(window!.loaded).toHaveLength(2);
    const page = decodeURIComponent(window!.loaded[1]!.replace(/^data:text\/html;charset=utf-8,/, ''));
    expect(page).toContain('NeuroOps could not load its window');
    expect(page).toContain('ERR_FILE_NOT_FOUND (-6)');
  });

  it('ignores aborted loads and failures in subframes', () => {
    createMainWindow('/app/preload.cjs');
    const [window] = recorded.windows;
    failLoad(window!, -3);
    failLoad(window!, -6, false);
    expect(window!.loaded).toHaveLength(1);
    expect(window!.visible).toBe(false);
  });

  it('does not leave a rejected load unhandled', async () => {
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const original = recorded.windows.length;
      recorded.failLoads = true;
      createMainWindow('/app/preload.cjs');
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(recorded.windows.length).toBe(original + 1);
      expect(unhandled).not.toHaveBeenCalled();
      expect(error).toHaveBeenCalledWith('The window could not load NeuroOps:', expect.any(Error));
    } finally {
      recorded.failLoads = false;
      process.off('unhandledRejection', unhandled);
      error.mockRestore();
    }
  });

  it('shows itself after a timeout even if ready-to-show never comes', () => {
    vi.useFakeTimers();
    createMainWindow('/app/preload.cjs');
    const [window] = recorded.windows;
    vi.advanceTimersByTime(SHOW_AT_LATEST_MS - 1);
    expect(window!.visible).toBe(false);
    vi.advanceTimersByTime(1);
    expect(window!.visible).toBe(true);
  });

  it('shows on ready-to-show, maximized if it was', () => {
    createMainWindow('/app/preload.cjs', { width: 1200, height: 800, maximized: true });
    const [window] = recorded.windows;
    window!.emit('ready-to-show');
    expect(window!.visible).toBe(true);
    expect(window!.maximized).toBe(true);
  });
});

describe('the remembered window state', () => {
  const screens = [{ x: 0, y: 0, width: 1920, height: 1080 }];
  const save = (state: unknown) => {
    const dir = tempDir('neuroops-window-state-');
    fs.writeFileSync(path.join(dir, 'window-state.json'), JSON.stringify(state));
    return dir;
  };

  it('gives the defaults on a first start and for an unreadable file', () => {
    expect(loadWindowState(tempDir('neuroops-window-state-'), screens)).toEqual({ width: 1400, height: 900, maximized: false });
    const dir = tempDir('neuroops-window-state-');
    fs.writeFileSync(path.join(dir, 'window-state.json'), '{not json');
    expect(loadWindowState(dir, screens)).toEqual({ width: 1400, height: 900, maximized: false });
  });

  it('keeps a position on a connected display, and drops one on a display since unplugged', () => {
    expect(loadWindowState(save({ x: 40, y: 30, width: 1000, height: 700, maximized: true }), screens)).toEqual({ x: 40, y: 30, width: 1000, height: 700, maximized: true });
    expect(loadWindowState(save({ x: 2500, y: 30, width: 1000, height: 700 }), screens)).toEqual({ width: 1000, height: 700, maximized: false });
  });

  it('shrinks a size larger than any display and grows one below the minimum', () => {
    expect(loadWindowState(save({ width: 5000, height: 4000 }), screens)).toMatchObject({ width: 1920, height: 1080 });
    expect(loadWindowState(save({ width: 10, height: 'tall' }), screens)).toMatchObject({ width: 960, height: 900 });
  });
});

describe('the app:// scheme', () => {
  it('fetches the renderer through a proper file URL, whatever the install folder holds', async () => {
    const { serveRendererOverAppScheme } = await import('../../../main/shell/app-protocol');
    const installDir = tempDir('neuroops-install-');
    const renderer = path.join(installDir, 'C# tools?', '100% lab', 'renderer');
    fs.mkdirSync(path.join(renderer, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html>');
    fs.writeFileSync(path.join(renderer, 'assets', 'app.js'), '');
    serveRendererOverAppScheme(renderer, {} as never);
    const response = await recorded.protocolHandler!(new Request('app://neuroops/assets/app.js'));
    expect(response.status).toBe(200);
    const [url] = recorded.fetched;
    expect(url).toMatch(/^file:\/\//);
    // The URL names the file itself: nothing cut off at "#" or "?", "%" not taken for an escape.
    expect(new URL(url!).hash).toBe('');
    expect(new URL(url!).search).toBe('');
    expect(decodeURIComponent(new URL(url!).pathname)).toBe(path.join(renderer, 'assets', 'app.js'));
  });
});
