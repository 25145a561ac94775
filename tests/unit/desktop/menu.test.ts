import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./fake-electron')).electron);
const { applicationMenuTemplate } = await import('../../../main/shell/menu');

type Item = MenuItemConstructorOptions;
const items = (menu: Item | undefined): Item[] => (Array.isArray(menu?.submenu) ? (menu.submenu as Item[]) : []);
const top = (template: Item[], label: string) => template.find((m) => (m.label ?? m.role ?? '').toString().replace('&', '').toLowerCase() === label.toLowerCase());
const find = (template: Item[], label: string) => template.flatMap(items).find((i) => i.label === label);

describe('the application menu', () => {
  it('on macOS: About, Settings (⌘,) and Quit in the app menu, Close in File', () => {
    const template = applicationMenuTemplate('darwin', () => {});
    const appMenu = template[0]!;
    expect(appMenu.label).toBe('NeuroOps');
    expect(items(appMenu).map((i) => i.label ?? i.role ?? i.type)).toEqual(['About NeuroOps', 'separator', 'Settings…', 'separator', 'services', 'separator', 'hide', 'hideOthers', 'unhide', 'separator', 'quit']);
    expect(find(template, 'Settings…')!.accelerator).toBe('CmdOrCtrl+,');
    expect(items(top(template, 'File')).at(-1)).toEqual({ role: 'close' });
    expect(items(top(template, 'help')).map((i) => i.label)).toEqual(['NeuroOps Documentation']);
  });

  it('on Windows: Settings and Exit (Alt+F4) in File, About in Help, mnemonics on the menus', () => {
    const template = applicationMenuTemplate('win32', () => {});
    expect(template[0]!.label).toBe('&File');
    const file = items(template[0]).map((i) => i.label ?? i.type);
    expect(file.slice(-3)).toEqual(['Settings', 'separator', 'Exit']);
    expect(items(template[0]).at(-1)).toMatchObject({ role: 'quit', accelerator: 'Alt+F4' });
    expect(items(top(template, 'help')).map((i) => i.label ?? i.type)).toEqual(['NeuroOps Documentation', 'separator', 'About NeuroOps']);
  });

  it('on Linux: Quit (Ctrl+Q) in File, About in Help', () => {
    const template = applicationMenuTemplate('linux', () => {});
    expect(items(template[0]).at(-1)).toMatchObject({ role: 'quit', label: 'Quit', accelerator: 'Ctrl+Q' });
    expect(find(template, 'About NeuroOps')).toBeDefined();
  });

  it('sends its commands to the window: open a dataset, import a bundle, go to a page', () => {
    const sent: Array<[string, string | undefined]> = [];
    const template = applicationMenuTemplate('linux', (command, path) => sent.push([command, path]));
    for (const label of ['Open BIDS Folder…', 'Open BIDS Zip…', 'Import Model Bundle…', 'Dashboard', 'Models', 'Settings', 'About NeuroOps']) {
      (find(template, label)!.click as () => void)();
    }
    expect(sent).toEqual([
      ['open-dataset-folder', undefined],
      ['open-dataset-zip', undefined],
      ['import-bundle', undefined],
      ['navigate', '/'],
      ['navigate', '/models'],
      ['navigate', '/settings'],
      ['about', undefined],
    ]);
    const accelerators = template.flatMap(items).map((i) => i.accelerator).filter(Boolean);
    expect(new Set(accelerators).size, 'no shortcut is bound twice').toBe(accelerators.length);
    expect(find(template, 'Open BIDS Folder…')!.accelerator).toBe('CmdOrCtrl+O');
    expect(find(template, 'Dashboard')!.accelerator).toBe('CmdOrCtrl+1');
  });
});
