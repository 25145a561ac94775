import { Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { formatPercent } from '../../models/format';
import type { ConfusionMatrixChart } from './types';

/**
 * The confusion matrix as a table (rows: true class, columns: predicted), each
 * cell shaded by its share of the row, so a screen reader reads the numbers
 * and the eye sees the diagonal.
 */
export function ConfusionMatrixTable(props: { chart: ConfusionMatrixChart }) {
  const { classes, counts, normalized } = props.chart;
  return (
    <Table size="small" aria-label="Confusion matrix" data-testid="confusion-matrix" sx={{ width: 'auto' }}>
      <TableHead>
        <TableRow>
          <TableCell>true \ predicted</TableCell>
          {classes.map((c) => (
            <TableCell key={c} align="center">
              {c}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {counts.map((row, i) => (
          <TableRow key={classes[i]}>
            <TableCell component="th" scope="row">
              {classes[i]}
            </TableCell>
            {row.map((count, j) => {
              const share = normalized[i]?.[j] ?? 0;
              // At most 60 % of the blue over white: dark text keeps a contrast above 6:1 on every cell.
              return (
                <TableCell key={classes[j]} align="center" sx={{ bgcolor: `rgba(25, 118, 210, ${(0.6 * share).toFixed(3)})`, color: 'text.primary', minWidth: 72 }}>
                  {count} ({formatPercent(share)})
                </TableCell>
              );
            })}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
