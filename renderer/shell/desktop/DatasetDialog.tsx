import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material';
import { FindingsList } from '../FindingsList';
import { useChosenDataset } from '../../store/chosen-dataset';
import { useRoute } from '../../store/route';
import type { DatasetReport } from './desktop-store';

const SHOWN_FINDINGS = 20;

/** A dropped or opened BIDS dataset, as inspected: what it holds, what is wrong, and where to go next. */
export function DatasetDialog(props: { report: DatasetReport; onClose(): void }) {
  const { report } = props;
  const navigate = useRoute((s) => s.navigate);
  const choose = useChosenDataset((s) => s.choose);
  const { summary } = report;
  const predict = (): void => {
    choose(report.path);
    navigate('/predictions');
    props.onClose();
  };
  const findings = [...report.findings].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return (
    <Dialog open onClose={props.onClose} aria-labelledby="dataset-title" maxWidth="md" fullWidth>
      <DialogTitle id="dataset-title">{report.name || 'BIDS dataset'}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }} gutterBottom>
          {report.path}
        </Typography>
        <Typography data-testid="dataset-summary" gutterBottom>
          BIDS {report.bidsVersion || 'version not stated'} · {report.subjects.length} subject{report.subjects.length === 1 ? '' : 's'} · {summary.recordings} recording
          {summary.recordings === 1 ? '' : 's'}, {summary.usable} usable · {summary.errors} error{summary.errors === 1 ? '' : 's'}, {summary.warnings} warning
          {summary.warnings === 1 ? '' : 's'}
        </Typography>
        {summary.errors > 0 && <Alert severity="error">Fix the errors below before running anything on this dataset.</Alert>}
        {summary.errors === 0 && summary.usable === 0 && <Alert severity="warning">No recording in this dataset can be used.</Alert>}
        <FindingsList
          findings={findings.map((f) => ({ severity: f.severity, message: f.message, detail: [f.file, f.rule].filter(Boolean).join(' · ') }))}
          shown={SHOWN_FINDINGS}
          ariaLabel="findings"
          fullListCommand="neuroops inspect"
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Close</Button>
        <Button variant="contained" disabled={summary.errors > 0 || summary.usable === 0} onClick={predict}>
          Go on to predictions
        </Button>
      </DialogActions>
    </Dialog>
  );
}
