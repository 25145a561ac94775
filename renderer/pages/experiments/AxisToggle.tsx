import { ToggleButton, ToggleButtonGroup } from '@mui/material';
import type { ChartAxis } from './types';

export function AxisToggle(props: { axis: ChartAxis; onChange(axis: ChartAxis): void }) {
  return (
    <ToggleButtonGroup size="small" exclusive value={props.axis} onChange={(_, v: ChartAxis | null) => v && props.onChange(v)} aria-label="chart x axis">
      <ToggleButton value="step" data-testid="axis-step">Step</ToggleButton>
      <ToggleButton value="time" data-testid="axis-time">Time</ToggleButton>
    </ToggleButtonGroup>
  );
}
