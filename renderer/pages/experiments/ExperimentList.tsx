import { useState } from 'react';
import { Checkbox, List, ListItem, ListItemButton, ListItemText, Paper, TextField, Typography } from '@mui/material';
import type { ExperimentActivity } from './experiments-view';
import type { Experiment } from './types';

const runCount = (activity: ExperimentActivity | undefined): string => {
  const n = activity?.runCount ?? 0;
  return `${n.toLocaleString()} run${n === 1 ? '' : 's'}`;
};

/** Experiments with their run counts and a search box; a tick shows several at once, a click on a name only that one. */
export function ExperimentList(props: { experiments: Experiment[]; activity: Record<string, ExperimentActivity>; selected: string[]; onSelect(ids: string[]): void }) {
  const { experiments, selected, onSelect } = props;
  const [search, setSearch] = useState('');
  if (experiments.length === 0) return <Typography color="text.secondary">No experiments yet.</Typography>;
  const toggle = (id: string): void => onSelect(selected.includes(id) ? selected.filter((s) => s !== id) : [...selected, id]);
  const needle = search.trim().toLowerCase();
  const shown = needle ? experiments.filter((e) => e.name.toLowerCase().includes(needle)) : experiments;
  return (
    <Paper variant="outlined">
      <TextField
        size="small"
        fullWidth
        placeholder="Search experiments"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        slotProps={{ htmlInput: { 'aria-label': 'search experiments', 'data-testid': 'experiment-search' } }}
        sx={{ p: 1 }}
      />
      {shown.length === 0 && <Typography color="text.secondary" sx={{ p: 1 }}>No experiment matches.</Typography>}
      <List dense aria-label="experiments" disablePadding sx={{ maxHeight: 560, overflow: 'auto' }}>
        {shown.map((e) => (
          <ListItem key={e.experimentId} disablePadding>
            {/* The tick sits beside the button, not in it: one control inside another cannot be reached by keyboard or screen readers. */}
            <Checkbox
              size="small"
              checked={selected.includes(e.experimentId)}
              onChange={() => toggle(e.experimentId)}
              slotProps={{ input: { 'aria-label': `show runs of ${e.name}` } }}
              sx={{ ml: 0.5 }}
            />
            <ListItemButton
              selected={selected.includes(e.experimentId)}
              onClick={() => onSelect([e.experimentId])}
              data-testid="experiment-item"
              data-experiment-name={e.name}
              sx={{ pl: 0.5 }}
            >
              <ListItemText primary={e.name} secondary={runCount(props.activity[e.experimentId])} slotProps={{ secondary: { 'data-testid': 'experiment-run-count' } as object }} />
            </ListItemButton>
          </ListItem>
        ))}
      </List>
    </Paper>
  );
}
