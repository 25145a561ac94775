import { useEffect, useMemo } from 'react';
import { Alert, MenuItem, Stack, TablePagination, TextField, Typography } from '@mui/material';
import { CsvExportButton } from './CsvExportButton';
import { PAGE_SIZE, useHistory } from './history-store';
import { JobsTable } from './JobsTable';
import { LabelCountsChart } from './LabelCountsChart';
import { labelSeries } from './prediction-view';

/** The selects show "All …" for no filter rather than an empty box. */
const SHOW_ALL = { inputLabel: { shrink: true }, select: { displayEmpty: true } } as const;

/** Past predictions: filters by model, date and label, the labels over time, the jobs, and CSV exports. */
export function HistorySection(props: { modelNames: string[]; openId: string | null; nativeDialogs: boolean; onOpen(id: string): void }) {
  const { form, offset, jobs, total, counts, loaded, error, setForm, setOffset, load } = useHistory();
  useEffect(() => {
    void load();
  }, [load]);
  // Once per answer, shared by the label filter and the chart.
  const series = useMemo(() => labelSeries(counts), [counts]);
  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap', rowGap: 2 }}>
        <TextField select label="Model" value={form.model} onChange={(e) => setForm({ model: e.target.value })} sx={{ minWidth: 200 }} slotProps={SHOW_ALL} data-testid="history-model">
          <MenuItem value="">All models</MenuItem>
          {props.modelNames.map((name) => (
            <MenuItem key={name} value={name}>
              {name}
            </MenuItem>
          ))}
        </TextField>
        <TextField select label="Label" value={form.label} onChange={(e) => setForm({ label: e.target.value })} sx={{ minWidth: 160 }} slotProps={SHOW_ALL} data-testid="history-label">
          <MenuItem value="">All labels</MenuItem>
          {[...new Set([...series.labels, ...(form.label ? [form.label] : [])])].map((label) => (
            <MenuItem key={label} value={label}>
              {label}
            </MenuItem>
          ))}
        </TextField>
        <TextField type="date" label="From" value={form.from} onChange={(e) => setForm({ from: e.target.value })} slotProps={{ inputLabel: { shrink: true } }} />
        <TextField type="date" label="To" value={form.to} onChange={(e) => setForm({ to: e.target.value })} slotProps={{ inputLabel: { shrink: true } }} />
      </Stack>
      {error && <Alert severity="error">The history could not be loaded: {error}</Alert>}
      <Typography variant="subtitle2" component="h3">
        Recordings per label over time
      </Typography>
      <LabelCountsChart series={series} />
      {loaded && <JobsTable jobs={jobs} openId={props.openId} onOpen={props.onOpen} />}
      {total > PAGE_SIZE && (
        <TablePagination component="div" count={total} page={Math.floor(offset / PAGE_SIZE)} rowsPerPage={PAGE_SIZE} rowsPerPageOptions={[PAGE_SIZE]} onPageChange={(_e, page) => setOffset(page * PAGE_SIZE)} />
      )}
      <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
        <CsvExportButton what={{ kind: 'history', form }} nativeDialogs={props.nativeDialogs} label="Results as CSV" testId="export-results" />
        <CsvExportButton what={{ kind: 'audit' }} nativeDialogs={props.nativeDialogs} label="Audit log as CSV" testId="export-audit" />
      </Stack>
    </Stack>
  );
}
