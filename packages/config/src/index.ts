import { z } from 'zod';
import { secretProblem } from './secrets';

export { secretProblem, estimateEntropyBits, KNOWN_SECRETS } from './secrets';

/**
 * The environment, parsed once per process with zod. Nothing else in Waymark reads process.env.
 * Settings come in sections, and each entry point parses only the sections it uses (the migration
 * CLI needs no Redis, the API no SMTP), so a setting an entry point does not read can never stop it.
 */
const postgresUrl = z
  .string()
  .url()
  .refine((u) => /^postgres(ql)?:\/\//.test(u), 'must be a postgres:// or postgresql:// URL');

const redisUrl = z
  .string()
  .url()
  .refine((u) => /^rediss?:\/\//.test(u), 'must be a redis:// or rediss:// URL');

const httpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//.test(u), 'must be an http:// or https:// URL');

/** An optional setting where an empty value (`NAME=` in a .env file) means unset. */
const unsetWhenEmpty = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const milliseconds = (fallback: number, max = 600_000) => z.coerce.number().int().min(0).max(max).default(fallback);
const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1');

type Env = NodeJS.ProcessEnv;
const isProduction = (env: Env) => env.NODE_ENV === 'production';

/**
 * A secret: required in production, where a known or placeholder value, or one too short or too
 * predictable, stops start-up. Development and tests may fall back to `devValue`.
 */
function secret(env: Env, devValue?: string) {
  const base = z.string().superRefine((value, ctx) => {
    const problem = isProduction(env) ? secretProblem(value) : null;
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
  return !isProduction(env) && devValue !== undefined ? base.default(devValue) : base;
}

/** WEB_BASE_URL: required in production; otherwise localhost on the API's port. */
function webBaseUrl(env: Env) {
  if (isProduction(env)) return httpUrl;
  const port = /^\d{1,5}$/.test(env.PORT ?? '') ? env.PORT : '4000';
  return httpUrl.default(`http://localhost:${port}/`);
}

/** Why the owner URL's password cannot be a production secret, or null (also when it has none). */
function ownerPasswordProblem(url: string): string | null {
  let password: string;
  try {
    password = decodeURIComponent(new URL(url).password);
  } catch {
    return null; // the URL itself is refused by its own rule
  }
  return password ? secretProblem(password) : null;
}

const sections = {
  core: (_env: Env) => ({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  }),
  database: (env: Env) => ({
    /**
     * The owner connection: migrations and seeds; the apps derive their own roles' URLs from it. Its
     * password, when it has one (a socket or certificate login may have none), is a secret like the others.
     */
    DATABASE_URL: postgresUrl.superRefine((value, ctx) => {
      const problem = isProduction(env) ? ownerPasswordProblem(value) : null;
      if (problem) ctx.addIssue({ code: 'custom', message: `its password ${problem}` });
    }),
    DATABASE_APP_PASSWORD: secret(env, 'waymark_app_dev'),
    DATABASE_ANALYTICS_PASSWORD: secret(env, 'waymark_analytics_dev'),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    /** A statement running longer is cancelled (a frozen or overloaded database cannot hang requests). */
    DATABASE_STATEMENT_TIMEOUT_MS: milliseconds(15_000),
    /** A transaction left idle this long is ended by PostgreSQL, so a stuck client cannot hold locks. */
    DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: milliseconds(30_000),
    /** Waiting longer than this for a pooled connection fails the request (503) instead of queueing forever. */
    DATABASE_ACQUIRE_TIMEOUT_MS: milliseconds(5_000),
  }),
  redis: (_env: Env) => ({
    REDIS_URL: redisUrl,
  }),
  /** Redis for an app that works without it (the API's rate limits fall back to memory). */
  optionalRedis: (_env: Env) => ({
    REDIS_URL: redisUrl.optional(),
  }),
  api: (env: Env) => ({
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    /** Loopback unless set: a development server is not reachable from the network by accident. */
    HOST: z.string().min(1).default('127.0.0.1'),
    AUTH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(30 * 24 * 3600).default(12 * 3600),
    SHUTDOWN_DEADLINE_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    /** Schema introspection and field suggestions; off by default in production. */
    GRAPHQL_INTROSPECTION: flag(!isProduction(env)),
    /** Set when the API is served over HTTPS (directly or behind a proxy): adds HSTS. */
    TLS: flag(false),
    /** Proxies in front of the API that append to X-Forwarded-For; 0 trusts none and uses the socket's address. */
    TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    /** Requests a minute for each person and each API key. */
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
    /** Requests a minute from one address without a credential (sign-in, invitations). */
    RATE_LIMIT_ANONYMOUS_PER_MINUTE: z.coerce.number().int().min(1).default(120),
    /**
     * A read replica of DATABASE_URL (same roles and passwords): benchmark views are read from it, so
     * a region's dashboard never loads the primary. Unset, they are read from the primary.
     */
    DATABASE_READ_URL: postgresUrl.optional(),
    /**
     * How long a request waits for any Redis command (rate limits, queueing a redelivery). A Redis
     * that has not answered by then is treated as away: rate limits are counted in memory until a
     * background check sees it answer again, so a frozen or unreachable Redis never holds a request.
     */
    REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(10).max(5_000).default(200),
    /** Failed sign-ins in a row for one account from one address before a lock-out that doubles each time. */
    RATE_LIMIT_LOGIN_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  }),
  /** What the API and the worker share: the signing secret, where people reach the web app, the metrics token. */
  shared: (env: Env) => ({
    /**
     * HS256 secret for session tokens, and the key of the HMAC that signs unsubscribe links (the
     * worker signs, the API checks). `npm start` generates one per data folder; production must set its own.
     */
    AUTH_TOKEN_SECRET: secret(env),
    /**
     * The web app's address as people reach it (the API serves it): links in emails and calendar
     * feeds point here. Required in production; elsewhere the API's own port on localhost (PORT,
     * 4000 by default), so a second stack on another port links to itself.
     */
    WEB_BASE_URL: webBaseUrl(env),
    /**
     * GET /metrics (the API's, and the worker's on its health port) needs it as a bearer token.
     * Unset: /metrics is open in development and tests, and switched off in production (a secret
     * there, checked like the others).
     */
    METRICS_TOKEN: unsetWhenEmpty(isProduction(env) ? secret(env) : z.string().min(16)),
  }),
  worker: (_env: Env) => ({
    /** The hour (0-23) in each organisation's own time zone from which its daily reminders go out. */
    REMINDER_LOCAL_HOUR: z.coerce.number().int().min(0).max(23).default(8),
    /** Reminders cover dates up to this many days ahead, and anything overdue. */
    REMINDER_LEAD_DAYS: z.coerce.number().int().min(0).max(90).default(7),
    /** How often the reminder schedule looks for organisations whose hour has come (a cron pattern, UTC). */
    REMINDER_SCAN_PATTERN: z.string().min(9).default('*/15 * * * *'),
    /** A claimed delivery not marked sent within this long is taken again by another attempt. */
    REMINDER_LEASE_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(120_000),
    /** First retry delay of a reminder job (doubling each try, 8 tries): rides out an SMTP outage. */
    REMINDER_RETRY_DELAY_MS: z.coerce.number().int().min(10).max(3_600_000).default(5_000),
    /** A job whose worker died (no lock renewal) is taken up again after about this long. */
    WORKER_STALLED_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
    /** The outbox relay wakes on NOTIFY; this poll is the safety net. */
    OUTBOX_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(5_000),
    SHUTDOWN_DEADLINE_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    /**
     * Benchmarks' protection interval P: no viewer may place a non-NAMED institution's score within
     * fewer than P points (of 100), whatever it combines. Never below 10 (docs/privacy.md).
     */
    BENCHMARK_PROTECTION_POINTS: z.coerce.number().int().min(10).max(100).default(15),
    /** The fewest contributors a benchmark figure needs that its viewer does not already know (NAMED ones and itself). Never below 2. */
    BENCHMARK_MIN_UNKNOWN: z.coerce.number().int().min(2).max(100).default(3),
    /** Submissions and reopenings within this window make one incremental benchmark recompute. */
    BENCHMARK_RECOMPUTE_WINDOW_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
    /** When the full benchmark recompute runs (cron, UTC). */
    BENCHMARK_NIGHTLY_PATTERN: z.string().min(9).default('0 2 * * *'),
    /** Audit entries older than this many days are deleted by the retention job (the record of a deleted organisation is kept). */
    AUDIT_RETENTION_DAYS: z.coerce.number().int().min(30).max(3650).default(730),
    /**
     * Finished deliveries (sent reminders, delivered or dead webhooks) older than this many days are
     * deleted by the retention job. Never below 14: the reminder ledger must outlive a weekly period.
     */
    DELIVERY_RETENTION_DAYS: z.coerce.number().int().min(14).max(3650).default(90),
    /** When the retention job runs (cron, UTC). */
    RETENTION_PRUNE_PATTERN: z.string().min(9).default('30 3 * * *'),
    /** The worker's health endpoint (GET /healthz, /readyz, /metrics) on loopback; 0 picks a free port. */
    WORKER_HEALTH_PORT: z.coerce.number().int().min(0).max(65535).default(4001),
  }),
  /**
   * Webhooks: read by the API (registration, redelivery) and the worker (delivery). Signing secrets
   * are sealed at rest under a key derived from AUTH_TOKEN_SECRET (see the shared section).
   */
  webhooks: (env: Env) => ({
    /** Endpoints on loopback, private or link-local addresses: allowed only in development and tests unless set. */
    WEBHOOK_ALLOW_PRIVATE_TARGETS: flag(env.NODE_ENV === 'development' || env.NODE_ENV === 'test' || env.NODE_ENV === undefined),
    /** One delivery attempt gives up after this long (the endpoint's answer included). */
    WEBHOOK_TIMEOUT_MS: milliseconds(10_000, 60_000),
    /** Tries per delivery before it is a dead letter. */
    WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(8),
    /** The first retry's delay; each next one is four times longer (with jitter), up to WEBHOOK_BACKOFF_MAX_MS. */
    WEBHOOK_BACKOFF_BASE_MS: milliseconds(5_000, 3_600_000),
    WEBHOOK_BACKOFF_MAX_MS: milliseconds(6 * 3_600_000, 24 * 3_600_000),
    /** Deliveries in flight at once per worker process, and at most this many to any one endpoint across all workers. */
    WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(16),
    WEBHOOK_ENDPOINT_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(2),
    /** How long a rotated-out signing secret keeps signing alongside the new one. */
    WEBHOOK_SECRET_GRACE_HOURS: z.coerce.number().int().min(0).max(24 * 30).default(24),
  }),
  mail: (_env: Env) => ({
    MAIL_FROM: z.string().min(3).default('Waymark <no-reply@waymark.local>'),
    /** Where reminder emails go; `npm start` runs a local mail sink when it is not set. */
    SMTP_URL: z.string().url().optional(),
  }),
  /** Traces: off unless an OTLP endpoint is set (then the API and the worker each export their spans). */
  telemetry: (_env: Env) => ({
    /** An OTLP/HTTP collector's base URL (spans go to `<url>/v1/traces`); unset, nothing is traced. */
    OTEL_EXPORTER_OTLP_ENDPOINT: unsetWhenEmpty(httpUrl),
    /** The `service.name` spans carry; `waymark-api` or `waymark-worker` when unset. */
    OTEL_SERVICE_NAME: unsetWhenEmpty(z.string().min(1).max(100)),
  }),
};

/** What each entry point reads: one schema each, built from the sections above. */
const schemas = {
  api: (env: Env) =>
    z.object({
      ...sections.core(env), ...sections.database(env), ...sections.optionalRedis(env), ...sections.shared(env), ...sections.api(env), ...sections.webhooks(env),
      ...sections.telemetry(env),
    }),
  worker: (env: Env) =>
    z.object({
      ...sections.core(env), ...sections.database(env), ...sections.redis(env), ...sections.shared(env), ...sections.worker(env), ...sections.mail(env),
      ...sections.webhooks(env), ...sections.telemetry(env),
    }),
  database: (env: Env) => z.object({ ...sections.core(env), ...sections.database(env) }),
  /** Every setting of every part: tests and benchmarks, which run them all. */
  all: (env: Env) =>
    z.object({
      ...sections.core(env), ...sections.database(env), ...sections.redis(env), ...sections.shared(env), ...sections.api(env), ...sections.worker(env),
      ...sections.mail(env), ...sections.webhooks(env), ...sections.telemetry(env),
    }),
};
export type EntryPoint = Exclude<keyof typeof schemas, 'all'>;
export type ConfigOf<E extends keyof typeof schemas> = z.infer<ReturnType<(typeof schemas)[E]>>;
export type ApiConfig = ConfigOf<'api'>;
export type WorkerConfig = ConfigOf<'worker'>;
export type DatabaseConfig = ConfigOf<'database'>;
export type Config = ConfigOf<'all'>;

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function parseWith<E extends keyof typeof schemas>(entry: E, env: Env): ConfigOf<E> {
  const result = schemas[entry](env).safeParse(env);
  if (result.success) return result.data as ConfigOf<E>;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    const missing = issue.code === 'invalid_type' && env[name] === undefined;
    return missing ? `${name} is required but not set` : `${name}: ${issue.message}`;
  });
  throw new ConfigError(problems);
}

/** Parses the settings one entry point reads; throws ConfigError naming each bad one. */
export function parseConfigFor<E extends EntryPoint>(entryPoint: E, env: Env = process.env): ConfigOf<E> {
  return parseWith(entryPoint, env);
}

/** Every setting of every part (tests, benchmarks). */
export function parseConfig(env: Env = process.env): Config {
  return parseWith('all', env);
}

/** The names of every variable any entry point reads: the configuration table in docs/operations.md lists exactly these. */
export function settingNames(): string[] {
  const names = new Set<string>();
  for (const build of Object.values(sections)) for (const key of Object.keys(build({}))) names.add(key);
  return [...names].sort();
}

/**
 * Database roles. The owner (DATABASE_URL) runs migrations and seeds; the API connects as
 * `waymark_app`, which row-level security confines to one organisation per transaction; only the
 * benchmark path uses `waymark_analytics`, the one role allowed to read across organisations.
 */
export const DATABASE_ROLES = { app: 'waymark_app', analytics: 'waymark_analytics' } as const;
export type DatabaseRole = keyof typeof DATABASE_ROLES | 'owner';

/** The connection URL for a role on the same database as DATABASE_URL. */
export function databaseUrlFor(cfg: DatabaseConfig, role: DatabaseRole): string {
  if (role === 'owner') return cfg.DATABASE_URL;
  const url = new URL(cfg.DATABASE_URL);
  url.username = DATABASE_ROLES[role];
  url.password = encodeURIComponent(role === 'app' ? cfg.DATABASE_APP_PASSWORD : cfg.DATABASE_ANALYTICS_PASSWORD);
  return url.toString();
}

/** The API role's connection to the read replica, or null when there is none. */
export function replicaUrlFor(cfg: DatabaseConfig & { DATABASE_READ_URL?: string }): string | null {
  if (!cfg.DATABASE_READ_URL) return null;
  const url = new URL(cfg.DATABASE_READ_URL);
  url.username = DATABASE_ROLES.app;
  url.password = encodeURIComponent(cfg.DATABASE_APP_PASSWORD);
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

/** The configuration of an entry point, parsed once: a bad setting prints what is wrong and exits. */
export function configOrExit<E extends EntryPoint>(entryPoint: E): ConfigOf<E> {
  try {
    return parseConfigFor(entryPoint);
  } catch (error) {
    return exitOnConfigError(error);
  }
}
