import { Alert, Button, Stack } from '@mui/material';
import BackIcon from '@mui/icons-material/ArrowBack';
import { isNotFound, NotFound } from '../../shell/NotFound';

/** A run that failed to load: "no such run" with the way back, or the error itself beside it. */
export function UnknownRun(props: { error: unknown; onBack(): void }) {
  if (isNotFound(props.error)) return <NotFound what="This run" back="All runs" onBack={props.onBack} />;
  return (
    <Stack spacing={1} sx={{ alignItems: 'flex-start' }}>
      <Alert severity="error">{props.error instanceof Error ? props.error.message : String(props.error)}</Alert>
      <Button startIcon={<BackIcon />} onClick={props.onBack}>All runs</Button>
    </Stack>
  );
}
