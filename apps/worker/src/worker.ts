import { Queue, type Worker } from 'bullmq';
import IORedis from 'ioredis';
import { MikroORM } from '@mikro-orm/postgresql';
import type { WorkerConfig as Config } from '@waymark/config';
import { databaseUrlFor } from '@waymark/config';
import { createCrossTenantReader, ormConfig, sqlPool } from '@waymark/db';
import { QUEUES, type QueueName, queuePrefix } from '@waymark/jobs';
import { type Logger, createLogger } from '@waymark/logger';
import { AccountMailSender } from './account-mail/sender';
import { type HealthServer, type MetricsAccess, readiness, startHealthServer } from './health';
import { WorkerMetrics } from './metrics';
import { OutboxRelay } from './outbox/relay';
import { PROCESSORS, type Processor } from './processors';
import { startProcessors } from './registry';
import { createMailer, mailDomain } from './reminders/mailer';
import { upsertSchedulers } from './schedulers';
import type { WorkerServices } from './services';
import { type ShutdownResult, shutdownInOrder } from './shutdown';
import { EndpointSlots } from './webhooks/slots';

/** What start-up says about the worker's GET /metrics. */
const METRICS_ACCESS = {
  token: 'metrics: GET /metrics on the worker health port (loopback), for a bearer token equal to METRICS_TOKEN only',
  off: 'metrics: GET /metrics is off (production without METRICS_TOKEN); set METRICS_TOKEN to serve it',
  open: 'metrics: GET /metrics on the worker health port (loopback) is open (no METRICS_TOKEN; development only)',
} as const;

export interface WaymarkWorker {
  orm: MikroORM;
  redis: IORedis;
  workers: Worker[];
  queues: Record<QueueName, Queue>;
  relay: OutboxRelay;
  /** Invitation and password reset emails. */
  accountMail: AccountMailSender;
  health: HealthServer | null;
  services: WorkerServices;
  stop(): Promise<ShutdownResult>;
}

export interface StartOptions {
  logger?: Logger;
  processors?: readonly Processor[];
  /** Start the health endpoint on WORKER_HEALTH_PORT (default true). */
  health?: boolean;
  /** Upsert the job schedulers (default true). */
  schedulers?: boolean;
}

/**
 * Starts the worker: the processors (one BullMQ Worker per queue), the outbox relay, the job
 * schedulers and the health endpoint, connected to Redis and to PostgreSQL as the API's role (so
 * row-level security binds every job to the organisation it runs for; the few cross-organisation
 * steps are SECURITY DEFINER functions).
 */
export async function startWorker(cfg: Config, options: StartOptions = {}): Promise<WaymarkWorker> {
  const logger = options.logger ?? createLogger({ level: cfg.LOG_LEVEL, name: 'worker', production: cfg.NODE_ENV === 'production' });
  const redis = new IORedis(cfg.REDIS_URL, { maxRetriesPerRequest: null });
  await redis.ping();
  const appUrl = databaseUrlFor(cfg, 'app');
  const orm = await MikroORM.init(ormConfig({ clientUrl: appUrl, poolMax: cfg.DATABASE_POOL_MAX }));
  await sqlPool(orm, { kind: 'system', purpose: 'startup check' }).selectNoFrom((eb) => eb.lit(1).as('one')).execute();

  // Producers fail fast while Redis is away (the outbox keeps what they could not add).
  const producer = new IORedis(cfg.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
  producer.on('error', () => undefined);
  const queues = Object.fromEntries(
    Object.values(QUEUES).map((name) => [name, new Queue(name, { connection: producer, prefix: queuePrefix(name) })]),
  ) as Record<QueueName, Queue>;
  for (const q of Object.values(queues)) q.on('error', (error) => logger.debug({ err: error, queue: q.name }, 'producer connection problem'));
  // A whole send must end well inside the lease, so no other attempt can take a delivery mid-send.
  const mailer = createMailer({ smtpUrl: cfg.SMTP_URL, from: cfg.MAIL_FROM, deadlineMs: Math.min(30_000, Math.floor(cfg.REMINDER_LEASE_MS / 2)) });
  const analytics = await createCrossTenantReader(cfg);
  const webhookSlots = new EndpointSlots(producer, cfg.WEBHOOK_ENDPOINT_CONCURRENCY, cfg.WEBHOOK_TIMEOUT_MS + 5_000);
  const metrics = new WorkerMetrics(Object.values(queues));
  const services: WorkerServices = { cfg, orm, logger, queues, mailer, analytics, webhookSlots, metrics };

  const workers = startProcessors(services, redis, options.processors ?? PROCESSORS);
  for (const w of workers) w.on('error', (error) => logger.warn({ err: error, queue: w.name }, 'queue connection problem'));
  metrics.observe(workers);
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  await producer.ping().catch(() => undefined);

  const relay = new OutboxRelay(orm, queues.events, logger, { listenUrl: appUrl, pollMs: cfg.OUTBOX_POLL_MS });
  await relay.start();
  const accountMail = new AccountMailSender(orm, mailer, logger, {
    listenUrl: appUrl, pollMs: cfg.OUTBOX_POLL_MS, secret: cfg.AUTH_TOKEN_SECRET, webBaseUrl: cfg.WEB_BASE_URL, mailDomain: mailDomain(cfg.MAIL_FROM),
  });
  await accountMail.start();
  if (options.schedulers ?? true) {
    await upsertSchedulers(services);
    // A Redis that restarted without its data has forgotten the schedule: make it again.
    redis.on('ready', () => void upsertSchedulers(services).catch((error: unknown) => logger.warn({ err: error }, 'could not re-create the job schedulers')));
  }
  // Metrics name queues and jobs only, but like the API's they are for the operator: token or off in production.
  const access: MetricsAccess = cfg.METRICS_TOKEN ? { mode: 'token', token: cfg.METRICS_TOKEN } : cfg.NODE_ENV === 'production' ? { mode: 'off' } : { mode: 'open' };
  const health = options.health === false ? null : await startHealthServer(cfg.WORKER_HEALTH_PORT, () => readiness(redis, orm, workers), {
    access, contentType: metrics.registry.contentType, text: () => metrics.registry.metrics(),
  });
  if (health) logger.info({ metrics: access.mode, port: health.port }, METRICS_ACCESS[access.mode]);

  return {
    orm,
    redis,
    workers,
    queues,
    relay,
    accountMail,
    health,
    services,
    stop: () =>
      shutdownInOrder(
        [
          { name: 'stop taking work and drain', run: () => Promise.all(workers.map((w) => w.close())) },
          { name: 'stop the outbox relay', run: () => relay.stop() },
          { name: 'stop the account mail sender', run: () => accountMail.stop() },
          { name: 'close queues', run: () => Promise.all(Object.values(queues).map((q) => q.close())) },
          { name: 'close mail', run: () => Promise.resolve(mailer.close()) },
          { name: 'close redis', run: () => Promise.all([redis.quit(), producer.quit().catch(() => producer.disconnect())]) },
          { name: 'close health endpoint', run: () => health?.close() ?? Promise.resolve() },
          { name: 'close database', run: () => Promise.all([orm.close(), analytics.close()]) },
        ],
        cfg.SHUTDOWN_DEADLINE_MS,
      ),
  };
}
