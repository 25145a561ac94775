import process from 'node:process';
import type { Db } from '../../db/database';
import type { CallContext, Handler } from '../../core/dispatcher';
import { AppError } from '../../core/app-error';
import type { HostCapabilities } from '../../app/host';
import { APP_NAME, APP_VERSION } from '../../app/version';
import { onnxRuntimeVersion } from '../../core/onnx-runtime';
import { diskHealth, freeBytesOf } from './disk-health';

function unsupported(what: string): AppError {
  return new AppError('UNSUPPORTED_HERE', `${what} needs the desktop app; in a browser, use the page's own file picker instead.`);
}

/**
 * Native dialogs and the file manager act on the desktop user's screen: only the window
 * (over IPC) may open them, never a client of the app's local HTTP endpoint.
 */
function desktopWindowOnly(what: string, ctx: CallContext): void {
  if (ctx.transport === 'http') {
    throw new AppError('PERMISSION_DENIED', `${what} opens only for the NeuroOps window, not over HTTP; pass the path in the request instead.`);
  }
}

export function systemHandlers(deps: { db: Db; dataDir: string; host: HostCapabilities; freeBytes?: (dir: string) => number | null }) {
  const { db, dataDir, host, freeBytes = freeBytesOf } = deps;
  const health: Handler<'system.health'> = () => {
    db.prepare('SELECT 1').get();
    const disk = diskHealth(freeBytes(dataDir));
    return { status: disk.status === 'ok' ? 'ok' : 'degraded', version: APP_VERSION, disk };
  };
  const info: Handler<'system.info'> = () => ({
    version: APP_VERSION,
    dataDir,
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    host: host.kind,
    platform: process.platform,
    nativeDialogs: Boolean(host.openFileDialog && host.saveFileDialog),
  });
  const openFileDialog: Handler<'shell.openFileDialog'> = (input, ctx) => {
    desktopWindowOnly('A native file dialog', ctx);
    if (!host.openFileDialog) throw unsupported('A native file dialog');
    return host.openFileDialog(input);
  };
  const saveFileDialog: Handler<'shell.saveFileDialog'> = (input, ctx) => {
    desktopWindowOnly('A native save dialog', ctx);
    if (!host.saveFileDialog) throw unsupported('A native save dialog');
    return host.saveFileDialog(input);
  };
  const openExternal: Handler<'shell.openExternal'> = async ({ url }) => {
    if (!host.openExternal) return { opened: false };
    await host.openExternal(url);
    return { opened: true };
  };
  const about: Handler<'system.about'> = () => ({
    name: APP_NAME,
    version: APP_VERSION,
    // Inside Electron's main process Node reports Electron's and Chromium's versions too.
    versions: {
      electron: process.versions.electron ?? null,
      node: process.versions.node,
      chromium: process.versions.chrome ?? null,
      onnxruntime: onnxRuntimeVersion(),
    },
    platform: process.platform,
    arch: process.arch,
    dataDir,
  });
  const openDataFolder: Handler<'shell.openDataFolder'> = async (_input, ctx) => {
    desktopWindowOnly('The file manager', ctx);
    if (!host.openPath) return { opened: false };
    await host.openPath(dataDir);
    return { opened: true };
  };
  return {
    'system.health': health,
    'system.about': about,
    'shell.openDataFolder': openDataFolder,
    'system.info': info,
    'shell.openFileDialog': openFileDialog,
    'shell.saveFileDialog': saveFileDialog,
    'shell.openExternal': openExternal,
  };
}
