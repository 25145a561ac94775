import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { FlowRun } from '../../../main/contract/executor';
import { compactParams, runDuration, TERMINAL } from './format';
import { StateChip } from './StateChip';
import { useNow } from './use-now';

export function FlowRunsTable(props: { runs: FlowRun[]; onOpen(flowRunId: string): void }) {
  const now = useNow(props.runs.some((r) => !TERMINAL.has(r.state)));
  if (props.runs.length === 0) {
    return <Typography color="text.secondary">No flow runs yet. Start one with “Run a flow”.</Typography>;
  }
  return (
    <Table size="small" aria-label="flow runs">
      <TableHead>
        <TableRow>
          <TableCell>Flow</TableCell>
          <TableCell>State</TableCell>
          <TableCell>Started</TableCell>
          <TableCell>Duration</TableCell>
          <TableCell>Params</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.runs.map((run) => (
          <TableRow
            key={run.flowRunId}
            hover
            sx={{ cursor: 'pointer' }}
            onClick={() => props.onOpen(run.flowRunId)}
            data-testid="flow-run-row"
            data-flow-run-id={run.flowRunId}
            data-state={run.state}
          >
            <TableCell>{run.flowName}</TableCell>
            <TableCell>
              <StateChip state={run.state} />
            </TableCell>
            <TableCell>{new Date(run.createdAt).toLocaleString()}</TableCell>
            <TableCell>{runDuration(run, now)}</TableCell>
            <TableCell sx={{ fontFamily: 'monospace', fontSize: 12, maxWidth: 420, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
              {compactParams(run.params)}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
