import { useState } from 'react';
import { Button, Checkbox, Divider, ListItemIcon, ListItemText, ListSubheader, Menu, MenuItem } from '@mui/material';
import ViewColumnIcon from '@mui/icons-material/ViewColumn';

/** Picks which params and metrics show as columns of the runs table. */
export function ColumnChooser(props: {
  params: string[];
  metrics: string[];
  chosenParams: string[];
  chosenMetrics: string[];
  onChange(kind: 'param' | 'metric', keys: string[]): void;
}) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const item = (kind: 'param' | 'metric', key: string, chosen: string[]) => (
    <MenuItem
      key={`${kind}:${key}`}
      dense
      onClick={() => props.onChange(kind, chosen.includes(key) ? chosen.filter((k) => k !== key) : [...chosen, key])}
      data-testid="column-option"
      data-column={`${kind}:${key}`}
    >
      <ListItemIcon>
        <Checkbox size="small" edge="start" checked={chosen.includes(key)} tabIndex={-1} disableRipple />
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
        {props.metrics.map((k) => item('metric', k, props.chosenMetrics))}
        <Divider />
        <ListSubheader>Params</ListSubheader>
        {props.params.length === 0 && <MenuItem disabled>none logged</MenuItem>}
        {props.params.map((k) => item('param', k, props.chosenParams))}
      </Menu>
    </>
  );
}
