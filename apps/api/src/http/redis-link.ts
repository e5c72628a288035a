import { Redis } from 'ioredis';
import type { Logger } from '@waymark/logger';
import { within } from '@waymark/jobs';

/** How the API sees one of its Redis connections. */
export type RedisHealth = 'ok' | 'unreachable' | 'not answering';

/** Thrown when a Redis command is not even tried (the link is down) or had no answer in time. */
export class RedisUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedisUnavailable';
  }
}

/** While a link is tripped, a PING this often tells when Redis answers again. */
const PROBE_EVERY_MS = 500;
/** A connection that has not answered a PING for this long is dropped and made again. */
const REBUILD_AFTER_MS = 10_000;

export interface RedisLinkOptions {
  /** What the link is for, in log lines ("rate limits", "queues"). */
  purpose: string;
  log: Logger;
  /** Every command's deadline (REDIS_COMMAND_TIMEOUT_MS). */
  deadlineMs: number;
  /** ioredis' automatic pipelining (the rate limits' many small commands); BullMQ's client goes without. */
  autoPipelining?: boolean;
}

/**
 * One Redis connection of the API, used on a request's path, that never holds a request: every
 * command is raced against a short deadline, nothing is sent while the connection is down (no
 * offline queue), and a command that misses its deadline trips the link, so the requests after it
 * do not wait at all. While tripped, a background PING (bounded by the same deadline) tells when
 * Redis answers again. A Redis that is frozen (SIGSTOP), restarted or cut off by the network looks
 * the same from here: no answer in time.
 */
export class RedisLink {
  readonly client: Redis;
  private trippedAt: number | null = null;
  private lastAnswer = Date.now();
  private probing = false;
  private readonly watchdog: NodeJS.Timeout;
  private closed = false;
  private down = false;

  constructor(
    url: string,
    private readonly options: RedisLinkOptions,
  ) {
    const { log, purpose } = options;
    this.client = new Redis(url, {
      enableAutoPipelining: options.autoPipelining ?? false,
      // A command while disconnected fails at once instead of waiting for a reconnection.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
      // The client's own timer for what was sent: a frozen server's backlog does not pile up.
      commandTimeout: options.deadlineMs,
      // A socket that died with Redis never closes again; waiting seconds for it only delays exit.
      disconnectTimeout: 100,
      // Once the API stops, a connection that drops stays down.
      retryStrategy: (attempt) => (this.closed ? null : Math.min(attempt * 250, 5_000)),
    });
    this.client.on('error', (error: Error) => {
      if (!this.down) log.warn({ err: error.message }, `${purpose}: Redis is unreachable; the API carries on without it until it returns`);
      this.down = true;
    });
    this.client.on('ready', () => {
      if (this.down) log.info(`${purpose}: Redis is back`);
      this.down = false;
      this.lastAnswer = Date.now();
    });
    this.watchdog = setInterval(() => void this.probe(), PROBE_EVERY_MS);
    this.watchdog.unref();
  }

  /** Connected, and not known to be silent: a command may be sent. */
  get usable(): boolean {
    return this.client.status === 'ready' && this.trippedAt === null;
  }

  get health(): RedisHealth {
    if (this.client.status !== 'ready') return 'unreachable';
    return this.trippedAt === null ? 'ok' : 'not answering';
  }

  get deadlineMs(): number {
    return this.options.deadlineMs;
  }

  /**
   * Runs Redis work within the deadline. Refused at once while the link is down or tripped; a
   * deadline missed trips the link. The work's own errors (a refusal by a limiter, a script error)
   * pass through unchanged.
   */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (!this.usable) throw new RedisUnavailable(`Redis (${this.options.purpose}) is ${this.health}`);
    const result = await within(this.options.deadlineMs, work(), () => {
      this.trip();
      return new RedisUnavailable(`Redis (${this.options.purpose}) did not answer within ${this.options.deadlineMs} ms`);
    });
    this.lastAnswer = Date.now();
    return result;
  }

  /**
   * Checks the link now (readiness): a PING within the deadline when it is thought healthy. Resolves
   * with what it found; never rejects and never waits longer than the deadline.
   */
  async check(): Promise<RedisHealth> {
    if (!this.usable) return this.health;
    try {
      await this.run(() => this.client.ping());
    } catch {
      // run() tripped the link if the deadline passed; the health says what is wrong
    }
    return this.health;
  }

  close(): void {
    this.closed = true;
    clearInterval(this.watchdog);
    this.client.disconnect();
  }

  private trip(): void {
    if (this.trippedAt !== null || this.closed) return;
    this.trippedAt = Date.now();
    this.options.log.warn(`${this.options.purpose}: Redis did not answer within ${this.options.deadlineMs} ms; the API carries on without it until it answers again`);
  }

  /** While tripped: one PING at a time; an answer untrips, a long silence rebuilds the connection. */
  private async probe(): Promise<void> {
    if (this.trippedAt === null || this.probing || this.closed || this.client.status !== 'ready') return;
    this.probing = true;
    try {
      await within(this.options.deadlineMs, this.client.ping());
      const silentMs = Date.now() - this.trippedAt;
      this.trippedAt = null;
      this.lastAnswer = Date.now();
      this.options.log.info({ silentMs }, `${this.options.purpose}: Redis answers again`);
    } catch {
      // A half-open connection (the peer gone without a word) would stay silent for good.
      if (Date.now() - this.lastAnswer > REBUILD_AFTER_MS) {
        this.lastAnswer = Date.now();
        this.client.disconnect(true);
      }
    } finally {
      this.probing = false;
    }
  }
}
