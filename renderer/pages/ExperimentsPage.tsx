import { useEffect } from 'react';
import { Box, Typography } from '@mui/material';
import { routeParams, useRoute } from '../store/route';
import { CompareView } from './experiments/CompareView';
import { followTrackingEvents, useExperiments } from './experiments/experiments-store';
import { RunDetail } from './experiments/RunDetail';
import { RunsView } from './experiments/RunsView';

/**
 * Experiments and their runs (`#/experiments`), one run (`#/experiments/runs/<id>`), and
 * a comparison (`#/experiments/compare/<id>,<id>,…`).
 */
export function ExperimentsPage() {
  const { path, navigate } = useRoute();
  const [section, arg] = routeParams(path);
  const loadExperiments = useExperiments((s) => s.loadExperiments);

  useEffect(() => {
    const stop = followTrackingEvents();
    void loadExperiments();
    return stop;
  }, [loadExperiments]);

  const open = (runId: string): void => navigate(`/experiments/runs/${encodeURIComponent(runId)}`);
  const back = (): void => navigate('/experiments');
  return (
    <Box>
      <Typography variant="h5" component="h1" sx={{ mb: 2 }}>
        Experiments
      </Typography>
      {section === 'runs' && arg ? (
        <RunDetail key={arg} runId={arg} onBack={back} onOpen={open} onOpenExperiment={(id) => navigate(`/experiments?exp=${id}`)} />
      ) : section === 'compare' && arg ? (
        <CompareView runIds={arg.split(',')} onBack={back} onOpen={open} />
      ) : (
        <RunsView onOpen={open} onCompare={(ids) => navigate(`/experiments/compare/${ids.map(encodeURIComponent).join(',')}`)} />
      )}
    </Box>
  );
}
