import { useState } from 'react';
import { Alert, Button, Chip, Stack, Typography } from '@mui/material';
import { SyncStatusChip } from '../../shell/SyncStatusChip';
import BackIcon from '@mui/icons-material/ArrowBack';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import UndoIcon from '@mui/icons-material/Undo';
import { api } from '../../api/client';
import { Section } from '../../shell/Section';
import { AliasDialog } from './AliasDialog';
import { DeleteModelDialog } from './DeleteModelDialog';
import { exportVersion } from './bundle-transfer';
import { GateEditor } from './GateEditor';
import { HistoryTable } from './HistoryTable';
import type { ModelDetail } from './models-store';
import { PromoteDialog } from './PromoteDialog';
import { RollbackDialog } from './RollbackDialog';
import { VersionsTable } from './VersionsTable';

/** One registered model: its versions with promote and export, rollback, deletion, and the transition history. */
export function ModelView(props: { detail: ModelDetail; onBack(): void; onChanged(): void; onDeleted(): void }) {
  const { model, versions, history } = props.detail;
  const production = model.aliases.find((a) => a.alias === 'production')?.version ?? null;
  const [promoting, setPromoting] = useState<number | null>(null);
  const [aliasing, setAliasing] = useState<number | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [rollingBack, setRollingBack] = useState(false);
  const [notice, setNotice] = useState<{ severity: 'success' | 'error' | 'info'; text: string } | null>(null);

  const act = async (work: () => Promise<string | null>): Promise<void> => {
    setNotice(null);
    try {
      const text = await work();
      if (text) setNotice({ severity: 'success', text });
    } catch (e) {
      setNotice({ severity: 'error', text: (e as Error).message });
    }
  };
  const removeAlias = (alias: string) =>
    act(async () => {
      await api.registry.deleteAlias({ name: model.name, alias });
      props.onChanged();
      return `Alias @${alias} removed.`;
    });
  const exportOne = (version: number) =>
    act(async () => {
      const file = await exportVersion(model.name, version);
      return file ? `Exported v${version} to ${file}.` : null;
    });

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Button startIcon={<BackIcon />} onClick={props.onBack}>
          All models
        </Button>
        <Typography variant="h6" component="h2" sx={{ flexGrow: 1 }} data-testid="model-title">
          {model.name} {production !== null && <Chip size="small" color="success" label={`production v${production}`} />} <SyncStatusChip model={model.name} refreshKey={model} />
        </Typography>
        <Button variant="outlined" color="warning" startIcon={<UndoIcon />} disabled={production === null} onClick={() => setRollingBack(true)} data-testid="rollback">
          Roll back
        </Button>
        <Button variant="outlined" color="error" startIcon={<DeleteIcon />} onClick={() => setDeleting(true)} data-testid="delete-model">
          Delete
        </Button>
      </Stack>
      {model.description && <Typography color="text.secondary">{model.description}</Typography>}
      {notice && (
        <Alert severity={notice.severity} onClose={() => setNotice(null)} data-testid="model-notice">
          {notice.text}
        </Alert>
      )}
      <Section title="Versions">
        <VersionsTable
          versions={versions}
          onPromote={setPromoting}
          onExport={(v) => void exportOne(v)}
          onAddAlias={setAliasing}
          onRemoveAlias={(alias) => void removeAlias(alias)}
        />
      </Section>
      <Section title="Promotion gate">
        <GateEditor key={`${model.name}:${model.gate?.metric ?? ''}:${model.gate?.direction ?? ''}`} model={model} onChanged={props.onChanged} />
      </Section>
      <Section title="History">
        <HistoryTable history={history} />
      </Section>
      {aliasing !== null && (
        <AliasDialog
          name={model.name}
          version={aliasing}
          onClose={(done) => {
            setAliasing(null);
            if (done) props.onChanged();
          }}
        />
      )}
      {rollingBack && production !== null && (
        <RollbackDialog
          name={model.name}
          production={production}
          onClose={(version) => {
            setRollingBack(false);
            if (version !== null) {
              setNotice({ severity: 'success', text: `Rolled back: v${version} is in production again.` });
              props.onChanged();
            }
          }}
        />
      )}
      {deleting && (
        <DeleteModelDialog
          name={model.name}
          versionCount={versions.length}
          onClose={(deleted) => {
            setDeleting(false);
            if (deleted) props.onDeleted();
          }}
        />
      )}
      {promoting !== null && (
        <PromoteDialog
          name={model.name}
          version={promoting}
          onClose={(done) => {
            setPromoting(null);
            if (done) {
              setNotice({ severity: 'success', text: `v${promoting} is now in production.` });
              props.onChanged();
            }
          }}
        />
      )}
    </Stack>
  );
}
