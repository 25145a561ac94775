import type { Migration } from '../migrate';

export const appMeta: Migration = {
  version: 1,
  name: 'app-meta',
  up(db) {
    db.exec(`
      CREATE TABLE app_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
    db.prepare('INSERT INTO app_meta (key, value) VALUES (?, ?)').run('created_at', new Date().toISOString());
  },
};
