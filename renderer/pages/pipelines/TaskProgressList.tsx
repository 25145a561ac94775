import { Box, LinearProgress, Stack, Typography } from '@mui/material';
import type { TaskRun } from '../../../main/contract/executor';

/** One live progress bar per task run, with what the task last said it was doing. */
export function TaskProgressList(props: { tasks: TaskRun[] }) {
  return (
    <Stack spacing={1.5}>
      {props.tasks.map((task) => {
        const fraction = task.state === 'Completed' ? 1 : (task.progress ?? 0);
        return (
          <Box key={task.taskRunId} data-testid="task-progress" data-label={task.label} data-progress={fraction}>
            <Stack direction="row" sx={{ justifyContent: 'space-between' }}>
              <Typography variant="body2">{task.label}</Typography>
              <Typography variant="body2" color="text.secondary">
                {Math.round(fraction * 100)}%{task.progressMessage ? ` · ${task.progressMessage}` : ''}
              </Typography>
            </Stack>
            <LinearProgress variant="determinate" value={fraction * 100} aria-label={`${task.label} progress`} />
          </Box>
        );
      })}
    </Stack>
  );
}
