import { useEffect, useState } from 'react';
import { Alert, Backdrop, Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogTitle, Stack, Typography } from '@mui/material';
import { onEvent } from '../../api/client';
import { bridge } from '../../api/transport';
import { useRoute } from '../../store/route';
import { AboutDialog } from './AboutDialog';
import { BundleDialog } from './BundleDialog';
import { DatasetDialog } from './DatasetDialog';
import { useDesktop } from './desktop-store';
import { intakeOf, WHAT_TO_DROP } from './drop-intake';
import { chooseBundle, chooseDatasetFolder, chooseDatasetZip } from './native-dialogs';

/** Asks a native dialog for a path and opens it; a cancel does nothing. */
async function openChosen(choose: () => Promise<string | null>, then: (path: string) => void): Promise<void> {
  try {
    const path = await choose();
    if (path) then(path);
  } catch (error) {
    useDesktop.getState().show({ kind: 'refused', title: 'The dialog could not open', message: (error as Error).message });
  }
}

/**
 * What the window does as a desktop app, above every page: drops of datasets and bundles,
 * the menu's commands (Open…, Import…, About, Go), and the dialogs they lead to.
 */
export function DesktopLayer() {
  const { view, close, openPath, uploadBundle, importBundle, show } = useDesktop();
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    let depth = 0;
    const carriesFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
    const onEnter = (e: DragEvent): void => {
      if (!carriesFiles(e)) return;
      depth++;
      setDragging(true);
    };
    const onLeave = (): void => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    // Without preventDefault the window would not accept the drop (and Chromium would try to open the file).
    const onOver = (e: DragEvent): void => {
      if (carriesFiles(e)) e.preventDefault();
    };
    const onDrop = (e: DragEvent): void => {
      if (!carriesFiles(e)) return;
      depth = 0;
      setDragging(false);
      // A page's own drop zone (the Predictions page's dataset drop) took it already.
      if (e.defaultPrevented) return;
      e.preventDefault();
      const intake = intakeOf(Array.from(e.dataTransfer?.files ?? []), bridge.pathForFile);
      if (intake.kind === 'path') void openPath(intake.path);
      else if (intake.kind === 'upload') void uploadBundle(intake.file);
      else show({ kind: 'refused', title: 'NeuroOps cannot open this', message: intake.message });
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('dragover', onOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [openPath, uploadBundle, show]);

  useEffect(
    () =>
      onEvent('shell.command', ({ command, path }) => {
        if (command === 'about') show({ kind: 'about' });
        else if (command === 'navigate' && path) useRoute.getState().navigate(path);
        else if (command === 'open-dataset-folder') void openChosen(chooseDatasetFolder, openPath);
        else if (command === 'open-dataset-zip') void openChosen(chooseDatasetZip, openPath);
        else if (command === 'import-bundle') void openChosen(chooseBundle, (chosen) => show({ kind: 'bundle', path: chosen, name: chosen.split(/[\\/]/).pop() ?? chosen }));
      }),
    [openPath, show],
  );

  const navigate = useRoute((s) => s.navigate);
  return (
    <>
      <Backdrop open={dragging} sx={{ zIndex: (t) => t.zIndex.modal + 1, color: '#fff', pointerEvents: 'none' }} data-testid="drop-overlay">
        <Typography variant="h5">{WHAT_TO_DROP}</Typography>
      </Backdrop>
      {view.kind === 'about' && <AboutDialog onClose={close} />}
      {view.kind === 'busy' && (
        <Backdrop open sx={{ zIndex: (t) => t.zIndex.modal + 1, color: '#fff' }}>
          <Stack sx={{ alignItems: 'center' }} spacing={2}>
            <CircularProgress color="inherit" />
            <Typography role="status">{view.message}</Typography>
          </Stack>
        </Backdrop>
      )}
      {view.kind === 'dataset' && <DatasetDialog report={view.report} onClose={close} />}
      {view.kind === 'bundle' && <BundleDialog path={view.path} name={view.name} onImport={(name) => void importBundle(view.path, name)} onClose={close} />}
      {(view.kind === 'refused' || view.kind === 'imported') && (
        <Dialog open onClose={close} aria-labelledby="desktop-message-title" maxWidth="sm" fullWidth>
          <DialogTitle id="desktop-message-title">{view.kind === 'refused' ? view.title : 'Model bundle imported'}</DialogTitle>
          <DialogContent>
            {view.kind === 'refused' ? (
              <Alert severity="error" data-testid="desktop-refusal">{view.message}</Alert>
            ) : (
              <Alert severity="success">
                Registered as {view.imported.name} version {view.imported.version} (version {view.imported.originalVersion} where it was exported).
              </Alert>
            )}
          </DialogContent>
          <DialogActions>
            {view.kind === 'imported' && (
              <Button
                onClick={() => {
                  navigate(`/models/${encodeURIComponent(view.imported.name)}`);
                  close();
                }}
              >
                Open the model
              </Button>
            )}
            <Button variant="contained" onClick={close}>
              Close
            </Button>
          </DialogActions>
        </Dialog>
      )}
    </>
  );
}
