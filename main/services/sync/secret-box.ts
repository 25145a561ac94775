/**
 * Encrypts credentials for storage with the operating system's keychain (Electron's
 * safeStorage in the desktop app). Only the shell may import Electron, so the shell hands
 * the core this port; the headless server has none, and takes credentials from
 * MLflow's environment variables instead.
 */
export interface SecretBox {
  /** Sealed text (base64), safe to keep in the database. */
  seal(plain: string): string;
  open(sealed: string): string;
}
