import pino, { type DestinationStream, type Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/**
 * Anything that could carry a secret is never written, wherever it appears in a log line: tokens,
 * keys, passwords, cookies, connection strings, webhook secrets.
 */
export const REDACTED_PATHS = [
  'password', '*.password', 'token', '*.token', 'secret', '*.secret', 'apiKey', '*.apiKey',
  'authorization', '*.authorization', 'headers.authorization', 'headers["x-api-key"]', 'headers.cookie',
  'req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie',
  'DATABASE_URL', '*.DATABASE_URL', 'connectionString', '*.connectionString', 'variables.password', 'variables.token',
];

/** Fields of a database error that identify it without quoting any data: SQLSTATE, constraint, table, column. */
const DATABASE_FIELDS = ['code', 'sqlState', 'constraint', 'table', 'column', 'routine', 'severity'] as const;

const isDatabaseError = (e: Record<string, unknown>) =>
  typeof e.sqlState === 'string' || (typeof e.severity === 'string' && typeof e.routine === 'string');

/**
 * An error as production logs it: its type and message, and no stack. A database error (pg's, or
 * MikroORM's wrapper, whose message quotes the whole statement with its values) keeps only what
 * names the failure, never the SQL or the data in it.
 */
export function productionError(error: unknown): Record<string, unknown> {
  if (!error || typeof error !== 'object') return { message: String(error) };
  const e = error as Record<string, unknown>;
  const type = (error as { constructor?: { name?: string } }).constructor?.name ?? 'Error';
  const cause = (e.previous ?? e.cause) as Record<string, unknown> | undefined;
  if (isDatabaseError(e) || (cause && typeof cause === 'object' && isDatabaseError(cause))) {
    const source = isDatabaseError(e) ? e : cause!;
    const fields: Record<string, unknown> = { type, database: true };
    for (const field of DATABASE_FIELDS) if (source[field] !== undefined) fields[field] = source[field];
    return fields;
  }
  return { type, message: typeof e.message === 'string' ? e.message : type, ...(typeof e.code === 'string' ? { code: e.code } : {}) };
}

/**
 * The one structured logger of the API and the worker: one JSON object per line with a time, a
 * level and the component's name. Errors carry their message and stack in development; in
 * production (`production: true`) no stack and no SQL or the data it carried is ever written.
 * Nothing reaches a client from here.
 */
export function createLogger(options: { level: LogLevel; name: string; production?: boolean; destination?: DestinationStream }): Logger {
  const err = options.production ? productionError : pino.stdSerializers.err;
  return pino(
    {
      name: options.name,
      level: options.level,
      base: { name: options.name },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: { err, error: err },
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination,
  );
}
