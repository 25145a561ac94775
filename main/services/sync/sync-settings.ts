import { AppError, invalid } from '../../core/app-error';
import { authFromEnv, normalizeRemoteUri, type AuthKind, type RemoteAuth } from './remote-auth';
import type { SecretBox } from './secret-box';
import type { SyncStore } from './sync-store';

export interface SyncSettings {
  remoteUri: string | null;
  authKind: AuthKind;
  /** Where the credentials sync uses come from: saved (encrypted), the environment, or none. */
  credentialsSource: 'saved' | 'environment' | 'none';
  /** Whether this host can save credentials (the desktop app can; the headless server reads the environment). */
  canSaveCredentials: boolean;
  /** Push everything every N minutes while the remote is reachable; null: only when asked. */
  autoMinutes: number | null;
}

export type SavedAuth = { kind: 'none' } | { kind: 'bearer'; token: string } | { kind: 'basic'; username: string; password: string };

const KEYS = { uri: 'remote_uri', kind: 'auth_kind', sealed: 'auth_sealed', auto: 'auto_minutes' } as const;

/** The remote, its credentials and the automatic interval, kept in sync_settings; credentials only ever sealed. */
export class SyncSettingsStore {
  constructor(
    private readonly store: SyncStore,
    private readonly secrets: SecretBox | undefined,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  read(): SyncSettings {
    const savedKind = (this.store.setting(KEYS.kind) as AuthKind | null) ?? 'none';
    const sealed = this.store.setting(KEYS.sealed);
    const fromEnv = authFromEnv(this.env);
    const saved = savedKind !== 'none' && sealed !== null && this.secrets !== undefined;
    const auto = this.store.setting(KEYS.auto);
    return {
      remoteUri: this.store.setting(KEYS.uri),
      authKind: saved ? savedKind : (fromEnv?.kind ?? 'none'),
      credentialsSource: saved ? 'saved' : fromEnv ? 'environment' : 'none',
      canSaveCredentials: this.secrets !== undefined,
      autoMinutes: auto === null ? null : Number(auto),
    };
  }

  save(input: { remoteUri: string | null; auth?: SavedAuth; autoMinutes: number | null }): SyncSettings {
    const values: Record<string, string | null> = {
      [KEYS.uri]: input.remoteUri === null || input.remoteUri.trim() === '' ? null : normalizeRemoteUri(input.remoteUri),
      [KEYS.auto]: input.autoMinutes === null ? null : String(input.autoMinutes),
    };
    if (input.auth) {
      if (input.auth.kind === 'none') {
        values[KEYS.kind] = null;
        values[KEYS.sealed] = null;
      } else {
        if (!this.secrets) {
          throw new AppError('UNSUPPORTED_HERE', 'This server cannot store credentials safely; set MLFLOW_TRACKING_TOKEN (or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD) in the environment of neuroops serve instead.');
        }
        const secret = input.auth.kind === 'bearer' ? input.auth.token : input.auth.password;
        if (!secret) throw invalid(input.auth.kind === 'bearer' ? 'Give the token.' : 'Give the user name and the password.');
        values[KEYS.kind] = input.auth.kind;
        values[KEYS.sealed] = this.secrets.seal(JSON.stringify(input.auth));
      }
    }
    this.store.setSettings(values);
    return this.read();
  }

  /**
   * The credentials to send to `uri`: the saved ones when it is the saved remote (they are
   * never sent anywhere else), else MLflow's environment variables.
   */
  auth(uri: string): RemoteAuth {
    const sealed = this.store.setting(KEYS.sealed);
    if (sealed !== null && this.secrets && this.store.setting(KEYS.uri) === uri) {
      try {
        return JSON.parse(this.secrets.open(sealed)) as RemoteAuth;
      } catch {
        throw new AppError('UNAUTHENTICATED', 'The saved credentials for the remote can no longer be decrypted (the system keychain changed); enter them again in Settings.');
      }
    }
    return authFromEnv(this.env) ?? { kind: 'none' };
  }

  /** The remote a call names, else the configured one. */
  remote(given: string | undefined): string {
    if (given !== undefined && given.trim() !== '') return normalizeRemoteUri(given);
    const saved = this.store.setting(KEYS.uri);
    if (saved) return saved;
    throw invalid('No remote MLflow server is set: pass --remote URL, or set the remote tracking URI in Settings.');
  }
}
