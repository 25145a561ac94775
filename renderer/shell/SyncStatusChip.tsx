import { useEffect, useState } from 'react';
import { Chip } from '@mui/material';
import type { Output } from '../../main/contract';
import { api } from '../api/client';

export type SyncItem = Pick<Output<'sync.itemStatus'>['runs'][number], 'state' | 'code' | 'reason'>;

const LOOK = {
  synced: { color: 'success', label: 'synced' },
  pending: { color: 'default', label: 'sync pending' },
  failed: { color: 'error', label: 'sync failed' },
} as const;

/** One item's sync state as a chip; a failure's reason and code are in the tooltip. */
export function SyncStateChip(props: { remote: string; item: SyncItem }) {
  const look = LOOK[props.item.state];
  const title = props.item.state === 'failed' ? `${props.item.reason ?? ''} [${props.item.code ?? ''}]` : `${look.label} with ${props.remote}`;
  return <Chip size="small" variant="outlined" color={look.color} label={look.label} title={title} data-testid="sync-status" data-state={props.item.state} />;
}

/**
 * Whether a run or a model is on the remote MLflow server: synced, pending (new or changed
 * since the last push) or failed, with the reason in the tooltip. Nothing shows while no
 * remote is set, so a workstation that never syncs sees no noise.
 */
export function SyncStatusChip(props: { runId?: string; model?: string; refreshKey?: unknown }) {
  const [state, setState] = useState<{ remote: string; item: SyncItem } | null>(null);
  useEffect(() => {
    let live = true;
    api.sync
      .itemStatus({ runIds: props.runId ? [props.runId] : [], models: props.model ? [props.model] : [] })
      .then((s) => {
        const item: SyncItem | undefined = s.runs[0] ?? s.models[0];
        if (live) setState(s.remote && item ? { remote: s.remote, item } : null);
      })
      .catch(() => live && setState(null));
    return () => {
      live = false;
    };
  }, [props.runId, props.model, props.refreshKey]);
  if (!state) return null;
  return <SyncStateChip remote={state.remote} item={state.item} />;
}
