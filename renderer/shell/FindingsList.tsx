import { List, ListItem, ListItemText, Typography } from '@mui/material';

export interface ListedFinding {
  severity: 'error' | 'warning';
  message: string;
  /** Where and which rule, e.g. "sub-01/eeg/x.edf · EDF_TRUNCATED"; empty when unknown. */
  detail: string;
}

/** Dataset findings, as listed before anything runs: the first `shown`, then how to see the rest. */
export function FindingsList(props: { findings: readonly ListedFinding[]; shown: number; ariaLabel: string; fullListCommand: string; itemTestId?: string }) {
  const { findings, shown } = props;
  return (
    <>
      {findings.length > 0 && (
        <List dense aria-label={props.ariaLabel}>
          {findings.slice(0, shown).map((f, i) => (
            <ListItem key={i} disableGutters data-testid={props.itemTestId} data-severity={f.severity}>
              <ListItemText primary={`${f.severity === 'error' ? 'Error' : 'Warning'}: ${f.message}`} secondary={f.detail} />
            </ListItem>
          ))}
        </List>
      )}
      {findings.length > shown && (
        <Typography variant="body2" color="text.secondary">
          {findings.length - shown} more; run "{props.fullListCommand}" on the dataset for the full list.
        </Typography>
      )}
    </>
  );
}
