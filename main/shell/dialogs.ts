import { BrowserWindow, dialog, shell } from 'electron';
import type { HostCapabilities } from '../app/host';
import { AppError } from '../core/app-error';
import { keychainSecretBox } from './keychain';

/** The native parts of the contract: file dialogs and opening web links. */
export function electronHost(): HostCapabilities {
  const parent = (): BrowserWindow | undefined => BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  return {
    kind: 'electron',
    secrets: keychainSecretBox(),
    async openFileDialog(input) {
      const options: Electron.OpenDialogOptions = {
        title: input.title,
        properties: [input.directory ? 'openDirectory' : 'openFile'],
        filters: input.filters,
      };
      const window = parent();
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return { path: result.canceled ? null : (result.filePaths[0] ?? null) };
    },
    async saveFileDialog(input) {
      const options: Electron.SaveDialogOptions = { title: input.title, defaultPath: input.defaultName, filters: input.filters };
      const window = parent();
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return { path: result.canceled ? null : (result.filePath ?? null) };
    },
    async openExternal(url) {
      await shell.openExternal(url);
    },
    async openPath(folder) {
      // openPath answers an error message rather than throwing.
      const failure = await shell.openPath(folder);
      if (failure) throw new AppError('INVALID_STATE', `The file manager could not open ${folder}: ${failure}`);
    },
  };
}
