import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Queue } from 'bullmq';
import { sql } from 'kysely';
import { type Listener, listenFor, sqlIn } from '@waymark/db';
import { JOBS, type DomainEventJob, within } from '@waymark/jobs';
import type { Logger } from '@waymark/logger';
import { SpanKind, contextOf, failed, startSpan, withSpan, withTraceContext } from '@waymark/telemetry';

export interface RelayOptions {
  /** The app role's connection URL, for LISTEN. */
  listenUrl: string;
  pollMs: number;
  batchSize?: number;
  /** Giving up on a Redis that does not answer (the batch stays in the outbox). */
  addTimeoutMs?: number;
}

/** A row of `waymark_outbox_take(limit)` (the function's own columns, named in camelCase by the select). */
interface OutboxRow {
  id: string;
  organisationId: string;
  type: string;
  subjectId: string;
  payload: Record<string, unknown>;
  createdAt: Date;
  /** The request's trace context (null when tracing was off when it was written). */
  traceparent: string | null;
}

/**
 * Moves committed outbox rows to the `events` queue. A batch is taken with FOR UPDATE SKIP LOCKED
 * (so several relays never take the same row), added to BullMQ with the row's id as the job id,
 * and marked relayed in the same transaction only after BullMQ accepted it. A crash between the add
 * and the commit leaves the rows unrelayed: the next batch adds them again under the same job ids,
 * which BullMQ ignores, so nothing is duplicated. While Redis is down the add fails, the transaction
 * rolls back and the rows wait. A NOTIFY at each commit wakes the relay; the poll is the safety net.
 */
export class OutboxRelay {
  private listener: Listener | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  relayed = 0;
  lastError: string | null = null;

  constructor(
    private readonly orm: MikroORM,
    private readonly queue: Queue,
    private readonly logger: Logger,
    private readonly options: RelayOptions,
  ) {}

  async start(): Promise<void> {
    this.timer = setInterval(() => void this.wake(), this.options.pollMs);
    await this.listen();
    void this.wake();
  }

  /** Relays until the outbox is empty (or Redis refuses); concurrent calls join the run in progress. */
  wake(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          while (!this.stopped && (await this.relayBatch()) === (this.options.batchSize ?? 500));
        } while (this.again && !this.stopped);
        this.lastError = null;
      } catch (error) {
        this.lastError = error instanceof Error ? error.message : String(error);
        this.logger.warn({ err: error }, 'outbox relay: batch not relayed, will retry');
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  /** One batch: take, add to BullMQ, mark, commit. Returns how many were relayed. */
  async relayBatch(): Promise<number> {
    const limit = this.options.batchSize ?? 500;
    return this.orm.em.fork().transactional(async (em: EntityManager) => {
      // Every organisation's events, in the transaction the mark commits in; the function takes
      // them FOR UPDATE SKIP LOCKED, so the rows stay locked to this relay until then.
      const db = await sqlIn(em, { kind: 'system', purpose: 'outbox relay' });
      const rows = await db
        .selectFrom(sql<OutboxRow>`waymark_outbox_take(${limit})`.as('o'))
        .select(['o.id', 'o.organisationId', 'o.type', 'o.subjectId', 'o.payload', 'o.createdAt', 'o.traceparent'])
        .execute();
      if (!rows.length) return 0;
      // One span per event, continuing the trace of the request that wrote it; the job carries the
      // span's context, so the job's span is its child. Nothing is started when tracing is off.
      const spans = rows.map((row) => startSpan('outbox relay', {
        kind: SpanKind.PRODUCER,
        parent: contextOf(row.traceparent),
        attributes: { 'messaging.system': 'bullmq', 'messaging.destination.name': this.queue.name, 'messaging.message.id': row.id, 'waymark.event.type': row.type, 'waymark.organisation.id': row.organisationId },
      }));
      const jobs = rows.map((row, i) => {
        const data: DomainEventJob = {
          id: row.id,
          organisationId: row.organisationId,
          type: row.type,
          subjectId: row.subjectId,
          payload: row.payload,
          occurredAt: new Date(row.createdAt).toISOString(),
        };
        // Kept a day after completing, so a re-add after a crash (same id) is ignored rather than run again.
        return { name: JOBS.domainEvent.name, data: withSpan(spans[i]!, () => withTraceContext(data)), opts: { jobId: row.id, attempts: 8, backoff: { type: 'exponential', delay: 2_000 }, removeOnComplete: { age: 86_400 }, removeOnFail: { age: 14 * 86_400 } } };
      });
      const ms = this.options.addTimeoutMs ?? 5_000;
      try {
        await within(ms, this.queue.addBulk(jobs), () => new Error(`Redis did not answer within ${ms} ms`));
        const ids = rows.map((r) => r.id);
        await db.selectNoFrom((eb) => eb.fn<number>('waymark_outbox_mark_relayed', [eb.cast(eb.val(ids), sql`uuid[]`)]).as('n')).execute();
      } catch (error) {
        for (const span of spans) failed(span, error);
        throw error;
      } finally {
        for (const span of spans) span.end();
      }
      this.relayed += rows.length;
      return rows.length;
    });
  }

  private async listen(): Promise<void> {
    this.listener = await listenFor(this.options.listenUrl, 'waymark_outbox', () => void this.wake(), (error) => {
      this.logger.warn({ err: error }, 'outbox relay: LISTEN connection lost; polling until it is back');
      this.listener = null;
      if (!this.stopped) setTimeout(() => void this.listen().catch(() => undefined), this.options.pollMs).unref();
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
  }
}
