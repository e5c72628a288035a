import pino, { type DestinationStream, type Logger as PinoLogger } from 'pino';

export { processMetrics } from './metrics';

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
 * Secrets by their shape, wherever they turn up in a line (a message, an error's text, a field):
 * Waymark's own tokens (`<prefix>_<ids>_<secret>`: API keys, invitations, calendar feeds ...),
 * webhook signing secrets, session tokens (JWTs), Authorization values, the token segment of a
 * secret URL, and passwords in connection strings. A second net under the field redaction above.
 */
const SECRET_SHAPES: readonly (readonly [RegExp, string])[] = [
  [/\b([a-z]{2,8})_[0-9a-f]{64}_[A-Za-z0-9_-]{43}/g, '$1_[redacted]'],
  [/\bwhsec_[A-Za-z0-9+/=_-]{8,}/g, 'whsec_[redacted]'],
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, '[redacted token]'],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{12,}/gi, '$1 [redacted]'],
  // A template's `:token` stays as it is.
  [/\/(unsubscribe|calendar|invitations?|reset-password|password-reset)\/[^\s/"'?#<>:][^\s/"'?#<>]*/g, '/$1/[redacted]'],
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@"']*):[^\s@/"']+@/gi, '$1:[redacted]@'],
];

/** A text with every secret-shaped part replaced. */
export function scrubSecrets(text: string): string {
  let out = text;
  for (const [shape, replacement] of SECRET_SHAPES) out = out.replace(shape, replacement);
  return out;
}

/** Strings, plain objects and arrays scrubbed in depth; anything else (an Error, a Date) as it is. */
function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubSecrets(value);
  if (depth > 8 || !value || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubValue(v, depth + 1)]));
}

/**
 * The one structured logger of the API and the worker: one JSON object per line with a time, a
 * level and the component's name. Errors carry their message and stack in development; in
 * production (`production: true`) no stack and no SQL or the data it carried is ever written.
 * Nothing reaches a client from here.
 */
export function createLogger(options: { level: LogLevel; name: string; production?: boolean; destination?: DestinationStream }): Logger {
  const serialise = options.production ? productionError : pino.stdSerializers.err;
  const err = (error: unknown) => scrubValue({ ...serialise(error as Error) });
  return pino(
    {
      name: options.name,
      level: options.level,
      base: { name: options.name },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: { err, error: err },
      formatters: { level: (label) => ({ level: label }), log: (object) => scrubValue(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((arg) => (typeof arg === 'string' ? scrubSecrets(arg) : arg)) as Parameters<typeof method>);
        },
      },
    },
    options.destination,
  );
}
