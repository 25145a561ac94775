import type Database from 'better-sqlite3';
import type { Db } from './database';

/** Rows per statement: large chunks for bursts, small ones for the remainder. */
const CHUNKS = [256, 32, 4, 1];

/**
 * Writes many rows with few statements: one statement per chunk of rows, its rows given as
 * a multi-row VALUES list, each chunk size prepared once. For a thousand task runs that is
 * a handful of statements instead of a thousand, which is most of what a batch costs.
 */
export class MultiRowStatement<Row> {
  private readonly statements = new Map<number, Database.Statement>();

  constructor(
    private readonly db: Db,
    /** The statement around a VALUES list, e.g. `(values) => \`INSERT INTO t (a, b) ${values}\``. */
    private readonly sql: (values: string) => string,
    private readonly columns: number,
    /** Appends the row's values, in column order, to `out`. */
    private readonly values: (row: Row, out: unknown[]) => void,
  ) {}

  run(rows: readonly Row[]): void {
    let at = 0;
    for (const size of CHUNKS) {
      while (rows.length - at >= size) {
        const params: unknown[] = [];
        for (let i = at; i < at + size; i++) this.values(rows[i]!, params);
        this.statement(size).run(params);
        at += size;
      }
    }
  }

  private statement(size: number): Database.Statement {
    let statement = this.statements.get(size);
    if (!statement) {
      const tuple = `(${new Array(this.columns).fill('?').join(', ')})`;
      statement = this.db.prepare(this.sql(`VALUES ${new Array(size).fill(tuple).join(', ')}`));
      this.statements.set(size, statement);
    }
    return statement;
  }
}
