import type Database from 'better-sqlite3';
import type { Db } from '../../db/database';

/** Rows per statement: large chunks for bursts, small ones for the remainder. */
const CHUNKS = [256, 32, 4, 1];

/**
 * Inserts many rows with few statements: one multi-row INSERT per chunk, each chunk size
 * prepared once. For a thousand task transitions that is a handful of statements instead
 * of a thousand, which is most of what a batch costs.
 */
export class BulkInsert<Row> {
  private readonly statements = new Map<number, Database.Statement>();

  constructor(
    private readonly db: Db,
    /** `INSERT INTO t (a, b)` */
    private readonly head: string,
    private readonly columns: number,
    private readonly values: (row: Row) => unknown[],
    /** Appended after the VALUES, e.g. an ON CONFLICT clause. */
    private readonly tail = '',
  ) {}

  run(rows: readonly Row[]): void {
    let at = 0;
    for (const size of CHUNKS) {
      while (rows.length - at >= size) {
        const params: unknown[] = [];
        for (let i = at; i < at + size; i++) params.push(...this.values(rows[i]!));
        this.statement(size).run(params);
        at += size;
      }
    }
  }

  private statement(size: number): Database.Statement {
    let statement = this.statements.get(size);
    if (!statement) {
      const tuple = `(${new Array(this.columns).fill('?').join(', ')})`;
      statement = this.db.prepare(`${this.head} VALUES ${new Array(size).fill(tuple).join(', ')} ${this.tail}`);
      this.statements.set(size, statement);
    }
    return statement;
  }
}
