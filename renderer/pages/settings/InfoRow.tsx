import { Stack, Typography } from '@mui/material';

/** One labelled value of a settings card; `note` says where the value came from. */
export function InfoRow(props: { label: string; value: string; note?: string; testId?: string }) {
  return (
    <Stack direction="row" spacing={2} sx={{ alignItems: 'baseline' }} data-testid={props.testId}>
      <Typography sx={{ minWidth: 160 }} color="text.secondary">
        {props.label}
      </Typography>
      <Typography sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>{props.value}</Typography>
      {props.note && (
        <Typography variant="body2" color="text.secondary">
          {props.note}
        </Typography>
      )}
    </Stack>
  );
}
