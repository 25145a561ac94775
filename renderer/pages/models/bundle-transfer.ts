import type { Output } from '../../../main/contract';
import { api, ApiError } from '../../api/client';

type Imported = Output<'bundles.import'>;

/** Whether this host has native dialogs (the desktop app) or is a browser on the HTTP server. */
export async function hasNativeDialogs(): Promise<boolean> {
  return (await api.system.info()).nativeDialogs;
}

/** Export: the save dialog and a direct write in the desktop app, a download in a browser. */
export async function exportVersion(name: string, version: number): Promise<string | null> {
  if (await hasNativeDialogs()) {
    const { path } = await api.shell.saveFileDialog({ title: 'Export model bundle', defaultName: `${name}-v${version}.zip`, filters: [{ name: 'Model bundle', extensions: ['zip'] }] });
    if (!path) return null;
    // The native dialog has already asked whether to replace an existing file.
    return (await api.bundles.export({ name, version, path, overwrite: true })).file;
  }
  const link = document.createElement('a');
  link.href = `api/bundles/export?name=${encodeURIComponent(name)}&version=${version}`;
  link.download = `${name}-v${version}.zip`;
  document.body.append(link);
  link.click();
  link.remove();
  return null;
}

/** Import by the native open dialog (desktop app); null when the user cancels. */
export async function importWithDialog(): Promise<Imported | null> {
  const { path } = await api.shell.openFileDialog({ title: 'Import model bundle', filters: [{ name: 'Model bundle', extensions: ['zip'] }] });
  return path ? api.bundles.import({ path }) : null;
}

function toBase64(bytes: ArrayBuffer): string {
  const view = new Uint8Array(bytes);
  let text = '';
  for (let i = 0; i < view.length; i += 0x8000) text += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(text);
}

/**
 * Import a file the user dropped or picked: in a browser it is uploaded to the server; the
 * desktop app has no HTTP server, so its bytes go through the API. Either way the core
 * checks the bundle whole before registering anything.
 */
export async function importFile(file: File, nativeDialogs: boolean): Promise<Imported> {
  if (nativeDialogs) return api.bundles.importData({ fileName: file.name, dataBase64: toBase64(await file.arrayBuffer()) });
  const response = await fetch(`api/bundles/import?fileName=${encodeURIComponent(file.name)}`, { method: 'POST', headers: { 'Content-Type': 'application/zip' }, body: file });
  const body = (await response.json().catch(() => null)) as (Imported & { code?: string; message?: string }) | null;
  if (!response.ok) throw new ApiError({ code: body?.code ?? 'INTERNAL_ERROR', message: body?.message ?? `The server answered ${response.status}.` });
  return body!;
}
