import { type Sql, cursorBatches as batches } from '@waymark/db';
import type { Compilable } from 'kysely';

export const BATCH_SIZE = 500;

/**
 * Reads a query built with `db` (the request's session) through a server-side cursor in the
 * request's transaction, BATCH_SIZE rows at a time as the consumer asks for them (see
 * cursorBatches in packages/db/src/sql/cursor.ts).
 */
export function cursorBatches<T = Record<string, unknown>>(db: Sql, query: Compilable<T>, batchSize = BATCH_SIZE): AsyncGenerator<T[]> {
  return batches(db, query, batchSize);
}

/** The rows of `cursorBatches` one by one (for row-wise consumers such as a CSV stringifier). */
export async function* cursorRows<T = Record<string, unknown>>(db: Sql, query: Compilable<T>): AsyncGenerator<T> {
  for await (const batch of cursorBatches<T>(db, query)) yield* batch;
}
