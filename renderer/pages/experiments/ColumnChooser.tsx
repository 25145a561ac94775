import { useState } from 'react';
import { Button, Checkbox, Divider, ListItemIcon, ListItemText, ListSubheader, Menu, MenuItem } from '@mui/material';
import ViewColumnIcon from '@mui/icons-material/ViewColumn';
import type { ChosenColumns } from './experiments-view';

/** Picks which params and metrics show as columns of the runs table. */
export function ColumnChooser(props: {
  params: string[];
  metrics: string[];
  chosen: ChosenColumns;
  onChange(columns: ChosenColumns): void;
}) {
  const toggle = (kind: 'params' | 'metrics', key: string): void => {
    const keys = props.chosen[kind];
    props.onChange({ ...props.chosen, [kind]: keys.includes(key) ? keys.filter((k) => k !== key) : [...keys, key] });
  };
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const item = (kind: 'params' | 'metrics', key: string) => (
    <MenuItem
      key={`${kind}:${key}`}
      dense
      onClick={() => toggle(kind, key)}
      data-testid="column-option"
      data-column={`${kind.slice(0, -1)}:${key}`}
    >
      <ListItemIcon>
        <Checkbox size="small" edge="start" checked={props.chosen[kind].includes(key)} tabIndex={-1} disableRipple slotProps={{ input: { 'aria-label': `${key} column` } }} />
      </ListItemIcon>
      <ListItemText primary={key} />
    </MenuItem>
  );
  return (
    <>
      <Button startIcon={<ViewColumnIcon />} onClick={(e) => setAnchor(e.currentTarget)} data-testid="column-chooser">
        Columns
      </Button>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)} slotProps={{ paper: { sx: { maxHeight: 480 } } }}>
        <ListSubheader>Metrics</ListSubheader>
        {props.metrics.length === 0 && <MenuItem disabled>none logged</MenuItem>}
        {props.metrics.map((k) => item('metrics', k))}
        <Divider />
        <ListSubheader>Params</ListSubheader>
        {props.params.length === 0 && <MenuItem disabled>none logged</MenuItem>}
        {props.params.map((k) => item('params', k))}
      </Menu>
    </>
  );
}
