import pg from 'pg';

/** A pooled connection as node-postgres gives it (knex hands out plain `pg.Client`s). */
export type PgConnection = pg.Client & { __knex__disposed?: unknown };

/** Observes every statement sent (tests count statements per request with it). */
export type QueryObserver = (sql: string) => void;

// MikroORM gives its connections parsers that leave dates as strings; the read path wants what the
// API shows: timestamps as Date (serialised as ISO 8601 with milliseconds), calendar dates as the
// plain 'YYYY-MM-DD' they are, everything else as node-postgres parses it.
const OID = { DATE: 1082, TIMESTAMP: 1114, TIMESTAMPTZ: 1184 } as const;
type TextParser = (value: string) => unknown;
const TIMESTAMP = pg.types.getTypeParser(OID.TIMESTAMPTZ, 'text') as TextParser;
const READ_TYPES = {
  getTypeParser(oid: number, format: 'text' | 'binary' = 'text'): TextParser {
    if (oid === OID.TIMESTAMPTZ || oid === OID.TIMESTAMP) return TIMESTAMP;
    if (oid === OID.DATE) return (value: string) => value;
    return pg.types.getTypeParser(oid, format) as TextParser;
  },
};

const GUARDED = Symbol('waymark.guarded');

/** A statement that timed out on the client: the server never answered, so nothing else on this connection will be answered either. */
export const isReadTimeout = (error: unknown) => error instanceof Error && error.message === 'Query read timeout';

/**
 * A connection whose statement timed out client-side (the server is frozen or unreachable) is
 * closed at once: node-postgres would otherwise keep it waiting for an answer that is not coming,
 * and everything queued behind it (the ROLLBACK too) would hang as long. Closing it fails what waits
 * at once, and the pool makes a new connection next time. Applied once per pooled connection, to
 * MikroORM's statements and ours alike.
 */
export function guardConnection(connection: PgConnection): void {
  const guarded = connection as PgConnection & { [GUARDED]?: true; connection?: { stream?: { destroy(): void } } };
  if (guarded[GUARDED]) return;
  guarded[GUARDED] = true;
  const close = () => {
    connection.__knex__disposed = 'a statement timed out: the database did not answer';
    guarded.connection?.stream?.destroy();
  };
  const query = connection.query.bind(connection) as (...args: unknown[]) => unknown;
  (connection as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === 'function') {
      args[last] = (error: unknown, ...rest: unknown[]) => {
        if (isReadTimeout(error)) close();
        return (callback as (...a: unknown[]) => unknown)(error, ...rest);
      };
      return query(...args);
    }
    const result = query(...args);
    if (result && typeof (result as Promise<unknown>).catch === 'function') {
      (result as Promise<unknown>).catch((error: unknown) => {
        if (isReadTimeout(error)) close();
      });
    }
    return result;
  };
}

/**
 * Sends statements on one connection, strictly one after another. GraphQL resolves sibling fields
 * at the same time and their loaders fire together; node-postgres would queue them on the client
 * itself, which it deprecates (pg 9 refuses it), so the queue is ours: each statement starts when
 * the one before it has finished, whether it succeeded or not.
 */
export class SqlRunner {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    readonly connection: PgConnection,
    private readonly observe?: QueryObserver,
  ) {
    guardConnection(connection);
  }

  /** Rows of one parameterised statement. */
  async rows<R>(text: string, values: readonly unknown[] = []): Promise<R[]> {
    return (await this.result<R>(text, values)).rows;
  }

  /** Rows and the count of rows written, of one parameterised statement. */
  result<R>(text: string, values: readonly unknown[] = []): Promise<{ rows: R[]; rowCount: number | null }> {
    return this.enqueue(async () => {
      this.observe?.(text);
      const result = await this.connection.query<R & pg.QueryResultRow>({ text, values: values as unknown[], types: READ_TYPES });
      return { rows: result.rows, rowCount: result.rowCount };
    });
  }

  /**
   * Statements without parameters in one round trip (the simple query protocol), e.g.
   * `begin; select ...`. Only for text built from validated values, never from user input.
   */
  batch<R>(text: string): Promise<R[][]> {
    return this.enqueue(async () => {
      this.observe?.(text);
      const result = (await this.connection.query({ text, types: READ_TYPES } as pg.QueryConfig)) as unknown as
        | pg.QueryResult<R & pg.QueryResultRow>
        | pg.QueryResult<R & pg.QueryResultRow>[];
      return (Array.isArray(result) ? result : [result]).map((r) => r.rows);
    });
  }

  /** Resolves once everything sent so far has finished. */
  settled(): Promise<void> {
    return this.tail.then(() => undefined);
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work, work);
    this.tail = run.catch(() => undefined);
    return run;
  }
}
