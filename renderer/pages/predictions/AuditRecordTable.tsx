import { Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import { formatTime } from '../models/format';
import type { AuditRecord } from './types';

const mono = { fontFamily: 'monospace', wordBreak: 'break-all' } as const;

/** One record of the audit chain: where it sits, its hash and the previous record's, when and by whom. */
export function AuditRecordTable(props: { record: AuditRecord | null }) {
  const { record } = props;
  if (!record) return <Typography color="text.secondary">No audit record: the recording was not predicted.</Typography>;
  const rows: Array<[string, string, boolean]> = [
    ['Sequence', String(record.seq), false],
    ['Hash', record.hash, true],
    ['Previous hash', record.prevHash, true],
    ['Time', formatTime(record.at), false],
    ['User', record.actor, false],
    ['App version', record.appVersion, false],
    ['Kind', record.kind, false],
  ];
  return (
    <Table size="small" aria-label="audit record" data-testid="audit-record">
      <TableBody>
        {rows.map(([key, value, isHash]) => (
          <TableRow key={key}>
            <TableCell component="th" scope="row" sx={{ width: 160 }}>
              {key}
            </TableCell>
            <TableCell sx={isHash ? mono : undefined} data-testid={`audit-${key.toLowerCase().replace(/ /g, '-')}`}>
              {value}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
