import { useRef, useState, type DragEvent } from 'react';
import { Alert, Box, Button, Typography } from '@mui/material';
import UploadIcon from '@mui/icons-material/UploadFile';
import { importFile, importWithDialog } from './bundle-transfer';

/**
 * Import a bundle by dropping its zip here or picking it. In the desktop app the picker is
 * the native dialog; in a browser the file is uploaded. Either way the core verifies the
 * checksums and opens the model before registering anything.
 */
export function BundleImport(props: { nativeDialogs: boolean; onImported(): void }) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);

  const run = async (work: () => Promise<{ name: string; version: number } | null>): Promise<void> => {
    setBusy(true);
    setOutcome(null);
    try {
      const imported = await work();
      if (imported) {
        setOutcome({ severity: 'success', text: `Imported ${imported.name} as version ${imported.version}.` });
        props.onImported();
      }
    } catch (e) {
      setOutcome({ severity: 'error', text: `The bundle was refused: ${(e as Error).message}` });
    } finally {
      setBusy(false);
    }
  };
  const onDrop = (event: DragEvent): void => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file) void run(() => importFile(file, props.nativeDialogs));
  };
  const pick = (): void => {
    if (props.nativeDialogs) void run(importWithDialog);
    else input.current?.click();
  };

  return (
    <Box
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      data-testid="bundle-drop-zone"
      sx={{ border: 2, borderStyle: 'dashed', borderColor: over ? 'primary.main' : 'divider', borderRadius: 1, p: 2, display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 2 }}
    >
      <UploadIcon color={over ? 'primary' : 'disabled'} />
      <Typography sx={{ flexGrow: 1 }} color="text.secondary">
        Drop a model bundle (.zip) here to import it as a new version.
      </Typography>
      <Button variant="outlined" onClick={pick} disabled={busy}>
        {busy ? 'Checking…' : 'Choose a bundle'}
      </Button>
      <input
        ref={input}
        type="file"
        accept=".zip,application/zip"
        hidden
        data-testid="bundle-file-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void run(() => importFile(file, props.nativeDialogs));
        }}
      />
      {outcome && (
        <Alert severity={outcome.severity} sx={{ flexBasis: '100%' }} data-testid="import-outcome">
          {outcome.text}
        </Alert>
      )}
    </Box>
  );
}
