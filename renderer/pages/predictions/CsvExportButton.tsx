import { useState } from 'react';
import { Alert, Button, Stack } from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import { api } from '../../api/client';
import { chooseExportPath } from '../../shell/desktop/native-dialogs';
import { exportFileName, exportHref, saveWithDialog, type CsvExport, type DesktopExportApi } from './csv-export';

const desktop: DesktopExportApi = {
  chooseExportPath,
  predictionsExportCsv: (input) => api.predictions.exportCsv(input),
  auditExportCsv: (input) => api.audit.exportCsv(input),
};

/** A CSV export: a download link in a browser, the save dialog in the desktop app (which says what it wrote, or why not). */
export function CsvExportButton(props: { what: CsvExport; nativeDialogs: boolean; label: string; testId: string; size?: 'small' | 'medium' }) {
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  if (!props.nativeDialogs) {
    return (
      <Button variant="outlined" size={props.size} startIcon={<DownloadIcon />} href={exportHref(props.what)} download={exportFileName(props.what)} data-testid={props.testId}>
        {props.label}
      </Button>
    );
  }
  const save = (): void => {
    setBusy(true);
    saveWithDialog(props.what, desktop).then(
      (text) => setOutcome(text ? { ok: true, text } : null),
      (e: unknown) => setOutcome({ ok: false, text: `Not saved: ${(e as Error).message}` }),
    ).finally(() => setBusy(false));
  };
  return (
    <Stack spacing={1}>
      <Button variant="outlined" size={props.size} startIcon={<DownloadIcon />} onClick={save} disabled={busy} data-testid={props.testId}>
        {props.label}…
      </Button>
      {outcome && (
        <Alert severity={outcome.ok ? 'success' : 'error'} onClose={() => setOutcome(null)}>
          {outcome.text}
        </Alert>
      )}
    </Stack>
  );
}
