import type { ReactNode } from 'react';
import { Alert, Box, CircularProgress, Typography } from '@mui/material';
import { ConfusionMatrixTable } from './ConfusionMatrixTable';
import { CvScoresChart } from './CvScoresChart';
import { ImportanceBarChart } from './ImportanceBarChart';
import { RocCurveChart } from './RocCurveChart';
import { useTrainingCharts } from './use-training-charts';
import { formatPercent } from '../../models/format';

function Section(props: { title: string; caption?: string; children: ReactNode }) {
  return (
    <Box component="section" aria-label={props.title}>
      <Typography variant="subtitle1" component="h3">
        {props.title}
      </Typography>
      {props.caption && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {props.caption}
        </Typography>
      )}
      {props.children}
    </Box>
  );
}

/**
 * A training run's evaluation: the confusion matrix, the ROC curve, the
 * importances (impurity and permutation) on the test split and the CV scores,
 * drawn from the JSON its train stage logged under charts/.
 */
export function TrainingCharts(props: { runId: string }) {
  const state = useTrainingCharts(props.runId);
  if (state.status === 'loading') return <CircularProgress size={24} aria-label="Loading the evaluation charts" />;
  if (state.status === 'error') return <Alert severity="error">The evaluation charts could not be read: {state.message}</Alert>;
  const { confusionMatrix, roc, impurity, permutation, cv } = state.charts;
  if (!confusionMatrix && !roc && !impurity && !permutation && !cv) {
    return (
      <Typography color="text.secondary" data-testid="training-charts-empty">
        This run has no evaluation charts: they are logged by the train stage of a training (Models page, Train a model, or neuroops train).
      </Typography>
    );
  }
  return (
    <Box data-testid="training-charts" sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(420px, 1fr))', gap: 3 }}>
      {confusionMatrix && (
        <Section title="Confusion matrix" caption="Test split; each cell's share of its true class in brackets.">
          <ConfusionMatrixTable chart={confusionMatrix} />
        </Section>
      )}
      {roc && (
        <Section title="ROC curve" caption={roc.curves.length > 1 ? 'Test split, each class against the rest.' : 'Test split.'}>
          <RocCurveChart chart={roc} />
        </Section>
      )}
      {impurity && (
        <Section title="Feature importance" caption={impurity.measure === 'impurity' || !impurity.measure ? 'Mean decrease in impurity, top 15.' : `${impurity.measure}, top 15.`}>
          <ImportanceBarChart chart={impurity} label="Feature importance chart" />
        </Section>
      )}
      {permutation && (
        <Section
          title="Permutation importance"
          caption={`Drop in test accuracy when a feature is shuffled (${permutation.repeats ?? 5} repeats, ± std), top 15.${permutation.baseline !== undefined ? ` Test accuracy ${formatPercent(permutation.baseline)}.` : ''}`}
        >
          <ImportanceBarChart chart={permutation} label="Permutation importance chart" />
        </Section>
      )}
      {cv && (
        <Section title="Cross-validation" caption={`Accuracy per fold: ${formatPercent(cv.mean)} ± ${formatPercent(cv.std)}.`}>
          <CvScoresChart scores={cv.scores} />
        </Section>
      )}
    </Box>
  );
}
