import path from 'node:path';
import { BrowserWindow } from 'electron';
import { APP_ORIGIN } from './app-protocol';
import { loadErrorPage } from './load-error-page';
import { DEFAULT_WINDOW_STATE, MIN_WINDOW_SIZE, type WindowState } from './window-state';

/** However the renderer fares, the window appears after this long, so a failed start is never invisible. */
export const SHOW_AT_LATEST_MS = 5000;

/** Chromium's ERR_ABORTED: a navigation replaced by another one, not a failure. */
const ERR_ABORTED = -3;

/** The first start (no hash) opens the Dashboard, the renderer's '/' route. */
export const RENDERER_START_URL = `${APP_ORIGIN}/index.html`;

export function createMainWindow(preloadPath: string, state: WindowState = DEFAULT_WINDOW_STATE, icon?: string): BrowserWindow {
  const window = new BrowserWindow({
    x: state.x,
    y: state.y,
    width: state.width,
    height: state.height,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: 'NeuroOps',
    show: false,
    ...(icon ? { icon } : {}),
    webPreferences: {
      preload: path.resolve(preloadPath),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  const reveal = (): void => {
    if (window.isDestroyed() || window.isVisible()) return;
    if (state.maximized) window.maximize();
    window.show();
  };
  window.once('ready-to-show', reveal);
  const fallback = setTimeout(reveal, SHOW_AT_LATEST_MS);
  window.once('closed', () => clearTimeout(fallback));
  window.webContents.on('did-fail-load', (_event, errorCode, errorDescription, validatedURL, isMainFrame) => {
    if (!isMainFrame || errorCode === ERR_ABORTED) return;
    void window.loadURL(loadErrorPage(validatedURL, errorCode, errorDescription)).catch(() => undefined);
    reveal();
  });
  // A failed load also rejects this promise; did-fail-load above shows it, so the rejection only needs logging.
  window.loadURL(RENDERER_START_URL).catch((error: unknown) => console.error('The window could not load NeuroOps:', error));
  return window;
}
