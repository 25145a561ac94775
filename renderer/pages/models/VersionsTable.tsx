import { useEffect, useState } from 'react';
import { Button, Chip, Link, Stack, Table, TableBody, TableCell, TableHead, TableRow, Tooltip } from '@mui/material';
import { api } from '../../api/client';
import { useRoute } from '../../store/route';
import { formatTime } from './format';
import type { ModelVersion } from './models-store';

const STAGE_COLOR = { Production: 'success', Staging: 'info', Archived: 'default', None: 'default' } as const;

/**
 * Run ids are time-ordered, so runs of one day share their first characters: the link
 * shows the run's name and the id's last 8 characters, which tell runs apart.
 */
const runIdTail = (runId: string): string => runId.slice(-8);

/** The names of the runs versions came from, fetched once per run; a run that is gone has none. */
function useRunNames(runIds: Array<string | null>): Record<string, string> {
  const [names, setNames] = useState<Record<string, string>>({});
  const wanted = [...new Set(runIds.filter((id): id is string => id !== null))].sort().join(',');
  useEffect(() => {
    let live = true;
    const ids = wanted ? wanted.split(',') : [];
    void Promise.all(ids.map((runId) => api.tracking.getRun({ runId }).then((r) => [runId, r.info.runName] as const, () => null))).then(
      (pairs) => live && setNames(Object.fromEntries(pairs.filter((p) => p !== null))),
    );
    return () => {
      live = false;
    };
  }, [wanted]);
  return names;
}

function RunLink(props: { runId: string | null; runName: string | undefined }) {
  const navigate = useRoute((s) => s.navigate);
  if (!props.runId) return <>—</>;
  return (
    <Tooltip title={`Open the training run ${props.runId}`}>
      <Link component="button" onClick={() => navigate(`/experiments/runs/${encodeURIComponent(props.runId!)}`)} data-testid="version-run">
        {props.runName && `${props.runName} · `}
        <span style={{ fontFamily: 'monospace' }}>…{runIdTail(props.runId)}</span>
      </Link>
    </Tooltip>
  );
}

/** The spec hash, shortened: versions showing the same one were trained on identically preprocessed data. */
function SpecHash(props: { version: ModelVersion }) {
  const { specHash, signature } = props.version;
  if (!specHash) return <>—</>;
  const inputs = signature ? (JSON.parse(signature.inputs) as Array<{ name?: string; 'tensor-spec'?: { shape: number[] } }>) : [];
  const shapes = inputs.map((i) => `${i.name ?? 'input'} [${i['tensor-spec']?.shape.join(', ') ?? '?'}]`).join(', ');
  return (
    <Tooltip title={`spec hash ${specHash}${shapes ? `; inputs ${shapes}` : ''}`}>
      <span style={{ fontFamily: 'monospace' }}>{specHash.slice(0, 8)}</span>
    </Tooltip>
  );
}

/** A model's versions, newest first: stage and alias chips (each linking to the run), status, and actions. */
export function VersionsTable(props: {
  versions: ModelVersion[];
  onPromote(version: number): void;
  onExport(version: number): void;
  onAddAlias(version: number): void;
  onRemoveAlias(alias: string): void;
}) {
  const navigate = useRoute((s) => s.navigate);
  const runNames = useRunNames(props.versions.map((v) => v.runId));
  const toRun = (v: ModelVersion) => (v.runId ? () => navigate(`/experiments/runs/${encodeURIComponent(v.runId!)}`) : undefined);
  return (
    <Table size="small" aria-label="model versions">
      <TableHead>
        <TableRow>
          <TableCell>Version</TableCell>
          <TableCell>Stage and aliases</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>Run</TableCell>
          <TableCell>Preprocessing</TableCell>
          <TableCell>Created</TableCell>
          <TableCell align="right">Actions</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.versions.map((v) => (
          <TableRow key={v.version} data-testid={`version-row-${v.version}`}>
            <TableCell>
              v{v.version}
              {v.description && <div style={{ opacity: 0.7, fontSize: '0.85em' }}>{v.description}</div>}
            </TableCell>
            <TableCell>
              <Stack direction="row" spacing={0.5} sx={{ flexWrap: 'wrap' }}>
                <Chip size="small" label={v.currentStage} color={STAGE_COLOR[v.currentStage]} variant={v.currentStage === 'None' ? 'outlined' : 'filled'} onClick={toRun(v)} data-testid={`stage-${v.version}`} />
                {v.aliases.map((alias) => (
                  <Chip
                    key={alias}
                    size="small"
                    variant="outlined"
                    color="primary"
                    label={`@${alias}`}
                    onClick={toRun(v)}
                    // The production alias moves only by promotion and rollback, which record why.
                    onDelete={alias === 'production' ? undefined : () => props.onRemoveAlias(alias)}
                  />
                ))}
                <Chip size="small" variant="outlined" label="+ alias" onClick={() => props.onAddAlias(v.version)} data-testid={`add-alias-${v.version}`} />
              </Stack>
            </TableCell>
            <TableCell>
              {v.status === 'READY' ? 'ready' : <Tooltip title={v.statusMessage}><Chip size="small" color="error" label="registration failed" /></Tooltip>}
            </TableCell>
            <TableCell>
              <RunLink runId={v.runId} runName={v.runId ? runNames[v.runId] : undefined} />
            </TableCell>
            <TableCell>
              <SpecHash version={v} />
            </TableCell>
            <TableCell>{formatTime(v.creationTimestamp)}</TableCell>
            <TableCell align="right">
              <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end' }}>
                <Button size="small" variant="outlined" disabled={v.aliases.includes('production') || v.status !== 'READY'} onClick={() => props.onPromote(v.version)} data-testid={`promote-${v.version}`}>
                  Promote
                </Button>
                <Button size="small" disabled={!v.runId} onClick={() => props.onExport(v.version)} data-testid={`export-${v.version}`}>
                  Export
                </Button>
              </Stack>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
