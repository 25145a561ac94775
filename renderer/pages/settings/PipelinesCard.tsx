import { useEffect, useState } from 'react';
import { Alert, Card, CardContent, Stack, Typography } from '@mui/material';
import type { Output } from '../../../main/contract';
import type { SettingSource } from '../../../main/contract/executor';
import { api } from '../../api/client';
import { InfoRow } from './InfoRow';

type Config = Output<'executor.config'>;

/** How each setting is set, to say where its value came from ("from --workers"). */
const ORIGINS: Record<keyof Config['sources'], { flag?: string; env?: string; fallback: string }> = {
  poolSize: { flag: '--workers', env: 'NEUROOPS_WORKERS', fallback: 'built-in default: cores − 1' },
  tagLimits: { flag: '--tag-limit', env: 'NEUROOPS_TAG_LIMITS', fallback: 'built-in default: no limits' },
  cancelGraceMs: { fallback: 'built-in' },
};

function origin(config: Config, setting: keyof Config['sources']): string {
  const source: SettingSource = config.sources[setting];
  const names = ORIGINS[setting];
  if (source === 'flag' && names.flag) return `from ${names.flag}`;
  if (source === 'env' && names.env) return `from ${names.env}`;
  return names.fallback;
}

function describeLimits(limits: Record<string, number>): string {
  const entries = Object.entries(limits);
  return entries.length === 0 ? 'none' : entries.map(([tag, n]) => `${tag}=${n}`).join(', ');
}

/**
 * The executor's settings, read-only: they are fixed when NeuroOps starts, so the card says
 * how to start it differently rather than offering controls that could not take effect.
 */
export function PipelinesCard(props: { host: 'electron' | 'headless' | undefined }) {
  const [config, setConfig] = useState<Config | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.executor.config().then(setConfig, (e: Error) => setError(e.message));
  }, []);
  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="h6" gutterBottom>
          Pipelines
        </Typography>
        {error && <Alert severity="error">{error}</Alert>}
        {config && (
          <Stack spacing={1} data-testid="executor-config">
            <InfoRow
              testId="executor-pool-size"
              label="Worker threads"
              value={String(config.poolSize)}
              note={origin(config, 'poolSize')}
            />
            <InfoRow
              testId="executor-tag-limits"
              label="Tag limits"
              value={describeLimits(config.tagLimits)}
              note={origin(config, 'tagLimits')}
            />
            <InfoRow label="Cancel grace" value={`${config.cancelGraceMs / 1000} s`} note={origin(config, 'cancelGraceMs')} />
            <Typography variant="body2" color="text.secondary" data-testid="executor-config-help">
              {props.host === 'electron'
                ? 'To change them, set NEUROOPS_WORKERS=N and NEUROOPS_TAG_LIMITS="gpu=1,io=4" in the environment the app starts from, then restart it.'
                : 'To change them, restart with "neuroops serve --workers N --tag-limit TAG=N" (one --tag-limit per tag), or set NEUROOPS_WORKERS and NEUROOPS_TAG_LIMITS="gpu=1,io=4"; flags win over the variables.'}
            </Typography>
          </Stack>
        )}
      </CardContent>
    </Card>
  );
}
