import { Alert, AlertTitle, Button } from '@mui/material';
import BackIcon from '@mui/icons-material/ArrowBack';
import { ApiError } from '../api/client';

/** Whether a failed load means "there is no such thing" rather than a fault to report. */
export const isNotFound = (error: unknown): boolean => error instanceof ApiError && error.code === 'RESOURCE_DOES_NOT_EXIST';

/**
 * A page for something that does not exist (a stale link, a deleted run or model): what
 * happened and the way back, in the browser's words; the server's message may suggest
 * command lines, which mean nothing here.
 */
export function NotFound(props: { what: string; back: string; onBack(): void }) {
  return (
    <Alert
      severity="warning"
      data-testid="not-found"
      action={
        <Button color="inherit" startIcon={<BackIcon />} onClick={props.onBack} data-testid="not-found-back">
          {props.back}
        </Button>
      }
    >
      <AlertTitle>{props.what} does not exist</AlertTitle>
      It may have been deleted, or the link is wrong.
    </Alert>
  );
}
