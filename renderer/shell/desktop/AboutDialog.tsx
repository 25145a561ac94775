import { useEffect, useState } from 'react';
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import FolderOpenIcon from '@mui/icons-material/FolderOpen';
import type { Output } from '../../../main/contract';
import { api } from '../../api/client';

type About = Output<'system.about'>;

/** The About window: what runs here, in which versions, and where the data is. */
export function AboutDialog(props: { onClose(): void }) {
  const [about, setAbout] = useState<About | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [nativeDialogs, setNativeDialogs] = useState(false);
  useEffect(() => {
    api.system.about().then(setAbout, (e: Error) => setError(e.message));
    api.system.info().then((info) => setNativeDialogs(info.nativeDialogs), () => undefined);
  }, []);
  const openFolder = (): void => {
    api.shell.openDataFolder().catch((e: Error) => setError(e.message));
  };
  const rows: Array<[string, string]> = about
    ? [
        [about.name, about.version],
        ['Electron', about.versions.electron ?? 'not running in Electron'],
        ['Chromium', about.versions.chromium ?? 'your browser'],
        ['Node.js', about.versions.node],
        ['onnxruntime', about.versions.onnxruntime ?? 'not installed: models cannot be opened'],
        ['Platform', `${about.platform} ${about.arch}`],
      ]
    : [];
  return (
    <Dialog open onClose={props.onClose} aria-labelledby="about-title" maxWidth="sm" fullWidth>
      <DialogTitle id="about-title">About NeuroOps</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="text.secondary" gutterBottom>
          Run tracking, model registry, pipelines, EEG processing and predictions on one workstation.
        </Typography>
        {error && <Alert severity="error">{error}</Alert>}
        <Table size="small" aria-label="versions">
          <TableBody>
            {rows.map(([name, value]) => (
              <TableRow key={name}>
                <TableCell component="th" scope="row">{name}</TableCell>
                <TableCell data-testid={`about-${name.toLowerCase()}`}>{value}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        {about && (
          <Box sx={{ mt: 2 }}>
            <Typography variant="subtitle2">Data folder</Typography>
            <Typography variant="body2" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }} data-testid="about-data-folder">
              {about.dataDir}
            </Typography>
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        {nativeDialogs && (
          <Button startIcon={<FolderOpenIcon />} onClick={openFolder}>
            Open data folder
          </Button>
        )}
        <Button onClick={props.onClose} variant="contained">
          Close
        </Button>
      </DialogActions>
    </Dialog>
  );
}
