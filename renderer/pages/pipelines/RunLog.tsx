import { useEffect, useMemo, useRef, useState } from 'react';
import { Box, Stack, TextField, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import type { LogLevelName, LogLine, TaskRun } from '../../../main/contract/executor';

const LEVELS: LogLevelName[] = ['debug', 'info', 'warn', 'error'];
const RANK: Record<LogLevelName, number> = { debug: 0, info: 1, warn: 2, error: 3 };
const COLORS: Record<LogLevelName, string> = { debug: 'text.secondary', info: 'text.primary', warn: 'warning.main', error: 'error.main' };

/** The run's log as it grows, filtered by minimum level and text; it follows the end unless scrolled up. */
export function RunLog(props: { lines: LogLine[]; tasks: TaskRun[] }) {
  const [minLevel, setMinLevel] = useState<LogLevelName>('info');
  const [search, setSearch] = useState('');
  const box = useRef<HTMLDivElement>(null);
  const labels = useMemo(() => new Map(props.tasks.map((t) => [t.taskRunId, t.label])), [props.tasks]);
  const shown = props.lines.filter((l) => RANK[l.level] >= RANK[minLevel] && (!search || l.message.toLowerCase().includes(search.toLowerCase())));
  useEffect(() => {
    const el = box.current;
    if (el && el.scrollHeight - el.scrollTop - el.clientHeight < 80) el.scrollTop = el.scrollHeight;
  }, [shown.length]);
  return (
    <Stack spacing={1}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <ToggleButtonGroup size="small" exclusive value={minLevel} onChange={(_e, v: LogLevelName | null) => v && setMinLevel(v)} aria-label="minimum log level">
          {LEVELS.map((level) => (
            <ToggleButton key={level} value={level} data-testid={`log-level-${level}`}>
              {level}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        <TextField size="small" placeholder="Search the log" value={search} onChange={(e) => setSearch(e.target.value)} />
      </Stack>
      <Box
        ref={box}
        data-testid="log-view"
        sx={{ fontFamily: 'monospace', fontSize: 12, maxHeight: 320, overflow: 'auto', bgcolor: 'action.hover', p: 1, borderRadius: 1, whiteSpace: 'pre-wrap' }}
      >
        {shown.length === 0 && <Typography variant="body2" color="text.secondary">No log lines at this level.</Typography>}
        {shown.map((line) => (
          <Box key={line.logId} data-testid="log-line" data-level={line.level} sx={{ color: COLORS[line.level] }}>
            {new Date(line.at).toLocaleTimeString()} {line.level.toUpperCase().padEnd(5)} {line.taskRunId ? `[${labels.get(line.taskRunId) ?? 'task'}] ` : ''}
            {line.message}
          </Box>
        ))}
      </Box>
    </Stack>
  );
}
