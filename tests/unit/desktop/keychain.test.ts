/** Sync's credentials sealed through Electron's safeStorage (faked): sealed text is not the secret, and no keychain means no saving. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { recorded, resetFakeElectron } from './fake-electron';
import { keychainSecretBox } from '../../../main/shell/keychain';

vi.mock('electron', async () => (await import('./fake-electron')).electron);

beforeEach(() => resetFakeElectron());

describe('keychainSecretBox', () => {
  it('seals a credential into text that is not the credential, and opens it again', () => {
    const box = keychainSecretBox()!;
    const sealed = box.seal('s3cret-token-value');
    expect(sealed).not.toContain('s3cret');
    expect(box.open(sealed)).toBe('s3cret-token-value');
  });

  it('offers no box without a keychain, or with Linux\'s plain-text fallback, so nothing is saved readable', () => {
    recorded.keychain = 'none';
    expect(keychainSecretBox()).toBeUndefined();
    recorded.keychain = 'basic_text';
    expect(keychainSecretBox()).toBeUndefined();
  });

  it('says to enter the credentials again when the keychain cannot open what was sealed', () => {
    expect(() => keychainSecretBox()!.open('')).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED', message: expect.stringMatching(/enter them again/) }));
  });
});
