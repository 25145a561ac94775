import { useState } from 'react';
import { Button, FormControlLabel, MenuItem, Slider, Stack, Switch, TextField, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { metricOfX, type ChartSettings, type ChartX } from './chart-data';

/** A number typed in a range box, or null while it is empty or not a number. */
const parsed = (text: string): number | null => (text.trim() === '' || !Number.isFinite(Number(text)) ? null : Number(text));

/** The x range boxes: applied on Enter or by the button, cleared by Reset. Keyed by the applied range. */
function RangeBoxes(props: { range: ChartSettings['range']; onChange(range: ChartSettings['range']): void }) {
  const [from, setFrom] = useState(props.range ? String(props.range.from) : '');
  const [to, setTo] = useState(props.range ? String(props.range.to) : '');
  const a = parsed(from);
  const b = parsed(to);
  const valid = a !== null && b !== null && a < b;
  const apply = (): void => {
    if (valid) props.onChange({ from: a, to: b });
  };
  const box = (label: string, value: string, set: (v: string) => void, testId: string) => (
    <TextField
      size="small"
      label={label}
      value={value}
      onChange={(e) => set(e.target.value)}
      onKeyDown={(e) => e.key === 'Enter' && apply()}
      sx={{ width: 100 }}
      slotProps={{ htmlInput: { inputMode: 'decimal', 'data-testid': testId } }}
    />
  );
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      {box('x from', from, setFrom, 'zoom-from')}
      {box('x to', to, setTo, 'zoom-to')}
      <Button size="small" disabled={!valid} onClick={apply} data-testid="zoom-apply">Zoom</Button>
      <Button size="small" disabled={!props.range} onClick={() => props.onChange(null)} data-testid="zoom-reset">Reset</Button>
    </Stack>
  );
}

/** The controls every chart of a run or a comparison shares: x axis, smoothing, log scale, zoom. Drag across a chart to zoom too. */
export function ChartControls(props: { settings: ChartSettings; metricKeys: string[]; onChange(settings: ChartSettings): void }) {
  const { settings, onChange } = props;
  const xMetric = metricOfX(settings.x);
  // A new x axis has other units: the zoom no longer means anything.
  const setX = (x: ChartX): void => onChange({ ...settings, x, range: null });
  return (
    <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }} data-testid="chart-controls">
      <ToggleButtonGroup size="small" exclusive value={xMetric === null ? settings.x : null} onChange={(_, v: ChartX | null) => v && setX(v)} aria-label="chart x axis">
        <ToggleButton value="step" data-testid="axis-step">Step</ToggleButton>
        <ToggleButton value="time" data-testid="axis-time">Time</ToggleButton>
      </ToggleButtonGroup>
      <TextField
        select
        size="small"
        label="or a metric as x"
        value={xMetric ?? ''}
        onChange={(e) => setX(e.target.value ? `metric:${e.target.value}` : 'step')}
        sx={{ minWidth: 170 }}
        slotProps={{ htmlInput: { 'data-testid': 'axis-metric' } }}
      >
        <MenuItem value="">(none)</MenuItem>
        {props.metricKeys.map((k) => (
          <MenuItem key={k} value={k}>{k}</MenuItem>
        ))}
      </TextField>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', width: 220 }}>
        <Typography variant="body2" id="smoothing-label">Smoothing</Typography>
        <Slider
          size="small"
          min={0}
          max={0.99}
          step={0.01}
          value={settings.smoothing}
          onChange={(_, v) => onChange({ ...settings, smoothing: v as number })}
          valueLabelDisplay="auto"
          slotProps={{ input: { 'aria-labelledby': 'smoothing-label', 'data-testid': 'smoothing' } as object }}
        />
      </Stack>
      <FormControlLabel
        control={<Switch size="small" checked={settings.logY} onChange={(e) => onChange({ ...settings, logY: e.target.checked })} slotProps={{ input: { 'data-testid': 'log-scale' } as object }} />}
        label="Log scale"
      />
      <RangeBoxes key={JSON.stringify(settings.range)} range={settings.range} onChange={(range) => onChange({ ...settings, range })} />
    </Stack>
  );
}
