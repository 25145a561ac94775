import { Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import type { FileHash } from './types';

/** The input files a prediction read, with their sha256 as the audit record holds them. */
export function FileHashesTable(props: { files: FileHash[] }) {
  return (
    <Table size="small" aria-label="input files">
      <TableHead>
        <TableRow>
          <TableCell>File</TableCell>
          <TableCell>sha256</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.files.map((f) => (
          <TableRow key={f.path} data-testid="input-file">
            <TableCell sx={{ wordBreak: 'break-all' }}>{f.path}</TableCell>
            <TableCell sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>{f.sha256}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
