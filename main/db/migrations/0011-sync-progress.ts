import type { Migration } from '../migrate';

/**
 * Finer progress for pushing models, so a push cut off again and again still moves
 * forward: `meta_hash` is the model's description and tags as last pushed, and a
 * version's `pushed_hash` its tags, description and stage as last pushed.
 */
export const syncProgress: Migration = {
  version: 11,
  name: 'sync progress',
  up(db) {
    db.exec(`
      ALTER TABLE sync_models ADD COLUMN meta_hash TEXT;
      ALTER TABLE sync_versions ADD COLUMN pushed_hash TEXT;
    `);
  },
};
