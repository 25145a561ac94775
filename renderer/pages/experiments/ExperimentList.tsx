import { Checkbox, List, ListItemButton, ListItemIcon, ListItemText, Paper, Typography } from '@mui/material';
import type { Experiment } from './types';

/** Experiments, with a tick to show several at once; a click on a name shows only that one. */
export function ExperimentList(props: { experiments: Experiment[]; selected: string[]; onSelect(ids: string[]): void }) {
  const { experiments, selected, onSelect } = props;
  if (experiments.length === 0) return <Typography color="text.secondary">No experiments yet.</Typography>;
  const toggle = (id: string): void => onSelect(selected.includes(id) ? selected.filter((s) => s !== id) : [...selected, id]);
  return (
    <Paper variant="outlined">
      <List dense aria-label="experiments" disablePadding>
        {experiments.map((e) => (
          <ListItemButton
            key={e.experimentId}
            selected={selected.includes(e.experimentId)}
            onClick={() => onSelect([e.experimentId])}
            data-testid="experiment-item"
            data-experiment-name={e.name}
          >
            <ListItemIcon sx={{ minWidth: 32 }}>
              <Checkbox
                edge="start"
                size="small"
                checked={selected.includes(e.experimentId)}
                onClick={(event) => event.stopPropagation()}
                onChange={() => toggle(e.experimentId)}
                slotProps={{ input: { 'aria-label': `show runs of ${e.name}` } }}
              />
            </ListItemIcon>
            <ListItemText primary={e.name} secondary={`id ${e.experimentId}`} />
          </ListItemButton>
        ))}
      </List>
    </Paper>
  );
}
