import type { Migration } from '../migrate';
import { appMeta } from './0001-app-meta';
import { tracking } from './0002-tracking';
import { executor } from './0003-executor';
import { registry } from './0004-registry';
import { transitionsInRows } from './0005-run-transitions-in-rows';
import { modelAuditOutlivesModels } from './0006-model-audit-outlives-models';
import { gateChangesInTrail } from './0007-gate-changes-in-trail';
import { runSearchIndexes } from './0008-run-search-indexes';
import { experimentRunCounts } from './0009-experiment-run-counts';
import { syncState } from './0010-sync-state';
import { syncProgress } from './0011-sync-progress';
import { auditChain } from './0012-audit-chain';
import { predictions } from './0013-predictions';
import { runChangeStamps } from './0014-run-change-stamps';

/** Every schema step, in order. Append only: a released step is never edited. */
export const migrations: readonly Migration[] = [appMeta, tracking, executor, registry, transitionsInRows, modelAuditOutlivesModels, gateChangesInTrail, runSearchIndexes, experimentRunCounts, syncState, syncProgress, auditChain, predictions, runChangeStamps];
