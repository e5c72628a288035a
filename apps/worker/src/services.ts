import type { MikroORM } from '@mikro-orm/postgresql';
import type { Queue } from 'bullmq';
import type { WorkerConfig } from '@waymark/config';
import type { CrossTenantReader } from '@waymark/db';
import type { QueueName } from '@waymark/jobs';
import type { Logger } from '@waymark/logger';
import type { WorkerMetrics } from './metrics';
import type { Mailer } from './reminders/mailer';
import type { EndpointSlots } from './webhooks/slots';

/** What every processor may use: passed first to each handler, never reached through globals. */
export interface WorkerServices {
  cfg: WorkerConfig;
  orm: MikroORM;
  logger: Logger;
  /** Producers for every queue (the fan-out adds to `reminders`, the relay to `events`). */
  queues: Record<QueueName, Queue>;
  mailer: Mailer;
  /** The one cross-organisation reader (waymark_analytics, audited): benchmarks only. */
  analytics: CrossTenantReader;
  /** At most a few webhook deliveries in flight per endpoint, across all worker processes. */
  webhookSlots: EndpointSlots;
  metrics: WorkerMetrics;
}
