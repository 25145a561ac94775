import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, screen } from 'electron';
import { createCore, type Core } from '../app/core';
import { platformDefaultDataDir, resolveDataDir } from '../app/data-dir';
import { APP_NAME } from '../app/version';
import { IPC_EVENT_CHANNEL } from '../contract/bridge';
import { events } from '../contract';
import { startHttpServer, type RunningHttpServer } from '../transport/http-server';
import { serveOverIpc } from '../transport/ipc';
import { isTrustedRendererUrl, registerAppScheme, serveRendererOverAppScheme } from './app-protocol';
import { electronHost } from './dialogs';
import { installApplicationMenu, type SendCommand } from './menu';
import { electronSqliteBinding } from './native-binding';
import { lockDownWebContents } from './web-security';
import { createMainWindow } from './window';
import { loadWindowState, saveWindowState } from './window-state';

// The desktop app: a thin shell around the same core that `neuroops serve` runs.
const MLFLOW_PORT = Number(process.env.NEUROOPS_PORT ?? 5001);
/** A shutdown that has not finished by then is abandoned: the process must never linger without a window. */
export const SHUTDOWN_LIMIT_MS = 15_000;

// Before `ready`, and before the single-instance lock (which lives in userData): the app's
// name and userData come from the one shared default, not from package.json's lowercase
// "name", so the window and `neuroops serve` open the same folder on every platform.
app.setName(APP_NAME);
app.setPath('userData', platformDefaultDataDir());
registerAppScheme();

async function settle(what: string, step: () => Promise<void>): Promise<boolean> {
  try {
    await step();
    return true;
  } catch (error) {
    console.error(`NeuroOps could not ${what} while quitting:`, error);
    return false;
  }
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let core: Core | undefined;
  let http: RunningHttpServer | undefined;
  let window: BrowserWindow | undefined;
  const userData = app.getPath('userData');
  const appRoot = app.getAppPath();

  const sendCommand: SendCommand = (command, target) => {
    if (!window || window.isDestroyed()) return;
    const payload = events['shell.command'].payload.parse({ command, path: target });
    // To the window only: clients of the local HTTP endpoint are not its menu's audience.
    window.webContents.send(IPC_EVENT_CHANNEL, { name: 'shell.command', payload });
  };

  const openWindow = (): void => {
    const state = loadWindowState(userData, screen.getAllDisplays().map((d) => d.workArea));
    const icon = path.join(appRoot, 'resources', 'build', 'icons', '512x512.png');
    const created = createMainWindow(path.join(appRoot, 'dist', 'electron', 'preload.cjs'), state, fs.existsSync(icon) ? icon : undefined);
    created.on('close', () => saveWindowState(userData, created));
    // A destroyed window must not be reached again (second-instance, menu commands).
    created.on('closed', () => {
      if (window === created) window = undefined;
    });
    window = created;
  };

  app.on('second-instance', () => {
    if (!window || window.isDestroyed()) {
      if (core) openWindow();
      return;
    }
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  // macOS keeps an app running with no window until ⌘Q; elsewhere the last window ends it.
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (core && !window) openWindow();
  });

  app.on('will-quit', (event) => {
    if (!core) return;
    event.preventDefault();
    const closing = core;
    const server = http;
    core = undefined;
    http = undefined;
    const limit = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), SHUTDOWN_LIMIT_MS).unref());
    void (async () => {
      let clean = false;
      try {
        // Each step runs whatever became of the one before: the database is closed even if the endpoint was not.
        const closed = (async () => {
          const stopped = await settle('stop the MLflow endpoint', async () => server?.close());
          return (await settle('close the data folder', () => closing.close())) && stopped;
        })();
        clean = await Promise.race([closed, limit]);
      } finally {
        // Whatever happened above, the process ends: a live process without a window would
        // keep the single-instance lock, and every later launch would exit at once.
        app.exit(clean ? 0 : 1);
      }
    })();
  });

  void app.whenReady().then(async () => {
    try {
      lockDownWebContents();
      installApplicationMenu(sendCommand);
      core = await createCore({
        dataDir: resolveDataDir(undefined),
        host: electronHost(),
        nativeBinding: electronSqliteBinding(),
        exclusive: true,
      });
      const running = core;
      // Registered once the core exists: the scheme also serves artifacts from its tracker.
      // Nothing loads from app:// before the window below is created.
      serveRendererOverAppScheme(path.join(appRoot, 'dist', 'renderer'), running.services.tracking);
      serveOverIpc({
        ipcMain,
        dispatcher: running.dispatcher,
        events: running.events,
        isTrustedUrl: isTrustedRendererUrl,
        targets: () => BrowserWindow.getAllWindows().map((w) => w.webContents),
      });
      // MLflow clients on this workstation log into the app as they would into a server.
      http = await startHttpServer({
        core: running,
        host: '127.0.0.1',
        port: MLFLOW_PORT,
        rendererDir: path.join(appRoot, 'dist', 'renderer'),
        routes: running.httpRoutes,
      }).catch((error: unknown) => {
        console.warn(`MLflow-compatible endpoint not started on port ${MLFLOW_PORT}:`, error);
        return undefined;
      });
      openWindow();
    } catch (error) {
      dialog.showErrorBox('NeuroOps could not start', (error as Error).message);
      await core?.close().catch(() => undefined);
      app.exit(1);
    }
  });
}
