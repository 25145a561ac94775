import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain } from 'electron';
import { createCore, type Core } from '../app/core';
import { startHttpServer, type RunningHttpServer } from '../transport/http-server';
import { serveOverIpc } from '../transport/ipc';
import { isTrustedRendererUrl, registerAppScheme, serveRendererOverAppScheme } from './app-protocol';
import { electronHost } from './dialogs';
import { installApplicationMenu } from './menu';
import { electronSqliteBinding } from './native-binding';
import { lockDownWebContents } from './web-security';
import { createMainWindow } from './window';

// The desktop app: a thin shell around the same core that `neuroops serve` runs.
const MLFLOW_PORT = Number(process.env.NEUROOPS_PORT ?? 5001);

registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let core: Core | undefined;
  let http: RunningHttpServer | undefined;
  let window: BrowserWindow | undefined;

  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  app.on('window-all-closed', () => app.quit());

  app.on('will-quit', (event) => {
    if (!core) return;
    event.preventDefault();
    const closing = core;
    core = undefined;
    void (async () => {
      await http?.close();
      await closing.close();
      app.quit();
    })();
  });

  void app.whenReady().then(async () => {
    try {
      lockDownWebContents();
      installApplicationMenu();
      const appRoot = app.getAppPath();
      core = await createCore({
        dataDir: app.getPath('userData'),
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
      window = createMainWindow(path.join(appRoot, 'dist', 'electron', 'preload.cjs'));
    } catch (error) {
      dialog.showErrorBox('NeuroOps could not start', (error as Error).message);
      app.exit(1);
    }
  });
}
