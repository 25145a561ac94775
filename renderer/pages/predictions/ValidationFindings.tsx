import { Alert, Typography } from '@mui/material';
import { FindingsList } from '../../shell/FindingsList';
import { plural, sortFindings } from './prediction-view';
import type { Validation } from './types';
import type { UploadRecord } from '../../api/upload-file';

const SHOWN = 50;

/** What validation found in the uploaded dataset, errors first; shown before anything runs. */
export function ValidationFindings(props: { upload: UploadRecord; validation: Validation }) {
  const { validation, upload } = props;
  const findings = sortFindings(validation.findings);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  return (
    <div data-testid="validation">
      <Typography data-testid="validation-summary" gutterBottom>
        {upload.name}: {plural(validation.recordings.length, 'recording')} in {plural(upload.files.length, 'file')} · {plural(errors, 'error')}, {plural(warnings, 'warning')}
      </Typography>
      {errors > 0 ? (
        <Alert severity="error">The dataset has errors: fix them and drop it again. Nothing was run.</Alert>
      ) : validation.recordings.length === 0 ? (
        <Alert severity="warning">No EEG recording was found in this dataset: is it a BIDS folder (with sub-*/…/eeg/), zipped whole?</Alert>
      ) : (
        <Alert severity="success">The dataset is valid{warnings > 0 ? '; read the warnings below' : ''}. Choose the model and run.</Alert>
      )}
      <FindingsList
        findings={findings.map((f) => ({ severity: f.severity, message: f.message, detail: [f.path, f.code].filter(Boolean).join(' · ') }))}
        shown={SHOWN}
        ariaLabel="validation findings"
        fullListCommand="neuroops predict"
        itemTestId="finding"
      />
    </div>
  );
}
