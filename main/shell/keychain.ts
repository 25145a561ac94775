import { safeStorage } from 'electron';
import type { SecretBox } from '../services/sync/secret-box';
import { AppError } from '../core/app-error';

/**
 * Sync's credentials sealed by the operating system's keychain (Keychain on macOS, DPAPI on
 * Windows, libsecret/kwallet on Linux) through Electron's safeStorage. Where no keychain is
 * available, saving is refused rather than falling back to a key anyone could read.
 */
export function keychainSecretBox(): SecretBox | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') return undefined;
  return {
    seal: (plain) => safeStorage.encryptString(plain).toString('base64'),
    open(sealed) {
      try {
        return safeStorage.decryptString(Buffer.from(sealed, 'base64'));
      } catch {
        throw new AppError('UNAUTHENTICATED', 'The saved credentials cannot be decrypted by this system keychain; enter them again in Settings.');
      }
    },
  };
}
