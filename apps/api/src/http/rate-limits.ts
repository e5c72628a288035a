import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { ApiConfig } from '@waymark/config';
import { rateLimited } from '@waymark/domain';
import type { Logger } from '@waymark/logger';
import type { Credential } from '../auth/credentials';

/**
 * The lock-out earned by a run of `attempts` sign-ins without success: none before the allowed
 * number, then 15 seconds, doubling with each further attempt, at most an hour.
 */
export function lockoutSeconds(attempts: number, allowed: number): number {
  if (attempts < allowed) return 0;
  return Math.min(3600, 15 * 2 ** Math.min(attempts - allowed, 12));
}

const DAY = 24 * 3600;
const HOUR = 3600;

export interface RateLimitOptions {
  /** Redis keys start with this; every API instance of one deployment shares it (and so its limits). */
  prefix?: string;
  log: Logger;
  /** An existing client (tests); otherwise one is made from REDIS_URL, or memory alone without it. */
  redis?: Redis;
}

type Limits = Pick<ApiConfig, 'REDIS_URL' | 'RATE_LIMIT_PER_MINUTE' | 'RATE_LIMIT_ANONYMOUS_PER_MINUTE' | 'RATE_LIMIT_LOGIN_FAILURES'>;

const secondsUntil = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** A limiter's own "no": a RateLimiterRes, as opposed to an error of the store. */
const isRefusal = (error: unknown): error is RateLimiterRes => error instanceof RateLimiterRes;

/**
 * Abuse limits, counted in Redis so every API instance shares them, with each limiter insured by an
 * in-process one: while Redis is unreachable, limits hold per process instead of refusing everyone.
 *
 * Requests: so many a minute per person, per API key, and per address for requests without a
 * credential. Sign-ins: failures are counted per account and address (a growing lock-out after the
 * allowed few), per account from anywhere, and per address across accounts. An address nobody has
 * an account for is counted exactly like one that has, so a lock-out says nothing about accounts.
 */
export class RateLimits {
  private readonly redis: Redis | null;
  private readonly ownsRedis: boolean;
  private closed = false;
  private readonly person: RateLimiterAbstract;
  private readonly key: RateLimiterAbstract;
  private readonly anonymous: RateLimiterAbstract;
  /** Consecutive failures for one account from one address, and the lock-out they earn. */
  private readonly pairFailures: RateLimiterAbstract;
  private readonly pairLockout: RateLimiterAbstract;
  /** Failures for one account from every address: a slow spread-out attack on one person. */
  private readonly accountFailures: RateLimiterAbstract;
  /** Failures from one address across every account: password spraying. */
  private readonly addressFailures: RateLimiterAbstract;

  constructor(
    private readonly cfg: Limits,
    options: RateLimitOptions,
  ) {
    const prefix = options.prefix ?? 'waymark:rl';
    this.ownsRedis = !options.redis && !!cfg.REDIS_URL;
    this.redis = options.redis ?? (cfg.REDIS_URL ? connect(cfg.REDIS_URL, options.log, () => this.closed) : null);
    const limiter = (name: string, points: number, duration: number, blockDuration = 0) => {
      const opts = { keyPrefix: `${prefix}:${name}`, points, duration, blockDuration };
      const memory = new RateLimiterMemory(opts);
      if (!this.redis) return memory;
      return new RateLimiterRedis({ ...opts, storeClient: this.redis, rejectIfRedisNotReady: true, insuranceLimiter: memory });
    };
    this.person = limiter('user', cfg.RATE_LIMIT_PER_MINUTE, 60);
    this.key = limiter('key', cfg.RATE_LIMIT_PER_MINUTE, 60);
    this.anonymous = limiter('ip', cfg.RATE_LIMIT_ANONYMOUS_PER_MINUTE, 60);
    const allowed = cfg.RATE_LIMIT_LOGIN_FAILURES;
    this.pairFailures = limiter('login:pair', Number.MAX_SAFE_INTEGER, DAY);
    this.pairLockout = limiter('login:lock', 1, 1);
    // Counted with penalty() and read with get(): their points only size the window's counter.
    this.accountFailures = limiter('login:account', allowed * 10, HOUR);
    this.addressFailures = limiter('login:ip', allowed * 20, HOUR);
  }

  /**
   * Counts a request against its caller's budget, before any database work: a person by their
   * (signed) token, anyone without a credential by address. API keys are counted once the key is
   * proven (`admitKey`), so nobody can spend another organisation's budget with a key id alone.
   */
  async admit(credential: Credential, address: string): Promise<void> {
    if (credential.kind === 'user') await this.take(this.person, credential.userId, 'Too many requests for this account');
    else if (credential.kind === 'anonymous') await this.take(this.anonymous, address, 'Too many requests from this address');
  }

  async admitKey(keyId: string): Promise<void> {
    await this.take(this.key, keyId, 'Too many requests with this API key');
  }

  /** A credential that did not check out costs its address as much as an anonymous request. */
  async refused(address: string): Promise<void> {
    await this.take(this.anonymous, address, 'Too many requests from this address');
  }

  /**
   * Admits a sign-in attempt, or refuses it while a lock-out holds, before the database is asked or
   * a password hashed. The attempt is counted as a failure in advance (so a flood cannot outrun the
   * count); the `allowed`-th in a row from one address locks the account there for 15 seconds, and
   * each one after that, allowed once the lock ends, doubles it.
   */
  async attemptLogin(email: string, address: string): Promise<void> {
    const key = pairKey(email, address);
    const allowed = this.cfg.RATE_LIMIT_LOGIN_FAILURES;
    const [lock, account, sprayed] = await Promise.all([this.pairLockout.get(key), this.accountFailures.get(email), this.addressFailures.get(address)]);
    const wait = Math.max(
      lock && lock.consumedPoints > 1 ? lock.msBeforeNext : 0,
      account && account.consumedPoints >= allowed * 10 ? account.msBeforeNext : 0,
      sprayed && sprayed.consumedPoints >= allowed * 20 ? sprayed.msBeforeNext : 0,
    );
    if (wait > 0) throw rateLimited('Too many failed sign-ins: wait before trying again', secondsUntil(wait));
    const [pair] = await Promise.all([this.pairFailures.penalty(key), this.accountFailures.penalty(email), this.addressFailures.penalty(address)]);
    const seconds = lockoutSeconds(pair.consumedPoints, allowed);
    if (seconds > 0) await this.pairLockout.block(key, seconds);
  }

  /** A good password clears the account's run of failures from this address. */
  async loginSucceeded(email: string, address: string): Promise<void> {
    const key = pairKey(email, address);
    await Promise.all([
      this.pairFailures.delete(key),
      this.pairLockout.delete(key),
      this.accountFailures.reward(email),
      this.addressFailures.reward(address),
    ]);
  }

  /** Where limits are counted right now: Redis (shared by every instance), or this process's memory. */
  get store(): 'redis' | 'memory' {
    return this.redis?.status === 'ready' ? 'redis' : 'memory';
  }

  /**
   * Waits (briefly) for Redis, so the first requests are counted where every instance sees them; a
   * Redis that does not answer in time leaves the limits in memory until it does.
   */
  async ready(timeoutMs = 2_000): Promise<void> {
    const redis = this.redis;
    if (!redis || redis.status === 'ready') return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        redis.off('ready', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      redis.once('ready', done);
    });
  }

  close(): Promise<void> {
    this.closed = true;
    if (this.ownsRedis && this.redis) this.redis.disconnect();
    return Promise.resolve();
  }

  private async take(limiter: RateLimiterAbstract, key: string, message: string): Promise<void> {
    try {
      await limiter.consume(key);
    } catch (error) {
      if (isRefusal(error)) throw rateLimited(message, secondsUntil(error.msBeforeNext));
      throw error;
    }
  }
}

const pairKey = (email: string, address: string) => `${email}|${address}`;

/**
 * A Redis client that fails fast while disconnected (no offline queue), so a limiter falls back to
 * memory at once, and that keeps reconnecting in the background. It says when Redis goes and comes back.
 */
function connect(url: string, log: Logger, closed: () => boolean): Redis {
  const redis = new Redis(url, {
    // Every request counts once in Redis: the counts of requests in flight together go out in one
    // write (one system call) instead of one each.
    enableAutoPipelining: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    // A socket that died with Redis never closes again; waiting seconds for it only delays exit.
    disconnectTimeout: 100,
    // Once the API stops, a connection that drops stays down.
    retryStrategy: (attempt) => (closed() ? null : Math.min(attempt * 250, 5_000)),
  });
  let down = false;
  redis.on('error', (error: Error) => {
    if (!down) log.warn({ err: error.message }, 'rate limits: Redis is unreachable; limits are held in memory until it returns');
    down = true;
  });
  redis.on('ready', () => {
    if (down) log.info('rate limits: Redis is back');
    down = false;
  });
  return redis;
}

/**
 * The client's address: the socket's, or with `hops` trusted proxies in front, the entry that many
 * places from the right of X-Forwarded-For (entries further left are whatever the client wrote).
 */
export function clientAddress(req: { headers: Record<string, string | string[] | undefined>; socket: { remoteAddress?: string } }, hops: number): string {
  const socket = req.socket.remoteAddress ?? 'unknown';
  if (hops === 0) return socket;
  const header = req.headers['x-forwarded-for'];
  const chain = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((s) => s.trim()).filter(Boolean);
  return chain[chain.length - hops] ?? chain[0] ?? socket;
}
