import { useRef, useState, type DragEvent } from 'react';
import { Box, Button, CircularProgress, Stack, Typography } from '@mui/material';
import UploadIcon from '@mui/icons-material/UploadFile';
import FolderIcon from '@mui/icons-material/FolderOpen';
import { chooseDatasetFolder, chooseDatasetZip } from '../../shell/desktop/native-dialogs';

const carriesFiles = (e: DragEvent): boolean => Array.from(e.dataTransfer?.types ?? []).includes('Files');

/**
 * Where a BIDS dataset comes in: dropped (a zip, or a folder in the desktop app), picked
 * as a zip, or chosen in the native dialogs of the desktop app. A drop taken here is marked
 * (preventDefault), so the window's own drop handling, which opens datasets and bundles
 * dropped anywhere else, leaves it alone and only hides its overlay.
 */
export function DatasetDropZone(props: { busy: string | null; nativeDialogs: boolean; onFile(file: File): void; onPath(path: string): void }) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);

  const onDrop = (e: DragEvent): void => {
    if (!carriesFiles(e)) return;
    e.preventDefault();
    setOver(false);
    const files = Array.from(e.dataTransfer.files);
    if (files.length !== 1) {
      setRefusal(files.length === 0 ? 'Nothing was dropped that can be read; drop one BIDS dataset.' : `${files.length} items were dropped; drop one dataset (a zip or a folder) at a time.`);
      return;
    }
    setRefusal(null);
    props.onFile(files[0]!);
  };
  const choose = async (pick: () => Promise<string | null>): Promise<void> => {
    try {
      const path = await pick();
      if (path) props.onPath(path);
    } catch (error) {
      setRefusal((error as Error).message);
    }
  };

  return (
    <Box
      data-testid="dataset-drop-zone"
      aria-label="Drop zone for a BIDS dataset"
      role="group"
      onDragEnter={(e) => carriesFiles(e) && setOver(true)}
      onDragOver={(e) => carriesFiles(e) && e.preventDefault()}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      sx={{
        border: 2,
        borderStyle: 'dashed',
        borderColor: over ? 'primary.main' : 'divider',
        borderRadius: 1,
        bgcolor: over ? 'action.hover' : 'transparent',
        p: 3,
        textAlign: 'center',
      }}
    >
      {props.busy ? (
        <Stack direction="row" spacing={2} sx={{ justifyContent: 'center', alignItems: 'center' }}>
          <CircularProgress size={24} aria-hidden />
          <Typography role="status" data-testid="intake-busy">
            {props.busy}
          </Typography>
        </Stack>
      ) : (
        <Stack spacing={1.5} sx={{ alignItems: 'center' }}>
          <Typography>{props.nativeDialogs ? 'Drop a BIDS dataset here: its folder, or a .zip of it.' : 'Drop a BIDS dataset here, as a .zip of its folder.'}</Typography>
          <Stack direction="row" spacing={1}>
            <Button variant="outlined" startIcon={<UploadIcon />} onClick={() => (props.nativeDialogs ? void choose(chooseDatasetZip) : input.current?.click())}>
              Choose a zip…
            </Button>
            {props.nativeDialogs && (
              <Button variant="outlined" startIcon={<FolderIcon />} onClick={() => void choose(chooseDatasetFolder)}>
                Choose a folder…
              </Button>
            )}
          </Stack>
          <input
            ref={input}
            type="file"
            accept=".zip,application/zip"
            hidden
            aria-label="BIDS dataset zip"
            data-testid="dataset-file-input"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) props.onFile(file);
            }}
          />
        </Stack>
      )}
      {refusal && (
        <Typography color="error" role="alert" sx={{ mt: 1 }}>
          {refusal}
        </Typography>
      )}
    </Box>
  );
}
