import { Menu, shell, type MenuItemConstructorOptions } from 'electron';
import type { MENU_COMMANDS } from '../contract/desktop';

export const DOCS_URL = 'https://github.com/neuroops/neuroops#readme';

export type MenuCommand = (typeof MENU_COMMANDS)[number];
export type SendCommand = (command: MenuCommand, path?: string) => void;

/** Pages reachable from the Go menu, with ⌘/Ctrl+1… as in browsers and most tabbed apps. */
const PAGES: Array<[label: string, path: string]> = [
  ['Dashboard', '/'],
  ['Experiments', '/experiments'],
  ['Models', '/models'],
  ['Predictions', '/predictions'],
  ['Pipelines', '/pipelines'],
];

/**
 * The application menu, by each platform's conventions: on macOS the app menu holds About,
 * Settings (⌘,) and Quit (⌘Q) and File ends in Close; on Windows and Linux File holds
 * Settings (Ctrl+,) and Exit/Quit, and Help holds About. Items that act on the window
 * send a command to the renderer, which owns the dialogs.
 */
export function applicationMenuTemplate(platform: NodeJS.Platform, send: SendCommand): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  const about: MenuItemConstructorOptions = { label: 'About NeuroOps', click: () => send('about') };
  const settings: MenuItemConstructorOptions = { label: isMac ? 'Settings…' : 'Settings', accelerator: 'CmdOrCtrl+,', click: () => send('navigate', '/settings') };
  const file: MenuItemConstructorOptions[] = [
    { label: 'Open BIDS Folder…', accelerator: 'CmdOrCtrl+O', click: () => send('open-dataset-folder') },
    { label: 'Open BIDS Zip…', accelerator: 'CmdOrCtrl+Shift+O', click: () => send('open-dataset-zip') },
    { type: 'separator' },
    { label: 'Import Model Bundle…', accelerator: 'CmdOrCtrl+I', click: () => send('import-bundle') },
    { type: 'separator' },
    ...(isMac ? [{ role: 'close' } as const] : [settings, { type: 'separator' } as const, { role: 'quit', label: platform === 'win32' ? 'Exit' : 'Quit', accelerator: platform === 'win32' ? 'Alt+F4' : 'Ctrl+Q' } as const]),
  ];
  return [
    ...(isMac
      ? [{
          label: 'NeuroOps',
          submenu: [about, { type: 'separator' }, settings, { type: 'separator' }, { role: 'services' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
        } satisfies MenuItemConstructorOptions]
      : []),
    { label: isMac ? 'File' : '&File', submenu: file },
    { role: 'editMenu', ...(isMac ? {} : { label: '&Edit' }) },
    {
      label: isMac ? 'View' : '&View',
      submenu: [
        { role: 'reload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: isMac ? 'Go' : '&Go',
      submenu: PAGES.map(([label, path], i) => ({ label, accelerator: `CmdOrCtrl+${i + 1}`, click: () => send('navigate', path) })),
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      ...(isMac ? {} : { label: '&Help' }),
      submenu: [
        { label: 'NeuroOps Documentation', click: () => void shell.openExternal(DOCS_URL) },
        ...(isMac ? [] : [{ type: 'separator' } as const, about]),
      ],
    },
  ];
}

export function installApplicationMenu(send: SendCommand): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate(process.platform, send)));
}
