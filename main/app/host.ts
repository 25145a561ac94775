import type { Output, ParsedInput } from '../contract';
import type { SecretBox } from '../services/sync/secret-box';

/**
 * What only the host process can do. The Electron shell provides native dialogs; the
 * headless server has none, and its renderer falls back to browser file inputs.
 */
export interface HostCapabilities {
  kind: 'electron' | 'headless';
  openFileDialog?(input: ParsedInput<'shell.openFileDialog'>): Promise<Output<'shell.openFileDialog'>>;
  saveFileDialog?(input: ParsedInput<'shell.saveFileDialog'>): Promise<Output<'shell.saveFileDialog'>>;
  openExternal?(url: string): Promise<void>;
  /** Shows a folder in the system's file manager. */
  openPath?(folder: string): Promise<void>;
  /** Seals credentials with the system keychain (Electron's safeStorage), for sync's saved remote. */
  secrets?: SecretBox;
}

export const headlessHost: HostCapabilities = { kind: 'headless' };
