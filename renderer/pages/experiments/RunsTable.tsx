import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Box, Checkbox, IconButton, Typography } from '@mui/material';
import ArrowDownIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpIcon from '@mui/icons-material/ArrowUpward';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import type { SortState } from './experiments-store';
import { formatDuration, formatTime, formatValue, metricOf, paramOf } from './format';
import { runRows } from './run-tree';
import { RunStatusChip } from './RunStatusChip';
import { SyncStateChip } from '../../shell/SyncStatusChip';
import type { Run } from './types';
import type { RunSync } from './use-run-sync';

const ROW_HEIGHT = 36;
const OVERSCAN = 10;
const VIEW_HEIGHT = 560;

interface Column {
  id: string;
  label: string;
  width: number;
  /** The order_by key the server sorts this column with; none: not sortable. */
  sortKey?: string;
  cell(run: Run): ReactNode;
}

const quoted = (key: string): string => `\`${key.replaceAll('`', '``')}\``;

function syncColumn(sync: RunSync): Column {
  return {
    id: 'sync',
    label: 'Sync',
    width: 130,
    cell: (r) => {
      const item = sync.statuses.get(r.info.runId);
      return item ? <SyncStateChip remote={sync.remote} item={item} /> : null;
    },
  };
}

function columnsFor(metrics: string[], params: string[], sync: RunSync | null): Column[] {
  return [
    { id: 'status', label: 'Status', width: 110, sortKey: 'attributes.status', cell: (r) => <RunStatusChip status={r.info.status} /> },
    ...(sync ? [syncColumn(sync)] : []),
    { id: 'start', label: 'Started', width: 180, sortKey: 'attributes.start_time', cell: (r) => formatTime(r.info.startTime) },
    { id: 'duration', label: 'Duration', width: 90, sortKey: 'attributes.end_time', cell: (r) => formatDuration(r) },
    ...metrics.map((k) => ({ id: `metric:${k}`, label: k, width: 120, sortKey: `metrics.${quoted(k)}`, cell: (r: Run) => formatValue(metricOf(r, k)) })),
    ...params.map((k) => ({ id: `param:${k}`, label: k, width: 120, sortKey: `params.${quoted(k)}`, cell: (r: Run) => paramOf(r, k) ?? '' })),
  ];
}

/**
 * The runs of the chosen experiments. Only the rows in view are in the DOM, so 10,000+
 * runs scroll smoothly; more pages load as the end comes into view. Nested runs sit
 * under their parent and fold away with the arrow. Sorting happens on the server.
 */
export function RunsTable(props: {
  runs: Run[];
  metricColumns: string[];
  paramColumns: string[];
  sort: SortState | null;
  checked: string[];
  hasMore: boolean;
  /** The runs' sync states; null when no remote is set (no column then). */
  sync?: RunSync | null;
  onSort(sort: SortState | null): void;
  onToggleChecked(runId: string): void;
  onOpen(runId: string): void;
  onNeedMore(): void;
}) {
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [scrollTop, setScrollTop] = useState(0);
  const viewport = useRef<HTMLDivElement>(null);
  const rows = useMemo(() => runRows(props.runs, collapsed), [props.runs, collapsed]);
  const sync = props.sync ?? null;
  const columns = useMemo(() => columnsFor(props.metricColumns, props.paramColumns, sync), [props.metricColumns, props.paramColumns, sync]);
  const nameWidth = 280;
  const totalWidth = 44 + nameWidth + columns.reduce((sum, c) => sum + c.width, 0);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + VIEW_HEIGHT) / ROW_HEIGHT) + OVERSCAN);
  const nearEnd = props.hasMore && last >= rows.length - OVERSCAN;
  const { onNeedMore } = props;
  useEffect(() => {
    if (nearEnd) onNeedMore();
  }, [nearEnd, onNeedMore, rows.length]);

  const sortBy = (key: string): void => {
    const current = props.sort?.key === key ? props.sort : null;
    // None → descending → ascending → none.
    props.onSort(!current ? { key, descending: true } : current.descending ? { key, descending: false } : null);
  };
  const header = (label: string, sortKey: string | undefined, width: number) =>
    sortKey === undefined ? (
      <Box key={label} role="columnheader" data-testid="run-column-header" sx={{ width, flexShrink: 0, px: 1, fontWeight: 600, overflow: 'hidden', whiteSpace: 'nowrap' }}>
        {label}
      </Box>
    ) : (
    <Box
      key={sortKey}
      role="columnheader"
      tabIndex={0}
      onClick={() => sortBy(sortKey)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          sortBy(sortKey);
        }
      }}
      data-testid="run-column-header"
      data-sort-key={sortKey}
      aria-sort={props.sort?.key === sortKey ? (props.sort.descending ? 'descending' : 'ascending') : 'none'}
      sx={{ width, flexShrink: 0, px: 1, cursor: 'pointer', fontWeight: 600, display: 'flex', alignItems: 'center', gap: 0.5, overflow: 'hidden', whiteSpace: 'nowrap' }}
      title={`Sort by ${label}`}
    >
      <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{label}</span>
      {props.sort?.key === sortKey && (props.sort.descending ? <ArrowDownIcon fontSize="inherit" /> : <ArrowUpIcon fontSize="inherit" />)}
    </Box>
  );

  if (props.runs.length === 0) return <Typography color="text.secondary" data-testid="no-runs">No runs match.</Typography>;
  return (
    <Box
      ref={viewport}
      role="table"
      aria-label="runs"
      aria-rowcount={rows.length}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      sx={{ height: VIEW_HEIGHT, overflow: 'auto', border: 1, borderColor: 'divider', borderRadius: 1, fontSize: 13 }}
    >
      <Box role="row" sx={{ display: 'flex', position: 'sticky', top: 0, zIndex: 1, bgcolor: 'background.paper', borderBottom: 1, borderColor: 'divider', height: ROW_HEIGHT, alignItems: 'center', width: totalWidth }}>
        <Box role="columnheader" aria-label="compare" sx={{ width: 44, flexShrink: 0 }} />
        {header('Run', 'attributes.run_name', nameWidth)}
        {columns.map((c) => header(c.label, c.sortKey, c.width))}
      </Box>
      <Box role="rowgroup" sx={{ height: rows.length * ROW_HEIGHT, position: 'relative', width: totalWidth }}>
        {rows.slice(first, last).map(({ run, depth, hasChildren }, i) => {
          const id = run.info.runId;
          return (
            <Box
              key={id}
              role="row"
              data-testid="run-row"
              data-run-id={id}
              data-run-name={run.info.runName}
              data-depth={depth}
              tabIndex={0}
              onClick={() => props.onOpen(id)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && e.target === e.currentTarget) props.onOpen(id);
              }}
              sx={{
                display: 'flex', alignItems: 'center', position: 'absolute', top: (first + i) * ROW_HEIGHT, height: ROW_HEIGHT, width: totalWidth,
                cursor: 'pointer', borderBottom: 1, borderColor: 'divider', '&:hover': { bgcolor: 'action.hover' },
              }}
            >
              <Box role="cell" sx={{ width: 44, flexShrink: 0 }} onClick={(e) => e.stopPropagation()}>
                <Checkbox size="small" checked={props.checked.includes(id)} onChange={() => props.onToggleChecked(id)} slotProps={{ input: { 'aria-label': `compare ${run.info.runName}` } }} />
              </Box>
              <Box role="cell" sx={{ width: nameWidth, flexShrink: 0, display: 'flex', alignItems: 'center', pl: depth * 2.5, overflow: 'hidden', whiteSpace: 'nowrap' }}>
                {hasChildren ? (
                  <IconButton
                    size="small"
                    aria-label={collapsed.has(id) ? 'show nested runs' : 'hide nested runs'}
                    onClick={(e) => {
                      e.stopPropagation();
                      setCollapsed((s) => {
                        const next = new Set(s);
                        if (next.has(id)) next.delete(id);
                        else next.add(id);
                        return next;
                      });
                    }}
                  >
                    {collapsed.has(id) ? <ChevronRightIcon fontSize="small" /> : <ExpandMoreIcon fontSize="small" />}
                  </IconButton>
                ) : (
                  <Box sx={{ width: 30 }} />
                )}
                <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{run.info.runName || id.slice(0, 8)}</span>
              </Box>
              {columns.map((c) => (
                <Box key={c.id} role="cell" sx={{ width: c.width, flexShrink: 0, px: 1, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} data-column={c.id}>
                  {c.cell(run)}
                </Box>
              ))}
            </Box>
          );
        })}
      </Box>
    </Box>
  );
}
