import { useEffect, useState } from 'react';
import { Chip, Link, Stack, Typography } from '@mui/material';
import type { Output } from '../../../main/contract';
import { api, onEvent } from '../../api/client';
import { useRoute } from '../../store/route';
import { tagOf } from './format';
import type { Run } from './types';

type ModelVersion = Output<'registry.versionsOfRun'>['versions'][number];

/** The tag the executor puts on the tracked run of a flow run (and of each of its tasks). */
export const FLOW_RUN_TAG = 'neuroops.flowRunId';

/** Where a run came from and what came of it: its flow run, and the model versions registered from it. */
export function RunLinks(props: { run: Run }) {
  const navigate = useRoute((s) => s.navigate);
  const runId = props.run.info.runId;
  const flowRunId = tagOf(props.run, FLOW_RUN_TAG);
  const [versions, setVersions] = useState<ModelVersion[]>([]);
  useEffect(() => {
    let live = true;
    const load = (): void => {
      api.registry.versionsOfRun({ runId }).then((answer) => live && setVersions(answer.versions), () => live && setVersions([]));
    };
    load();
    const stop = onEvent('registry.changed', load);
    return () => {
      live = false;
      stop();
    };
  }, [runId]);
  if (!flowRunId && versions.length === 0) return null;
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', mb: 2 }} data-testid="run-links">
      {flowRunId && (
        <Typography variant="body2">
          Started by flow run{' '}
          <Link component="button" variant="body2" onClick={() => navigate(`/pipelines/runs/${encodeURIComponent(flowRunId)}`)} data-testid="run-flow-link">
            {flowRunId.slice(-8)}
          </Link>
        </Typography>
      )}
      {versions.length > 0 && <Typography variant="body2">Model versions from this run:</Typography>}
      {versions.map((v) => (
        <Chip
          key={`${v.name}:${v.version}`}
          size="small"
          color={v.currentStage === 'Production' ? 'success' : 'default'}
          label={`${v.name} v${v.version}${v.currentStage === 'None' ? '' : ` · ${v.currentStage}`}`}
          onClick={() => navigate(`/models/${encodeURIComponent(v.name)}`)}
          data-testid="run-model-version"
        />
      ))}
    </Stack>
  );
}
