import type { Config } from '@waymark/config';

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
type Level = (typeof LEVELS)[number];

export interface Logger {
  debug(message: string, extra?: unknown): void;
  info(message: string, extra?: unknown): void;
  warn(message: string, extra?: unknown): void;
  error(message: string, extra?: unknown): void;
}

/** One JSON line per event on stderr/stdout; quiet in tests unless LOG_LEVEL says otherwise. */
export function createLogger(cfg: Pick<Config, 'LOG_LEVEL'>, name: string): Logger {
  const min = cfg.LOG_LEVEL === 'silent' ? Infinity : LEVELS.indexOf(cfg.LOG_LEVEL);
  const write = (level: Level) => (message: string, extra?: unknown) => {
    if (LEVELS.indexOf(level) < min) return;
    const detail = extra instanceof Error ? { error: extra.message, stack: extra.stack } : extra;
    const line = JSON.stringify({ at: new Date().toISOString(), level, name, message, ...(detail ? { detail } : {}) });
    (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(`${line}\n`);
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
