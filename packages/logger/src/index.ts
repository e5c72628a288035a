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

/**
 * The one structured logger of the API and the worker: one JSON object per line with a time, a
 * level and the component's name; errors carry their message and stack, which stay in the logs and
 * never reach a client.
 */
export function createLogger(options: { level: LogLevel; name: string; destination?: DestinationStream }): Logger {
  return pino(
    {
      name: options.name,
      level: options.level,
      base: { name: options.name },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination,
  );
}
