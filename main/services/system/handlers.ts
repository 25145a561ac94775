import process from 'node:process';
import type { Db } from '../../db/database';
import type { Handler } from '../../core/dispatcher';
import { AppError } from '../../core/app-error';
import type { HostCapabilities } from '../../app/host';
import { APP_VERSION } from '../../app/version';

function unsupported(what: string): AppError {
  return new AppError('UNSUPPORTED_HERE', `${what} needs the desktop app; in a browser, use the page's own file picker instead.`);
}

export function systemHandlers(deps: { db: Db; dataDir: string; host: HostCapabilities }) {
  const { db, dataDir, host } = deps;
  const health: Handler<'system.health'> = () => {
    db.prepare('SELECT 1').get();
    return { status: 'ok', version: APP_VERSION };
  };
  const info: Handler<'system.info'> = () => ({
    version: APP_VERSION,
    dataDir,
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    host: host.kind,
    platform: process.platform,
    nativeDialogs: Boolean(host.openFileDialog && host.saveFileDialog),
  });
  const openFileDialog: Handler<'shell.openFileDialog'> = (input) => {
    if (!host.openFileDialog) throw unsupported('A native file dialog');
    return host.openFileDialog(input);
  };
  const saveFileDialog: Handler<'shell.saveFileDialog'> = (input) => {
    if (!host.saveFileDialog) throw unsupported('A native save dialog');
    return host.saveFileDialog(input);
  };
  const openExternal: Handler<'shell.openExternal'> = async ({ url }) => {
    if (!host.openExternal) return { opened: false };
    await host.openExternal(url);
    return { opened: true };
  };
  return {
    'system.health': health,
    'system.info': info,
    'shell.openFileDialog': openFileDialog,
    'shell.saveFileDialog': saveFileDialog,
    'shell.openExternal': openExternal,
  };
}
