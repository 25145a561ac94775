import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, CardContent, MenuItem, Stack, TextField, Typography } from '@mui/material';
import type { Input, Output } from '../../../main/contract';
import { api } from '../../api/client';
import { InfoRow } from './InfoRow';

type Settings = Output<'sync.getSettings'>;
type Status = Output<'sync.status'>;
type AuthKind = Settings['authKind'];

const SOURCE_WORDS: Record<Settings['credentialsSource'], string> = {
  saved: 'saved, sealed by the system keychain',
  environment: 'from MLFLOW_TRACKING_TOKEN / MLFLOW_TRACKING_USERNAME and PASSWORD',
  none: 'none',
};

function statusLine(s: Status): string {
  const when = s.lastPushTime ? new Date(s.lastPushTime).toLocaleString() : 'never';
  return `Runs ${s.runs.synced} synced, ${s.runs.pending} pending, ${s.runs.failed} failed · models ${s.models.synced} synced, ${s.models.pending} pending, ${s.models.failed} failed · last push ${when}`;
}

async function fetchSync(): Promise<{ settings: Settings; status: Status }> {
  return { settings: await api.sync.getSettings(), status: await api.sync.status({}) };
}

/**
 * The remote MLflow server: its address, credentials (kept sealed; never shown again),
 * the automatic interval, a connection test, a push now, and the overall status.
 */
export function SyncCard() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [uri, setUri] = useState('');
  const [kind, setKind] = useState<AuthKind>('none');
  const [token, setToken] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [auto, setAuto] = useState('');
  const [notice, setNotice] = useState<{ severity: 'success' | 'error' | 'info'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  // Each load is numbered and only the newest one started is shown: the first load, slow on
  // a busy machine, must not land after an action's reload and undo what was just saved.
  const loads = useRef(0);
  const load = useCallback(async (): Promise<{ settings: Settings; status: Status } | null> => {
    const ticket = ++loads.current;
    const loaded = await fetchSync();
    return ticket === loads.current ? loaded : null;
  }, []);
  const apply = useCallback((loaded: { settings: Settings; status: Status } | null) => {
    if (!loaded) return;
    const s = loaded.settings;
    setSettings(s);
    setUri(s.remoteUri ?? '');
    setKind(s.credentialsSource === 'saved' ? s.authKind : 'none');
    setAuto(s.autoMinutes === null ? '' : String(s.autoMinutes));
    setStatus(loaded.status);
  }, []);
  useEffect(() => {
    load().then(apply, (e: Error) => setNotice({ severity: 'error', text: e.message }));
  }, [load, apply]);

  const act = async (work: () => Promise<{ severity: 'success' | 'error' | 'info'; text: string }>) => {
    setBusy(true);
    setNotice(null);
    try {
      setNotice(await work());
    } catch (e) {
      setNotice({ severity: 'error', text: (e as Error).message });
    } finally {
      setBusy(false);
    }
    // The refresh after an action does not hold the buttons: on a busy server it can lag.
    try {
      apply(await load());
    } catch (e) {
      setNotice({ severity: 'error', text: (e as Error).message });
    }
  };

  const save = () =>
    act(async () => {
      const typed = kind === 'bearer' ? token !== '' : kind === 'basic' ? username !== '' && password !== '' : settings?.credentialsSource === 'saved';
      const auth: Input<'sync.saveSettings'>['auth'] = !typed ? undefined : kind === 'bearer' ? { kind, token } : kind === 'basic' ? { kind, username, password } : { kind: 'none' };
      setSettings(await api.sync.saveSettings({ remoteUri: uri.trim() || null, auth, autoMinutes: auto.trim() ? Number(auto) : null }));
      setToken('');
      setPassword('');
      return { severity: 'success', text: 'Sync settings saved.' };
    });
  const test = () =>
    act(async () => {
      const r = await api.sync.testConnection({});
      return { severity: r.reachable && r.authenticated ? 'success' : 'error', text: r.message };
    });
  const pushNow = () =>
    act(async () => {
      const r = await api.sync.push({});
      if (r.stoppedBy) return { severity: 'error', text: `${r.stoppedBy.message} [${r.stoppedBy.code}]` };
      const failed = r.failures.length ? `; ${r.failures.length} failed: ${r.failures[0]!.message}` : '';
      return { severity: r.ok ? 'success' : 'error', text: `Pushed ${r.runs.pushed} runs (${r.metricPoints} metric points, ${r.artifacts.uploaded} files) and ${r.models.pushed} models${failed}.` };
    });

  return (
    <Card variant="outlined" data-testid="sync-card">
      <CardContent>
        <Typography variant="h6" gutterBottom>
          Remote MLflow server
        </Typography>
        <Stack spacing={2}>
          {status?.remote && (
            <Typography variant="body2" data-testid="sync-overall">
              {statusLine(status)}
            </Typography>
          )}
          <TextField label="Tracking URI" placeholder="https://mlflow.lab.example:5000" value={uri} onChange={(e) => setUri(e.target.value)} size="small" slotProps={{ htmlInput: { 'data-testid': 'sync-uri' } }} />
          {settings?.canSaveCredentials ? (
            <Stack direction="row" spacing={2}>
              <TextField select label="Authentication" value={kind} onChange={(e) => setKind(e.target.value as AuthKind)} size="small" sx={{ minWidth: 160 }}>
                <MenuItem value="none">None</MenuItem>
                <MenuItem value="bearer">Bearer token</MenuItem>
                <MenuItem value="basic">User and password</MenuItem>
              </TextField>
              {kind === 'bearer' && <TextField label="Token" type="password" value={token} placeholder={settings.credentialsSource === 'saved' ? 'saved (type to replace)' : ''} onChange={(e) => setToken(e.target.value)} size="small" autoComplete="off" />}
              {kind === 'basic' && <TextField label="User" value={username} onChange={(e) => setUsername(e.target.value)} size="small" autoComplete="off" />}
              {kind === 'basic' && <TextField label="Password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} size="small" autoComplete="off" />}
            </Stack>
          ) : (
            <Typography variant="body2" color="text.secondary">
              This server cannot keep credentials safely: set MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD, in the environment of neuroops serve.
            </Typography>
          )}
          {settings && <InfoRow label="Credentials" value={SOURCE_WORDS[settings.credentialsSource]} testId="sync-credentials" />}
          <TextField label="Push automatically every (minutes)" placeholder="off" value={auto} onChange={(e) => setAuto(e.target.value.replace(/\D/g, ''))} size="small" sx={{ maxWidth: 280 }} slotProps={{ htmlInput: { 'data-testid': 'sync-auto', inputMode: 'numeric' } }} />
          <Stack direction="row" spacing={1}>
            <Button variant="contained" onClick={() => void save()} disabled={busy} data-testid="sync-save">
              Save
            </Button>
            <Button onClick={() => void test()} disabled={busy || !settings?.remoteUri} data-testid="sync-test">
              Test connection
            </Button>
            <Button onClick={() => void pushNow()} disabled={busy || !settings?.remoteUri} data-testid="sync-push">
              Push now
            </Button>
          </Stack>
          {notice && (
            <Alert severity={notice.severity} data-testid="sync-notice">
              {notice.text}
            </Alert>
          )}
          {status?.failures.slice(0, 5).map((f) => (
            <Alert key={`${f.kind}:${f.id}`} severity="warning">
              {`${f.kind} ${f.id}: ${f.message} [${f.code}]`}
            </Alert>
          ))}
        </Stack>
      </CardContent>
    </Card>
  );
}
