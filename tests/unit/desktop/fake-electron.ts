import { EventEmitter } from 'node:events';

/**
 * A recording stand-in for the parts of Electron's main-process API the shell uses,
 * behaving as Electron documents them where it matters: a destroyed window throws
 * "Object has been destroyed" when touched, `whenReady` waits for `fireReady`, and
 * `will-quit` handlers may call `preventDefault`. Load it with
 * `vi.mock('electron', async () => (await import('./fake-electron')).electron)`.
 */
function createRecord() {
  return {
  calls: [] as string[],
  paths: new Map<string, string>(),
  windows: [] as FakeWindow[],
  exitCode: undefined as number | undefined,
  quits: 0,
  errorBoxes: [] as Array<[string, string]>,
  menus: [] as unknown[],
  sent: [] as Array<[string, unknown]>,
  opened: [] as string[],
  protocolHandler: undefined as undefined | ((request: Request) => Promise<Response>),
  fetched: [] as string[],
  displays: [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
  singleInstance: true,
  /** Every loadURL rejects, as Electron's does when the page cannot load. */
  failLoads: false,
  /** What safeStorage reports: a keychain backend, or none / Linux's plain-text fallback. */
  keychain: 'gnome_libsecret' as 'gnome_libsecret' | 'basic_text' | 'none',
  };
}

/**
 * One state for every copy of this module: tests call vi.resetModules() to run main.ts
 * afresh, after which the mocked 'electron' is a new instance of this file, and it must
 * still report to the test's `recorded`.
 */
interface SharedState {
  recorded: ReturnType<typeof createRecord>;
  appEvents: EventEmitter;
  ready: Promise<void>;
  markReady: () => void;
}
const holder = globalThis as { __neuroopsFakeElectron?: SharedState };
const shared: SharedState = (holder.__neuroopsFakeElectron ??= (() => {
  const state = { recorded: createRecord(), appEvents: new EventEmitter(), markReady: () => {} } as SharedState;
  state.ready = new Promise<void>((resolve) => (state.markReady = resolve));
  return state;
})());

export const recorded = shared.recorded;
const appEvents = shared.appEvents;

export function resetFakeElectron(): void {
  recorded.calls.length = 0;
  recorded.paths.clear();
  recorded.windows.length = 0;
  recorded.exitCode = undefined;
  recorded.quits = 0;
  recorded.errorBoxes.length = 0;
  recorded.menus.length = 0;
  recorded.sent.length = 0;
  recorded.opened.length = 0;
  recorded.fetched.length = 0;
  recorded.singleInstance = true;
  recorded.failLoads = false;
  recorded.keychain = 'gnome_libsecret';
  appEvents.removeAllListeners();
  shared.ready = new Promise<void>((resolve) => (shared.markReady = resolve));
}

export function fireReady(): void {
  recorded.calls.push('ready');
  shared.markReady();
}

/** Emits an app event the way Electron does, with an event object whose default can be prevented. */
export function emitAppEvent(name: string, ...args: unknown[]): { defaultPrevented: boolean } {
  const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
  appEvents.emit(name, event, ...args);
  return event;
}

function destroyedGuard(target: { destroyed: boolean }): void {
  if (target.destroyed) throw new TypeError('Object has been destroyed');
}

class FakeWebContents extends EventEmitter {
  constructor(private readonly owner: FakeWindow) {
    super();
  }
  send(channel: string, payload: unknown): void {
    destroyedGuard(this.owner);
    recorded.sent.push([channel, payload]);
  }
  isDestroyed(): boolean {
    return this.owner.destroyed;
  }
}

export class FakeWindow extends EventEmitter {
  destroyed = false;
  visible = false;
  minimized = false;
  maximized = false;
  focused = 0;
  loaded: string[] = [];
  readonly webContents = new FakeWebContents(this);
  constructor(readonly options: Record<string, unknown>) {
    super();
    recorded.windows.push(this);
  }
  loadURL(url: string): Promise<void> {
    destroyedGuard(this);
    this.loaded.push(url);
    return recorded.failLoads ? Promise.reject(new Error('ERR_FILE_NOT_FOUND (-6) loading ' + url)) : Promise.resolve();
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isVisible(): boolean {
    destroyedGuard(this);
    return this.visible;
  }
  show(): void {
    destroyedGuard(this);
    this.visible = true;
  }
  maximize(): void {
    destroyedGuard(this);
    this.maximized = true;
  }
  isMaximized(): boolean {
    destroyedGuard(this);
    return this.maximized;
  }
  isMinimized(): boolean {
    destroyedGuard(this);
    return this.minimized;
  }
  restore(): void {
    destroyedGuard(this);
    this.minimized = false;
  }
  focus(): void {
    destroyedGuard(this);
    this.focused++;
  }
  getNormalBounds() {
    destroyedGuard(this);
    const o = this.options as { x?: number; y?: number; width: number; height: number };
    return { x: o.x ?? 100, y: o.y ?? 100, width: o.width, height: o.height };
  }
  /** The user closes the window: 'close', then it is destroyed, then 'closed'. */
  userCloses(): void {
    this.emit('close', { preventDefault() {} });
    this.destroyed = true;
    this.emit('closed');
  }
  static getAllWindows(): FakeWindow[] {
    return recorded.windows.filter((w) => !w.destroyed);
  }
  static getFocusedWindow(): FakeWindow | null {
    return null;
  }
}

export const electron = {
  app: {
    setName: (name: string) => void recorded.calls.push(`setName ${name}`),
    setPath: (name: string, value: string) => {
      recorded.calls.push(`setPath ${name}`);
      recorded.paths.set(name, value);
    },
    getPath: (name: string) => recorded.paths.get(name) ?? `/electron-default/${name}`,
    getAppPath: () => '/opt/NeuroOps/resources/app.asar',
    getVersion: () => '0.0.0-fake',
    isPackaged: true,
    requestSingleInstanceLock: () => recorded.singleInstance,
    whenReady: () => shared.ready,
    on: (name: string, listener: (...args: unknown[]) => void) => void appEvents.on(name, listener),
    quit: () => {
      recorded.quits++;
      recorded.calls.push('quit');
    },
    exit: (code = 0) => {
      recorded.exitCode = code;
      recorded.calls.push(`exit ${code}`);
    },
  },
  BrowserWindow: FakeWindow,
  dialog: {
    showErrorBox: (title: string, content: string) => void recorded.errorBoxes.push([title, content]),
    showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
    showSaveDialog: async () => ({ canceled: true }),
  },
  ipcMain: { handle: () => {}, removeHandler: () => {} },
  screen: { getAllDisplays: () => recorded.displays },
  protocol: {
    registerSchemesAsPrivileged: () => {},
    handle: (_scheme: string, handler: (request: Request) => Promise<Response>) => void (recorded.protocolHandler = handler),
  },
  net: {
    fetch: async (url: string) => {
      recorded.fetched.push(url);
      return new Response('<!doctype html>', { headers: { 'Content-Type': 'text/html' } });
    },
  },
  session: { defaultSession: { setPermissionRequestHandler: () => {} } },
  shell: {
    openExternal: async (url: string) => void recorded.opened.push(url),
    openPath: async (folder: string) => {
      recorded.opened.push(folder);
      return '';
    },
  },
  Menu: {
    buildFromTemplate: (template: unknown) => template,
    setApplicationMenu: (menu: unknown) => void recorded.menus.push(menu),
  },
  // A keychain that seals by reversing the bytes: enough to tell sealed from plain.
  safeStorage: {
    isEncryptionAvailable: () => recorded.keychain !== 'none',
    getSelectedStorageBackend: () => recorded.keychain,
    encryptString: (plain: string) => Buffer.from(plain, 'utf8').reverse(),
    decryptString: (sealed: Buffer) => {
      if (sealed.length === 0) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(sealed).reverse().toString('utf8');
    },
  },
};
