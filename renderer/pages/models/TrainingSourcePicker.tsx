import { Button, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { chooseTrainingPath, type SourceKind } from './training-source';

export interface TrainingSourceValue {
  kind: SourceKind;
  /** Desktop app: the folder, zip or CSV on this computer. */
  path: string;
  /** Browser: the zip or CSV to upload. */
  file: File | null;
}

/**
 * What to train on: the demo, a BIDS dataset (folder or zip) or a feature table
 * (CSV). The desktop app picks a path with the native dialog; a browser picks a
 * file, which is uploaded when training starts.
 */
export function TrainingSourcePicker(props: { nativeDialogs: boolean; value: TrainingSourceValue; onChange(value: TrainingSourceValue): void }) {
  const { value, onChange } = props;
  const choose = async (kind: 'folder' | 'zip' | 'csv'): Promise<void> => {
    const path = await chooseTrainingPath(kind);
    if (path) onChange({ ...value, path });
  };
  const accept = value.kind === 'features' ? '.csv,text/csv' : '.zip,application/zip';
  return (
    <>
      <TextField select label="Data" value={value.kind} onChange={(e) => onChange({ kind: e.target.value as SourceKind, path: '', file: null })} sx={{ minWidth: 240 }}>
        <MenuItem value="demo">Demo dataset (48 subjects)</MenuItem>
        <MenuItem value="dataset">{props.nativeDialogs ? 'BIDS dataset (folder or zip)' : 'BIDS dataset (zip)'}</MenuItem>
        <MenuItem value="features">Feature table (CSV)</MenuItem>
      </TextField>
      {value.kind !== 'demo' && props.nativeDialogs && (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <TextField label="Path on this computer" value={value.path} onChange={(e) => onChange({ ...value, path: e.target.value })} sx={{ minWidth: 320 }} />
          {value.kind === 'dataset' ? (
            <>
              <Button onClick={() => void choose('folder')}>Choose folder…</Button>
              <Button onClick={() => void choose('zip')}>Choose zip…</Button>
            </>
          ) : (
            <Button onClick={() => void choose('csv')}>Choose CSV…</Button>
          )}
        </Stack>
      )}
      {value.kind !== 'demo' && !props.nativeDialogs && (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <Button variant="outlined" component="label">
            {value.kind === 'features' ? 'Choose a CSV…' : 'Choose a zip…'}
            <input
              hidden
              type="file"
              accept={accept}
              aria-label={value.kind === 'features' ? 'Feature table to upload' : 'Zipped BIDS dataset to upload'}
              data-testid="training-file"
              onChange={(e) => onChange({ ...value, file: e.target.files?.[0] ?? null })}
            />
          </Button>
          <Typography variant="body2" data-testid="training-file-name">
            {value.file ? value.file.name : 'no file chosen'}
          </Typography>
        </Stack>
      )}
    </>
  );
}
