import { z } from 'zod';

/**
 * The whole environment, parsed once. Nothing else in Waymark reads process.env, so every setting
 * is named, typed and documented here, and a bad value stops start-up with a message naming it.
 */
const isProduction = (env: NodeJS.ProcessEnv) => env.NODE_ENV === 'production';

const postgresUrl = z
  .string()
  .url()
  .refine((u) => /^postgres(ql)?:\/\//.test(u), 'must be a postgres:// or postgresql:// URL');

const redisUrl = z
  .string()
  .url()
  .refine((u) => /^rediss?:\/\//.test(u), 'must be a redis:// or rediss:// URL');

function schemaFor(env: NodeJS.ProcessEnv) {
  const prod = isProduction(env);
  // Development defaults keep `npm start` a one-command affair; production must set its own.
  const devDefault = <T extends z.ZodTypeAny>(s: T, value: string) => (prod ? s : s.default(value as never));
  return z.object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    DATABASE_URL: postgresUrl,
    DATABASE_APP_PASSWORD: devDefault(z.string().min(8), 'waymark_app_dev'),
    DATABASE_ANALYTICS_PASSWORD: devDefault(z.string().min(8), 'waymark_analytics_dev'),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    REDIS_URL: redisUrl,
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    HOST: z.string().default('0.0.0.0'),
    AUTH_TOKEN_SECRET: devDefault(z.string().min(32, 'must be at least 32 characters'), 'development-only-secret-change-me-0123456789'),
    AUTH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(30 * 24 * 3600).default(12 * 3600),
    SHUTDOWN_DEADLINE_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
    MAIL_FROM: z.string().default('Waymark <no-reply@waymark.local>'),
    SMTP_URL: z.string().url().optional(),
  });
}

export type Config = z.infer<ReturnType<typeof schemaFor>>;

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses an environment (process.env by default); throws ConfigError naming each bad setting. */
export function parseConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = schemaFor(env).safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    const missing = issue.code === 'invalid_type' && env[name] === undefined;
    return missing ? `${name} is required but not set` : `${name}: ${issue.message}`;
  });
  throw new ConfigError(problems);
}

let cached: Config | undefined;

/** The process-wide configuration, parsed on first use. */
export function config(): Config {
  cached ??= parseConfig();
  return cached;
}

/**
 * Database roles. The owner (DATABASE_URL) runs migrations and seeds; the API connects as
 * `waymark_app`, which row-level security confines to one organisation per transaction; only the
 * benchmark path uses `waymark_analytics`, the one role allowed to read across organisations.
 */
export const DATABASE_ROLES = { app: 'waymark_app', analytics: 'waymark_analytics' } as const;
export type DatabaseRole = keyof typeof DATABASE_ROLES | 'owner';

/** The connection URL for a role on the same database as DATABASE_URL. */
export function databaseUrlFor(cfg: Config, role: DatabaseRole): string {
  if (role === 'owner') return cfg.DATABASE_URL;
  const url = new URL(cfg.DATABASE_URL);
  url.username = DATABASE_ROLES[role];
  url.password = encodeURIComponent(role === 'app' ? cfg.DATABASE_APP_PASSWORD : cfg.DATABASE_ANALYTICS_PASSWORD);
  return url.toString();
}

/** Prints a ConfigError plainly and exits; anything else is rethrown. For entry points. */
export function exitOnConfigError(error: unknown): never {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(78); // EX_CONFIG
  }
  throw error;
}

/** The configuration for an entry point: a bad setting prints what is wrong and exits. */
export function configOrExit(): Config {
  try {
    return config();
  } catch (error) {
    return exitOnConfigError(error);
  }
}
