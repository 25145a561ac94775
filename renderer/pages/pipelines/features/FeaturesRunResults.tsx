import { Alert, Box, Stack, Typography } from '@mui/material';
import type { TaskRun } from '../../../../main/contract/executor';
import { Section } from '../../../shell/Section';
import { BandPowerChart } from './BandPowerChart';
import { QualityTable } from './QualityTable';
import { Topomap } from './Topomap';
import { useFeaturesResult } from './use-features-result';

/**
 * What a `features` run produced, read from the artifacts it logged: the quality of
 * each recording, the band-power profile by group, and a topographic map of one band.
 */
export function FeaturesRunResults(props: { taskRuns: TaskRun[] }) {
  const state = useFeaturesResult(props.taskRuns);
  if (state.status === 'waiting') return null;
  if (state.status === 'loading') return <Typography color="text.secondary">Loading the feature table…</Typography>;
  if (state.status === 'error') return <Alert severity="error">Could not read the run's feature table: {state.message}</Alert>;
  const { table, quality, bands, runId } = state.result;
  const inTable = quality.filter((q) => q.inTable).length;
  return (
    <Stack spacing={2} data-testid="features-results">
      <Section title="Recording quality">
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {inTable} of {quality.length} recordings in the table
          {quality.length > inTable ? `; ${quality.length - inTable} without a row (see Result)` : ''}.
        </Typography>
        <QualityTable quality={quality} />
      </Section>
      {table.recordings.length > 0 && (
        <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', lg: '3fr 2fr' } }}>
          <Section title="Band-power profile">
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
              Mean relative power in each band of the spec (a share of the power over all bands).
            </Typography>
            <BandPowerChart key={runId} table={table} bands={bands} />
          </Section>
          <Section title="Topographic map">
            <Topomap key={runId} table={table} bands={bands} />
          </Section>
        </Box>
      )}
    </Stack>
  );
}
