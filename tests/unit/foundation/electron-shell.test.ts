import { beforeEach, describe, expect, it, vi } from 'vitest';

// Electron's binary is not available to tests, so its API is replaced by a recording
// fake and the shell's security wiring is checked against it.
const recorded = vi.hoisted(() => ({
  windows: [] as Array<{ options: Record<string, unknown>; loaded: string[] }>,
  appHandlers: new Map<string, (...args: unknown[]) => void>(),
  externals: [] as string[],
  permissionHandler: undefined as undefined | ((wc: unknown, perm: string, cb: (ok: boolean) => void) => void),
  schemes: [] as unknown[],
}));

vi.mock('electron', () => {
  class BrowserWindow {
    loaded: string[] = [];
    constructor(readonly options: Record<string, unknown>) {
      recorded.windows.push(this);
    }
    webContents = { on(): void {} };
    once(): void {}
    loadURL(url: string): Promise<void> {
      this.loaded.push(url);
      return Promise.resolve();
    }
  }
  return {
    BrowserWindow,
    app: { on: (name: string, fn: (...args: unknown[]) => void) => recorded.appHandlers.set(name, fn) },
    session: { defaultSession: { setPermissionRequestHandler: (fn: typeof recorded.permissionHandler) => (recorded.permissionHandler = fn) } },
    shell: { openExternal: async (url: string) => void recorded.externals.push(url) },
    protocol: { registerSchemesAsPrivileged: (schemes: unknown[]) => recorded.schemes.push(...schemes), handle: () => {} },
    net: { fetch: () => Promise.reject(new Error('not in tests')) },
  };
});

type Handler = (...args: unknown[]) => unknown;

function fakeContents() {
  const handlers = new Map<string, Handler>();
  let openHandler: Handler = () => ({ action: 'allow' });
  return {
    on: (name: string, fn: Handler) => void handlers.set(name, fn),
    setWindowOpenHandler: (fn: Handler) => void (openHandler = fn),
    fire(name: string, url?: string) {
      let prevented = false;
      handlers.get(name)!({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    },
    open: (url: string) => openHandler({ url }),
  };
}

describe('Electron shell security', () => {
  beforeEach(() => {
    recorded.windows.length = 0;
    recorded.externals.length = 0;
  });

  it('creates windows isolated, sandboxed and without Node, loading only our app:// origin', async () => {
    const { createMainWindow } = await import('../../../main/shell/window');
    createMainWindow('/app/dist/electron/preload.cjs');
    const [window] = recorded.windows;
    expect(window!.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      preload: '/app/dist/electron/preload.cjs',
    });
    expect(window!.loaded).toEqual(['app://neuroops/index.html']);
  });

  it('trusts only our renderer origin', async () => {
    const { isTrustedRendererUrl, registerAppScheme } = await import('../../../main/shell/app-protocol');
    expect(isTrustedRendererUrl('app://neuroops/index.html')).toBe(true);
    expect(isTrustedRendererUrl('app://neuroops')).toBe(true);
    expect(isTrustedRendererUrl('app://neuroops.evil/index.html')).toBe(false);
    expect(isTrustedRendererUrl('https://neuroops.org/')).toBe(false);
    expect(isTrustedRendererUrl('file:///etc/passwd')).toBe(false);
    registerAppScheme();
    expect(recorded.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('blocks navigation and new windows, sends web links to the system browser, and denies permissions', async () => {
    const { lockDownWebContents } = await import('../../../main/shell/web-security');
    lockDownWebContents();
    const contents = fakeContents();
    recorded.appHandlers.get('web-contents-created')!({}, contents);

    expect(contents.fire('will-navigate', 'app://neuroops/index.html#/models')).toBe(false);
    expect(contents.fire('will-navigate', 'https://example.org/paper')).toBe(true);
    expect(contents.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.fire('will-redirect', 'https://example.org/')).toBe(true);
    expect(contents.fire('will-attach-webview')).toBe(true);
    expect(contents.open('https://example.org/docs')).toEqual({ action: 'deny' });
    expect(contents.open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(recorded.externals).toEqual(['https://example.org/paper', 'https://example.org/docs']);

    let granted: boolean | undefined;
    recorded.permissionHandler!({}, 'media', (ok) => (granted = ok));
    expect(granted).toBe(false);
  });
});
