import { useEffect, useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, Typography } from '@mui/material';
import { AuditRecordTable } from './AuditRecordTable';
import { FileHashesTable } from './FileHashesTable';
import { FlagList } from './FlagList';
import { ProfileChart } from './ProfileChart';
import { ProbabilityBars } from './ProbabilityBars';
import { predictionsApi } from './predictions-api';
import { qualityText, recordingName } from './prediction-view';
import type { RecordingDetail } from './types';

/** One recording of a job: its result, the band-power profile against training, its audit record and its input files. */
export function RecordingDetailDialog(props: { jobId: string; index: number; onClose(): void }) {
  const [detail, setDetail] = useState<{ key: string; data?: RecordingDetail; error?: string } | null>(null);
  const key = `${props.jobId}#${props.index}`;

  useEffect(() => {
    let current = true;
    predictionsApi.recording(props.jobId, props.index).then(
      (data) => current && setDetail({ key, data }),
      (error: unknown) => current && setDetail({ key, error: (error as Error).message }),
    );
    return () => {
      current = false;
    };
  }, [props.jobId, props.index, key]);

  const loaded = detail?.key === key ? detail : null;
  const r = loaded?.data?.recording;
  return (
    <Dialog open onClose={props.onClose} aria-labelledby="recording-title" maxWidth="lg" fullWidth>
      <DialogTitle id="recording-title">{r ? recordingName(r.entities) : 'Recording'}</DialogTitle>
      <DialogContent>
        {loaded?.error && <Alert severity="error">The recording could not be loaded: {loaded.error}</Alert>}
        {!loaded && <Typography role="status">Loading…</Typography>}
        {loaded?.data && r && (
          <Stack spacing={2} data-testid="recording-detail">
            {r.error ? (
              <Alert severity="error">{`${r.error.message} (${r.error.code})`}</Alert>
            ) : (
              <Stack direction="row" spacing={4} sx={{ flexWrap: 'wrap', rowGap: 1 }}>
                <div>
                  <Typography variant="subtitle2" component="h3">
                    Label
                  </Typography>
                  <Typography data-testid="detail-label">{r.label ?? '—'}</Typography>
                </div>
                <div>
                  <Typography variant="subtitle2" component="h3">
                    Probabilities
                  </Typography>
                  <ProbabilityBars probabilities={r.probabilities} />
                </div>
                <div>
                  <Typography variant="subtitle2" component="h3">
                    Quality
                  </Typography>
                  <Typography variant="body2">{qualityText(r.quality)}</Typography>
                </div>
                <div>
                  <Typography variant="subtitle2" component="h3">
                    Out-of-distribution flags
                  </Typography>
                  <FlagList flags={r.flags} withMessage />
                </div>
              </Stack>
            )}
            <Typography variant="h6" component="h3">
              Band-power profile against the training distribution
            </Typography>
            <ProfileChart profile={loaded.data.profile} />
            <Typography variant="h6" component="h3">
              Audit record
            </Typography>
            <AuditRecordTable record={loaded.data.auditRecord} />
            <Typography variant="h6" component="h3">
              Input files
            </Typography>
            <FileHashesTable files={loaded.data.files} />
          </Stack>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
