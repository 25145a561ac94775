import { Box, Stack, Tooltip, Typography } from '@mui/material';
import type { Theme } from '@mui/material/styles';
import type { RunStateName, TaskRun } from '../../../main/contract/executor';
import { formatDuration, TERMINAL } from './format';
import { StateChip } from './StateChip';
import { taskSegments, timelineSpan } from './timeline';
import { useNow } from './use-now';

function segmentColor(state: RunStateName, theme: Theme): string {
  switch (state) {
    case 'Running':
      return theme.palette.info.main;
    case 'Retrying':
    case 'Cancelling':
      return theme.palette.warning.main;
    case 'Pending':
      return theme.palette.grey[500];
    default:
      return theme.palette.action.disabledBackground;
  }
}

/** A Gantt chart of the task runs: one row per task, one bar per state it spent time in. */
export function TaskTimeline(props: { tasks: TaskRun[]; since: number }) {
  const now = useNow(props.tasks.some((t) => !TERMINAL.has(t.state)), 500);
  const span = timelineSpan(props.tasks, props.since, now);
  const total = span.end - span.start;
  const pct = (t: number): number => ((t - span.start) / total) * 100;
  if (props.tasks.length === 0) return <Typography color="text.secondary">No task has started yet.</Typography>;
  return (
    <Stack spacing={1} role="group" aria-label="task timeline" data-testid="task-timeline">
      {props.tasks.map((task) => (
        <Stack key={task.taskRunId} direction="row" spacing={2} sx={{ alignItems: 'center' }}>
          <Box sx={{ width: 180, flexShrink: 0 }}>
            <Typography variant="body2" noWrap title={task.taskName}>
              {task.label}
              {task.attempt > 1 && ` · ${task.attempt} attempts`}
              {task.cached && ' · cached'}
            </Typography>
          </Box>
          <Box sx={{ position: 'relative', flexGrow: 1, height: 18, bgcolor: 'action.hover', borderRadius: 1 }}>
            {taskSegments(task, now)
              .filter((s) => s.state !== 'Scheduled')
              .map((s) => (
                <Tooltip key={`${s.start}-${s.state}`} title={`${s.state}, attempt ${s.attempt}: ${formatDuration(s.end - s.start)}`}>
                  <Box
                    role="img"
                    data-testid="gantt-bar"
                    data-state={s.state}
                    data-attempt={s.attempt}
                    sx={{
                      position: 'absolute',
                      top: 2,
                      bottom: 2,
                      left: `${pct(s.start)}%`,
                      width: `max(${pct(s.end) - pct(s.start)}%, 3px)`,
                      bgcolor: (theme) => segmentColor(s.state, theme),
                      borderRadius: 0.5,
                    }}
                  />
                </Tooltip>
              ))}
          </Box>
          <Box sx={{ width: 110, flexShrink: 0 }}>
            <StateChip state={task.state} />
          </Box>
        </Stack>
      ))}
      <Stack direction="row" sx={{ justifyContent: 'space-between', pl: '196px', pr: '126px' }}>
        <Typography variant="caption" color="text.secondary">0 s</Typography>
        <Typography variant="caption" color="text.secondary">{formatDuration(total)}</Typography>
      </Stack>
    </Stack>
  );
}
