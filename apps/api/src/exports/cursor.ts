import type { Knex } from '@mikro-orm/postgresql';

export const BATCH_SIZE = 500;
let sequence = 0;

/**
 * Reads a query through a server-side cursor in the request's transaction (so row-level security
 * applies), one batch at a time. The next batch is fetched only when the consumer asks for it, so
 * with `Readable.from` and `pipeline` a slow client slows the database reads instead of filling memory.
 * The cursor is closed when the generator finishes or is abandoned; ending the transaction closes it too.
 */
export async function* cursorBatches<T = Record<string, unknown>>(
  trx: Knex.Transaction,
  query: Knex.QueryBuilder,
  batchSize = BATCH_SIZE,
): AsyncGenerator<T[]> {
  const name = `waymark_export_${++sequence}`;
  const { sql, bindings } = query.toSQL();
  await trx.raw(`declare "${name}" no scroll cursor for ${sql}`, bindings);
  try {
    for (;;) {
      const result = await trx.raw<{ rows: T[] }>(`fetch forward ${batchSize} from "${name}"`);
      if (result.rows.length) yield result.rows;
      if (result.rows.length < batchSize) return;
    }
  } finally {
    // After a client disconnect the transaction may already be over, and with it the cursor.
    await trx.raw(`close "${name}"`).catch(() => undefined);
  }
}

/** The rows of `cursorBatches` one by one (for row-wise consumers such as a CSV stringifier). */
export async function* cursorRows<T = Record<string, unknown>>(trx: Knex.Transaction, query: Knex.QueryBuilder): AsyncGenerator<T> {
  for await (const batch of cursorBatches<T>(trx, query)) yield* batch;
}
