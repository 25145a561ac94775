import { Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';

export function KeyValueTable(props: { label: string; rows: Array<[string, string]>; testId?: string }) {
  if (props.rows.length === 0) return <Typography color="text.secondary">No {props.label.toLowerCase()}.</Typography>;
  return (
    <Table size="small" aria-label={props.label} data-testid={props.testId}>
      <TableBody>
        {props.rows.map(([key, value]) => (
          <TableRow key={key}>
            <TableCell sx={{ fontWeight: 500, width: '40%', wordBreak: 'break-all' }}>{key}</TableCell>
            <TableCell sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>{value}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
