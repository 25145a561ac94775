import type Database from 'better-sqlite3';
import type { Db } from './database';

/**
 * Prepares each fixed SQL text once per connection. Preparing costs more than running a
 * small statement, and hot paths (a nested run per task) run the same few many times.
 * Only for SQL from a fixed set: texts built per call (IN lists) would grow it forever.
 */
export function statementCache(db: Db): (sql: string) => Database.Statement {
  const cache = new Map<string, Database.Statement>();
  return (sql) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
}
