import { type Compilable, CompiledQuery, sql } from 'kysely';
import type { Sql } from './index';

let sequence = 0;

/**
 * Reads a statement built with `db` through a server-side cursor in the transaction `db` runs in
 * (a session's, so row-level security applies), one batch at a time. The next batch is fetched
 * only when the consumer asks for it, so with `Readable.from` and `pipeline` a slow client slows
 * the database reads instead of filling memory. The cursor is closed when the generator finishes
 * or is abandoned; ending the transaction closes it too.
 *
 * The statement is compiled by the builder (its scope and names applied) and declared as the
 * cursor's query with its parameters as they are: DECLARE takes a query, not a builder.
 */
export async function* cursorBatches<R>(db: Sql, query: Compilable<R>, batchSize: number): AsyncGenerator<R[]> {
  const name = `waymark_export_${++sequence}`;
  const compiled = query.compile();
  await db.executeQuery(CompiledQuery.raw(`declare "${name}" no scroll cursor for ${compiled.sql}`, [...compiled.parameters]));
  try {
    for (;;) {
      const { rows } = await sql<R>`fetch forward ${sql.lit(batchSize)} from ${sql.id(name)}`.execute(db);
      if (rows.length) yield rows;
      if (rows.length < batchSize) return;
    }
  } finally {
    // After a client disconnect the transaction may already be over, and with it the cursor.
    await sql`close ${sql.id(name)}`.execute(db).catch(() => undefined);
  }
}
