import { useEffect, useState } from 'react';
import { Box, Button, Link, Stack, Tab, Tabs, Typography } from '@mui/material';
import BackIcon from '@mui/icons-material/ArrowBack';
import { api } from '../../api/client';
import { ArtifactBrowser } from './ArtifactBrowser';
import { formatDuration, formatTime, formatValue, NOTE_TAG, PARENT_TAG, tagOf } from './format';
import { KeyValueTable } from './KeyValueTable';
import { RunCharts } from './RunCharts';
import { RunNameEditor } from './RunNameEditor';
import { RunNote } from './RunNote';
import { RunStatusChip } from './RunStatusChip';
import { TrainingCharts } from './training-charts/TrainingCharts';
import { SyncStatusChip } from '../../shell/SyncStatusChip';
import { RunLinks } from './RunLinks';
import { UnknownRun } from './UnknownRun';
import { useLiveRun } from './use-live-run';

type Section = 'overview' | 'charts' | 'evaluation' | 'artifacts';

/** The experiment's name for a run's header (the id until it loads, or if it is gone). */
function useExperimentName(experimentId: string | undefined): string | undefined {
  const [name, setName] = useState<string | undefined>();
  useEffect(() => {
    if (experimentId === undefined) return;
    let live = true;
    api.tracking.getExperiment({ experimentId }).then((e) => live && setName(e.name), () => live && setName(undefined));
    return () => {
      live = false;
    };
  }, [experimentId]);
  return name;
}

/** One run: params, latest metrics, tags and note; metric charts; a training's evaluation charts; artifacts. Kept live while the run logs. */
export function RunDetail(props: { runId: string; onBack(): void; onOpen(runId: string): void; onOpenExperiment(experimentId: string): void }) {
  const { run, error, revision, reload: load } = useLiveRun(props.runId);
  const [section, setSection] = useState<Section>('overview');
  const experimentName = useExperimentName(run?.info.experimentId);

  if (error) return <UnknownRun error={error} onBack={props.onBack} />;
  if (!run) return <Typography color="text.secondary">Loading the run…</Typography>;
  const { info, data } = run;
  const parent = tagOf(run, PARENT_TAG);
  const deleted = info.lifecycleStage === 'deleted';
  const toggleDeleted = async (): Promise<void> => {
    await (deleted ? api.tracking.restoreRun({ runId: info.runId }) : api.tracking.deleteRun({ runId: info.runId }));
    await load();
  };
  return (
    <Box data-testid="run-detail" data-run-id={info.runId}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1 }}>
        <Button startIcon={<BackIcon />} onClick={props.onBack}>Runs</Button>
        <RunNameEditor
          name={info.runName}
          onRename={async (name) => {
            await api.tracking.renameRun({ runId: info.runId, name });
            await load();
          }}
        />
        <RunStatusChip status={info.status} />
        <SyncStatusChip runId={info.runId} refreshKey={run} />
        <Button color={deleted ? 'primary' : 'error'} onClick={() => void toggleDeleted()}>{deleted ? 'Restore' : 'Delete'}</Button>
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {'experiment '}
        <Link component="button" variant="body2" onClick={() => props.onOpenExperiment(info.experimentId)} data-testid="run-experiment">
          {experimentName ?? info.experimentId}
        </Link>
        {` · run ${info.runId} · started`} {formatTime(info.startTime)} · {formatDuration(run)}
        {info.userId && ` · ${info.userId}`}
        {deleted && ' · deleted'}
        {parent && (
          <>
            {' · parent '}
            <Link component="button" variant="body2" onClick={() => props.onOpen(parent)}>{parent.slice(-8)}</Link>
          </>
        )}
      </Typography>
      <RunLinks run={run} />
      <Tabs value={section} onChange={(_, v: Section) => setSection(v)} sx={{ mb: 2 }}>
        <Tab value="overview" label="Overview" />
        <Tab value="charts" label="Charts" data-testid="tab-charts" />
        <Tab value="evaluation" label="Evaluation" data-testid="tab-evaluation" />
        <Tab value="artifacts" label="Artifacts" data-testid="tab-artifacts" />
      </Tabs>
      {section === 'overview' && (
        <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(360px, 1fr))', gap: 3 }}>
          <Box>
            <Typography variant="subtitle1">Params</Typography>
            <KeyValueTable label="Params" testId="run-params" rows={data.params.map((p) => [p.key, p.value])} />
          </Box>
          <Box>
            <Typography variant="subtitle1">Metrics (latest)</Typography>
            <KeyValueTable label="Metrics" testId="run-metrics" rows={data.metrics.map((m) => [m.key, `${formatValue(m.value)}  (step ${m.step})`])} />
          </Box>
          <Box>
            <Typography variant="subtitle1">Tags</Typography>
            <KeyValueTable label="Tags" rows={data.tags.filter((t) => t.key !== NOTE_TAG).map((t) => [t.key, t.value])} />
          </Box>
          <Box>
            <Typography variant="subtitle1">Note</Typography>
            <RunNote
              key={tagOf(run, NOTE_TAG) ?? ''}
              note={tagOf(run, NOTE_TAG) ?? ''}
              onSave={async (note) => {
                await api.tracking.setNote({ runId: info.runId, note });
                await load();
              }}
            />
          </Box>
        </Box>
      )}
      {section === 'charts' && <RunCharts runId={info.runId} metricKeys={data.metrics.map((m) => m.key)} revision={revision} />}
      {section === 'evaluation' && <TrainingCharts runId={info.runId} />}
      {section === 'artifacts' && <ArtifactBrowser runId={info.runId} />}
    </Box>
  );
}
