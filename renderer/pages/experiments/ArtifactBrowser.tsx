import { useEffect, useState } from 'react';
import { Alert, Box, Breadcrumbs, Button, Link, Stack, List, ListItemButton, ListItemIcon, ListItemText, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import FolderIcon from '@mui/icons-material/Folder';
import FileIcon from '@mui/icons-material/InsertDriveFile';
import { api } from '../../api/client';
import { useRoute } from '../../store/route';
import { RegisterModelDialog } from './RegisterModelDialog';
import { downloadArtifact } from './artifact-download';
import { previewOf, type Preview } from './artifact-preview';
import type { ArtifactContent, ArtifactEntry } from './types';

const PREVIEW_BYTES = 4 * 1024 * 1024;
const baseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

function PreviewPane(props: { runId: string; content: ArtifactContent; preview: Preview }) {
  const { runId, content, preview } = props;
  const note = content.truncated ? ` (first ${PREVIEW_BYTES / 1024 / 1024} MiB shown)` : '';
  return (
    <Box data-testid="artifact-preview" data-kind={preview.kind} sx={{ minWidth: 0 }}>
      <Typography variant="subtitle2">
        {content.path} · {content.size.toLocaleString()} bytes{note} ·{' '}
        <Link component="button" onClick={() => void downloadArtifact(runId, content.path, content.size, content.downloadPath)} data-testid="artifact-download">
          download
        </Link>
      </Typography>
      {preview.kind === 'image' && <Box component="img" src={preview.src} alt={content.path} sx={{ maxWidth: '100%', mt: 1 }} />}
      {(preview.kind === 'json' || preview.kind === 'text') && (
        <Box component="pre" sx={{ mt: 1, p: 1, bgcolor: 'action.hover', overflow: 'auto', maxHeight: 480, fontSize: 12 }}>{preview.text}</Box>
      )}
      {preview.kind === 'table' && (
        <Box sx={{ overflow: 'auto', maxHeight: 480, mt: 1 }}>
          <Table size="small">
            <TableHead>
              <TableRow>{preview.header.map((h, i) => <TableCell key={i}>{h}</TableCell>)}</TableRow>
            </TableHead>
            <TableBody>
              {preview.rows.map((row, r) => (
                <TableRow key={r}>{row.map((cell, c) => <TableCell key={c}>{cell}</TableCell>)}</TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
      {preview.kind === 'binary' && <Typography color="text.secondary" sx={{ mt: 1 }}>No preview for this kind of file.</Typography>}
    </Box>
  );
}

/** A run's artifacts: folders to walk into, a preview of images, JSON, CSV and text, and a folder registered as a model. */
export function ArtifactBrowser(props: { runId: string }) {
  const navigate = useRoute((s) => s.navigate);
  const [registering, setRegistering] = useState(false);
  const [registered, setRegistered] = useState<{ name: string; version: number } | null>(null);
  const [folder, setFolder] = useState('');
  const [entries, setEntries] = useState<ArtifactEntry[]>([]);
  const [open, setOpen] = useState<{ content: ArtifactContent; preview: Preview } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.tracking
      .listArtifacts({ runId: props.runId, path: folder })
      .then((r) => live && (setEntries(r.entries), setError(null)))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [props.runId, folder]);

  const show = async (path: string): Promise<void> => {
    try {
      const content = await api.tracking.readArtifact({ runId: props.runId, path, maxBytes: PREVIEW_BYTES });
      setOpen({ content, preview: previewOf(content) });
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const crumbs = folder === '' ? [] : folder.split('/');

  return (
    <Box>
      {error && <Alert severity="error">{error}</Alert>}
      {registered && (
        <Alert
          severity="success"
          sx={{ mb: 1 }}
          data-testid="registered-model"
          action={<Button color="inherit" onClick={() => navigate(`/models/${encodeURIComponent(registered.name)}`)}>Open model</Button>}
        >
          Registered as {registered.name} version {registered.version}.
        </Alert>
      )}
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1 }}>
        <Breadcrumbs sx={{ flexGrow: 1 }}>
          <Link component="button" onClick={() => setFolder('')}>artifacts</Link>
          {crumbs.map((part, i) => (
            <Link key={i} component="button" onClick={() => setFolder(crumbs.slice(0, i + 1).join('/'))}>{part}</Link>
          ))}
        </Breadcrumbs>
        <Button
          variant="outlined"
          size="small"
          disabled={folder === ''}
          title={folder === '' ? "Open the run's model folder to register it" : undefined}
          onClick={() => setRegistering(true)}
          data-testid="register-model"
        >
          Register this folder as a model
        </Button>
      </Stack>
      {registering && (
        <RegisterModelDialog
          runId={props.runId}
          folder={folder}
          onClose={(version) => {
            setRegistering(false);
            if (version) setRegistered({ name: version.name, version: version.version });
          }}
        />
      )}
      <Box sx={{ display: 'grid', gridTemplateColumns: 'minmax(200px, 280px) 1fr', gap: 2 }}>
        <List dense aria-label="artifacts" sx={{ border: 1, borderColor: 'divider', borderRadius: 1 }}>
          {entries.length === 0 && <ListItemText sx={{ px: 2 }} secondary="No artifacts here." />}
          {entries.map((entry) => (
            <ListItemButton
              key={entry.path}
              data-testid="artifact-entry"
              data-path={entry.path}
              selected={open?.content.path === entry.path}
              onClick={() => (entry.isDir ? setFolder(entry.path) : void show(entry.path))}
            >
              <ListItemIcon sx={{ minWidth: 32 }}>{entry.isDir ? <FolderIcon fontSize="small" /> : <FileIcon fontSize="small" />}</ListItemIcon>
              <ListItemText primary={baseName(entry.path)} secondary={entry.isDir ? null : `${(entry.fileSize ?? 0).toLocaleString()} B`} />
            </ListItemButton>
          ))}
        </List>
        {open ? <PreviewPane runId={props.runId} content={open.content} preview={open.preview} /> : <Typography color="text.secondary">Choose a file to preview it.</Typography>}
      </Box>
    </Box>
  );
}
