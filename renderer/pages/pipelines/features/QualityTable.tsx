import { Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Tooltip, Typography } from '@mui/material';
import type { RecordingQuality } from './quality';

const dash = (v: number | null, digits = 0): string => (v === null ? '–' : v.toFixed(digits));
const channelList = (names: string[]): string => (names.length ? `${names.length}: ${names.join(', ')}` : 'none');

/** One row per recording: bad channels dropped and interpolated, epochs kept and rejected, seconds kept, and the error of a recording without a row. */
export function QualityTable(props: { quality: RecordingQuality[] }) {
  return (
    <TableContainer sx={{ maxHeight: 420 }}>
      <Table size="small" stickyHeader data-testid="features-quality">
        <TableHead>
          <TableRow>
            <TableCell>Recording</TableCell>
            <TableCell>Bad channels (dropped)</TableCell>
            <TableCell>Interpolated</TableCell>
            <TableCell align="right">Epochs kept</TableCell>
            <TableCell align="right">Rejected</TableCell>
            <TableCell align="right">Seconds kept</TableCell>
            <TableCell>Result</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {props.quality.map((q) => (
            <TableRow key={q.path} data-testid="features-quality-row" data-in-table={q.inTable}>
              <TableCell sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>{q.path}</TableCell>
              <TableCell>{channelList(q.badChannels)}</TableCell>
              <TableCell>{channelList(q.interpolatedChannels)}</TableCell>
              <TableCell align="right">{q.epochsKept === null ? '–' : `${q.epochsKept} of ${dash(q.epochsTotal)}`}</TableCell>
              <TableCell align="right">{dash(q.epochsRejected)}</TableCell>
              <TableCell align="right">{dash(q.secondsKept, 1)}</TableCell>
              <TableCell>
                {q.error ? (
                  <Tooltip title={q.error.code}>
                    <Typography variant="body2" color="error" data-testid="features-quality-error">
                      {q.error.message}
                    </Typography>
                  </Tooltip>
                ) : (
                  'in the table'
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
