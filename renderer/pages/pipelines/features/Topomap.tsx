import { useEffect, useMemo, useState } from 'react';
import { Box, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { bandByChannel, seriesOf, type FeatureTableView } from './feature-table';
import { standardPositions } from './electrode-positions';
import { colourAt, interpolateGrid, levelPaths, scaleOf, type Point } from './topomap';
import { ColourBar, HeadOutline } from './TopomapParts';
import { percent } from './format-power';
import type { Band } from './use-features-result';

const GRID = 64;
/** Colour bands of the interpolated map. */
const LEVELS = 32;

/**
 * A band's mean relative power over the standard 10-05 positions, as an SVG: values
 * interpolated between the electrodes inside the head (in 32 colour bands), each electrode a dot in its
 * own colour (its name and value in the tooltip). Channels without a 10-05 position
 * (spatial-filter components, bipolar names) are listed instead.
 */
export function Topomap(props: { table: FeatureTableView; bands: Band[] }) {
  const { table } = props;
  const [band, setBand] = useState(table.bands[0] ?? '');
  const series = seriesOf(table);
  const [seriesName, setSeriesName] = useState(series[0]?.name ?? '');
  const [positions, setPositions] = useState<Map<string, Point> | null>(null);
  useEffect(() => {
    let current = true;
    void standardPositions().then((p) => current && setPositions(p));
    return () => {
      current = false;
    };
  }, []);
  const map = useMemo(() => {
    if (!positions) return null;
    const recordings = seriesOf(table).find((s) => s.name === seriesName)?.recordings ?? table.recordings;
    const values = bandByChannel(table, band, recordings);
    const placed = values.flatMap((v) => (positions.has(v.channel) && Number.isFinite(v.value) ? [{ ...v, ...positions.get(v.channel)! }] : []));
    const unplaced = values.filter((v) => !positions.has(v.channel)).map((v) => v.channel);
    const min = Math.min(...placed.map((p) => p.value));
    const max = Math.max(...placed.map((p) => p.value));
    const extent = Math.max(1, ...placed.map((p) => Math.hypot(p.x, p.y)));
    return { placed, unplaced, min, max, extent, grid: placed.length >= 3 ? interpolateGrid(placed, GRID, extent) : null };
  }, [positions, table, band, seriesName]);
  const scale = map ? scaleOf(map.min, map.max) : () => 0;
  const label = `Topographic map of ${band} relative power over ${map?.placed.length ?? 0} electrodes, ${seriesName}`;
  return (
    <Stack spacing={1} data-testid="topomap" data-band={band} data-series={seriesName}>
      <Stack direction="row" spacing={2}>
        <TextField select size="small" label="Band" value={band} onChange={(e) => setBand(e.target.value)} sx={{ minWidth: 200 }} slotProps={{ htmlInput: { 'data-testid': 'topomap-band' } }}>
          {table.bands.map((b) => {
            const edges = props.bands.find((x) => x.name === b);
            return (
              <MenuItem key={b} value={b}>
                {b}
                {edges ? ` (${edges.lo}–${edges.hi} Hz)` : ''}
              </MenuItem>
            );
          })}
        </TextField>
        {series.length > 1 && (
          <TextField select size="small" label="Group" value={seriesName} onChange={(e) => setSeriesName(e.target.value)} sx={{ minWidth: 160 }} slotProps={{ htmlInput: { 'data-testid': 'topomap-group' } }}>
            {series.map((s) => (
              <MenuItem key={s.name} value={s.name}>
                {s.name} (n={s.count})
              </MenuItem>
            ))}
          </TextField>
        )}
      </Stack>
      {!map && <Typography color="text.secondary">Loading the electrode positions…</Typography>}
      {map && map.placed.length === 0 && <Typography color="text.secondary">No channel of this table has a standard 10-05 position.</Typography>}
      {map && map.placed.length > 0 && (
        <>
          <Box component="svg" viewBox="-1.3 -1.3 2.6 2.6" role="img" aria-label={label} sx={{ width: 360, height: 360, color: 'text.primary' }}>
            <title>{label}</title>
            <defs>
              <clipPath id="topomap-head">
                <circle cx={0} cy={0} r={map.extent} />
              </clipPath>
            </defs>
            {map.grid && (
              <g clipPath="url(#topomap-head)" data-testid="topomap-grid">
                {levelPaths(map.grid.cells, map.grid.step, scale, LEVELS).map((l) => (
                  <path key={l.level} d={l.d} fill={l.colour} />
                ))}
              </g>
            )}
            <HeadOutline />
            {map.placed.map((p) => (
              <circle key={p.channel} cx={p.x} cy={p.y} r={0.045} fill={colourAt(scale(p.value))} stroke="currentColor" strokeWidth={0.012} data-testid="topomap-electrode" data-channel={p.channel} data-value={p.value}>
                <title>{`${p.channel}: ${percent(p.value)}`}</title>
              </circle>
            ))}
          </Box>
          <ColourBar min={map.min} max={map.max} />
        </>
      )}
      {map && map.unplaced.length > 0 && (
        <Typography variant="body2" color="text.secondary">
          Not on the map (no 10-05 position): {map.unplaced.join(', ')}
        </Typography>
      )}
    </Stack>
  );
}
