import type { syncProcedures } from '../../contract/sync';
import type { Handler } from '../../core/dispatcher';
import { scopeOf } from './push';
import type { SyncService } from './sync-service';

type SyncHandlers = { [N in keyof typeof syncProcedures]: Handler<N> };

export function syncHandlers(sync: SyncService): SyncHandlers {
  return {
    'sync.push': (input) => sync.push({ remote: input.remote, scope: scopeOf(input) }),
    'sync.pull': (input) => sync.pull({ remote: input.remote, ref: input.model }),
    'sync.status': (input) => sync.overview(input.remote),
    'sync.itemStatus': (input) => sync.itemStatus(input),
    'sync.getSettings': () => sync.readSettings(),
    'sync.saveSettings': (input) => sync.saveSettings(input),
    'sync.testConnection': (input) => sync.testConnection(input.remote),
  };
}
