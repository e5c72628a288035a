import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { ApiConfig } from '@waymark/config';
import { rateLimited } from '@waymark/domain';
import type { Credential } from '../auth/credentials';
import type { RedisLink } from './redis-link';

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
/** While an account is under attack from many addresses, each address may try it once this often. */
export const UNDER_ATTACK_SPACING_SECONDS = 10;

export interface RateLimitOptions {
  /** Redis keys start with this; every API instance of one deployment shares it (and so its limits). */
  prefix?: string;
  /** The rate limits' Redis connection; null counts in memory alone. */
  link: RedisLink | null;
}

type Limits = Pick<ApiConfig, 'RATE_LIMIT_PER_MINUTE' | 'RATE_LIMIT_ANONYMOUS_PER_MINUTE' | 'RATE_LIMIT_LOGIN_FAILURES'>;

const secondsUntil = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** A limiter's own "no": a RateLimiterRes, as opposed to an error of the store. */
const isRefusal = (error: unknown): error is RateLimiterRes => error instanceof RateLimiterRes;

/**
 * One limit, counted in Redis so every API instance shares it, or in this process's memory while
 * Redis is away (down, frozen, cut off): every Redis call has the link's short deadline, and a
 * missed one sends this and every later call to memory at once until Redis answers again.
 */
class SharedLimiter {
  constructor(
    private readonly memory: RateLimiterMemory,
    private readonly shared: RateLimiterRedis | null,
    private readonly link: RedisLink | null,
  ) {}

  consume(key: string, points = 1) {
    return this.use((l) => l.consume(key, points));
  }

  get(key: string) {
    return this.use((l) => l.get(key));
  }

  penalty(key: string) {
    return this.use((l) => l.penalty(key));
  }

  reward(key: string, points = 1) {
    return this.use((l) => l.reward(key, points));
  }

  block(key: string, seconds: number) {
    return this.use((l) => l.block(key, seconds));
  }

  delete(key: string) {
    return this.use((l) => l.delete(key));
  }

  private async use<T>(operation: (limiter: RateLimiterAbstract) => Promise<T>): Promise<T> {
    const { shared, link } = this;
    if (!shared || !link?.usable) return operation(this.memory);
    try {
      return await link.run(() => operation(shared));
    } catch (error) {
      if (isRefusal(error)) throw error;
      return operation(this.memory);
    }
  }
}

/** What one key's lease holds: points taken from the shared count and not yet spent here. */
interface Lease {
  left: number;
  /** When the shared window the points came from ends (its counter starts again at zero). */
  windowEnds: number;
  /** The shared budget not yet taken by anyone, as of the last answer. */
  remaining: number;
  /** Refused until then, without asking again (a flood costs no round trips). */
  refusedUntil: number;
  refusal: RateLimiterRes | null;
  /** The next lease, when it is being taken in the background. */
  next: Promise<void> | null;
}

/**
 * A per-request budget spent without a round trip on the request's path. Each instance takes points
 * from the shared count in Redis ahead of use (a lease: `consume(key, n)` counts them at once, so
 * every instance sees them), spends them in memory, and takes the next lease in the background once
 * half is spent. A lease is at most a twentieth of the budget and at most a quarter of what is left,
 * so near the limit it is one point and each request asks Redis again. Points taken are counted
 * whether they are spent or not: across instances the limit is never exceeded, and a caller is
 * refused at most one lease early per instance. Once refused, a key is refused here until its
 * window ends, with no further round trips.
 */
class LeasedLimiter {
  private readonly leases = new Map<string, Lease>();
  private readonly largest: number;
  private uses = 0;

  constructor(
    private readonly limiter: SharedLimiter,
    points: number,
  ) {
    this.largest = Math.max(1, Math.floor(points / 20));
  }

  async consume(key: string): Promise<void> {
    if (++this.uses % 1024 === 0) this.forgetEnded(Date.now());
    // Parallel requests share the lease: whoever finds it empty waits for more, then looks again.
    for (;;) {
      const now = Date.now();
      let lease = this.leases.get(key);
      if (lease && lease.windowEnds <= now) {
        this.leases.delete(key);
        lease = undefined;
      }
      // Refused as rate-limiter-flexible's own consume() refuses: with its RateLimiterRes.
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      if (lease?.refusal && lease.refusedUntil > now) throw lease.refusal;
      if (lease && lease.left > 0) {
        lease.left--;
        // Half spent: the next lease is taken in the background, and this request does not wait for it.
        if (lease.left * 2 < this.sizeFor(lease) && lease.remaining > 0) this.refill(key, lease).catch(() => undefined);
        return;
      }
      if (!lease) {
        // Until the first answer: a lease with nothing in it, so parallel first requests wait for one answer.
        lease = { left: 0, windowEnds: Number.POSITIVE_INFINITY, remaining: 0, refusedUntil: 0, refusal: null, next: null };
        this.leases.set(key, lease);
      }
      await this.refill(key, lease);
    }
  }

  /** One lease taken at a time per key: the one in flight, or a new one. */
  private refill(key: string, lease: Lease): Promise<void> {
    return (lease.next ??= this.extend(key, lease)
      .then(() => undefined, (error: unknown) => {
        // The first lease failing (not refused: Redis and memory both failed) fails its requests.
        if (lease.windowEnds === Number.POSITIVE_INFINITY) this.leases.delete(key);
        throw error;
      })
      .finally(() => (lease.next = null)));
  }

  /** Leases whose window has ended are worth nothing: a caller seen once does not stay in memory. */
  private forgetEnded(now: number): void {
    for (const [key, lease] of this.leases) if (lease.windowEnds <= now && !lease.next) this.leases.delete(key);
  }

  private sizeFor(lease: Lease | undefined): number {
    return lease && lease.windowEnds !== Number.POSITIVE_INFINITY ? Math.max(1, Math.min(this.largest, Math.floor(lease.remaining / 4))) : 1;
  }

  /** Takes `sizeFor` points from the shared count and adds them to the key's lease. */
  private async extend(key: string, lease: Lease | undefined): Promise<Lease> {
    const { granted, answer } = await this.ask(key, this.sizeFor(lease));
    const now = Date.now();
    let current = this.leases.get(key);
    if (!current || current.windowEnds <= now) {
      current = { left: 0, windowEnds: 0, remaining: 0, refusedUntil: 0, refusal: null, next: null };
      this.leases.set(key, current);
    }
    current.left += granted;
    current.windowEnds = now + answer.msBeforeNext;
    current.remaining = answer.remainingPoints;
    current.refusedUntil = granted === 0 ? now + answer.msBeforeNext : 0;
    current.refusal = granted === 0 ? answer : null;
    return current;
  }

  /** `size` points, or if the budget cannot give that many, one; refused, none. */
  private async ask(key: string, size: number): Promise<{ granted: number; answer: RateLimiterRes }> {
    try {
      return { granted: size, answer: await this.limiter.consume(key, size) };
    } catch (error) {
      if (!isRefusal(error)) throw error;
      if (size === 1) return { granted: 0, answer: error };
      // The counter took all `size` before saying no: give them back, then ask for one.
      await this.limiter.reward(key, size).catch(() => undefined);
      return this.ask(key, 1);
    }
  }
}

/**
 * Abuse limits, shared by every API instance through Redis (see SharedLimiter for when Redis is away).
 *
 * Requests: so many a minute per person, per API key, and per address for requests without a
 * credential. Sign-ins follow OWASP's authentication guidance, so that nobody elsewhere can lock a
 * person out: failures are counted per account and address, and that pair alone is locked (a
 * growing lock-out after the allowed few); an account failing from many addresses at once is
 * slowed, never locked (each address may then try it once every few seconds, so the person's own
 * first try from their own address still goes through); and failures per address across accounts
 * limit password spraying. An address nobody has an account for is counted exactly like one that
 * has, so a refusal says nothing about accounts.
 */
export class RateLimits {
  private readonly person: LeasedLimiter;
  private readonly key: LeasedLimiter;
  private readonly anonymous: LeasedLimiter;
  /** Consecutive failures for one account from one address, and the lock-out they earn. */
  private readonly pairFailures: SharedLimiter;
  private readonly pairLockout: SharedLimiter;
  /** Failures for one account from every address: past a threshold the account is under attack. */
  private readonly accountFailures: SharedLimiter;
  /** Attempts for one account from one address in the last few seconds: under attack, one is allowed. */
  private readonly pairRecent: SharedLimiter;
  /** Failures from one address across every account: password spraying. */
  private readonly addressFailures: SharedLimiter;
  /** Password reset emails asked for, per address and per account (known or not, so the limit tells nothing). */
  private readonly resetByAddress: SharedLimiter;
  private readonly resetByAccount: SharedLimiter;
  private readonly link: RedisLink | null;

  constructor(
    private readonly cfg: Limits,
    options: RateLimitOptions,
  ) {
    const prefix = options.prefix ?? 'waymark:rl';
    const link = options.link;
    this.link = link;
    const limiter = (name: string, points: number, duration: number) => {
      const opts = { keyPrefix: `${prefix}:${name}`, points, duration };
      const shared = link ? new RateLimiterRedis({ ...opts, storeClient: link.client, rejectIfRedisNotReady: true }) : null;
      return new SharedLimiter(new RateLimiterMemory(opts), shared, link);
    };
    // Requests: leased, so a request does not wait for Redis (see LeasedLimiter).
    const leased = (name: string, points: number) => new LeasedLimiter(limiter(name, points, 60), points);
    this.person = leased('user', cfg.RATE_LIMIT_PER_MINUTE);
    this.key = leased('key', cfg.RATE_LIMIT_PER_MINUTE);
    this.anonymous = leased('ip', cfg.RATE_LIMIT_ANONYMOUS_PER_MINUTE);
    const allowed = cfg.RATE_LIMIT_LOGIN_FAILURES;
    this.pairFailures = limiter('login:pair', Number.MAX_SAFE_INTEGER, DAY);
    this.pairLockout = limiter('login:lock', 1, 1);
    // Counted with penalty() and read with get(): their points only size the window's counter.
    this.accountFailures = limiter('login:account', Number.MAX_SAFE_INTEGER, HOUR);
    this.pairRecent = limiter('login:recent', Number.MAX_SAFE_INTEGER, UNDER_ATTACK_SPACING_SECONDS);
    this.addressFailures = limiter('login:ip', allowed * 20, HOUR);
    this.resetByAddress = limiter('reset:ip', RESETS_PER_HOUR_FROM_ADDRESS, HOUR);
    this.resetByAccount = limiter('reset:account', RESETS_PER_HOUR_FOR_ACCOUNT, HOUR);
  }

  /** Counts a request for a password reset email: a few an hour for one address, fewer for one account. */
  async attemptPasswordReset(email: string, address: string): Promise<void> {
    await this.take(this.resetByAddress, address, 'Too many password reset requests from this address: wait before trying again');
    await this.take(this.resetByAccount, email, 'Too many password reset requests for this address: wait before trying again');
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
   * Admits a sign-in attempt, or refuses it while a lock-out or slowdown holds, before the database
   * is asked or a password hashed. The attempt is counted as a failure in advance (so a flood cannot
   * outrun the count); the `allowed`-th in a row from one address locks the account there for 15
   * seconds, and each one after that, allowed once the lock ends, doubles it.
   */
  async attemptLogin(email: string, address: string): Promise<void> {
    const key = pairKey(email, address);
    const allowed = this.cfg.RATE_LIMIT_LOGIN_FAILURES;
    const [lock, account, sprayed, recent] = await Promise.all([
      this.pairLockout.get(key), this.accountFailures.get(email), this.addressFailures.get(address), this.pairRecent.get(key),
    ]);
    const underAttack = Boolean(account && account.consumedPoints >= allowed * 10);
    const wait = Math.max(
      lock && lock.consumedPoints > 1 ? lock.msBeforeNext : 0,
      sprayed && sprayed.consumedPoints >= allowed * 20 ? sprayed.msBeforeNext : 0,
      underAttack && recent && recent.consumedPoints > 0 ? recent.msBeforeNext : 0,
    );
    if (wait > 0) throw rateLimited('Too many failed sign-ins: wait before trying again', secondsUntil(wait));
    const [pair] = await Promise.all([
      this.pairFailures.penalty(key), this.accountFailures.penalty(email), this.addressFailures.penalty(address), this.pairRecent.penalty(key),
    ]);
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
    return this.link?.usable ? 'redis' : 'memory';
  }

  /**
   * Waits (briefly) for Redis, so the first requests are counted where every instance sees them; a
   * Redis that does not answer in time leaves the limits in memory until it does.
   */
  async ready(timeoutMs = 2_000): Promise<void> {
    const redis = this.link?.client;
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

  private async take(limiter: SharedLimiter | LeasedLimiter, key: string, message: string): Promise<void> {
    try {
      await limiter.consume(key);
    } catch (error) {
      if (isRefusal(error)) throw rateLimited(message, secondsUntil(error.msBeforeNext));
      throw error;
    }
  }
}

const pairKey = (email: string, address: string) => `${email}|${address}`;
const RESETS_PER_HOUR_FROM_ADDRESS = 10;
const RESETS_PER_HOUR_FOR_ACCOUNT = 3;

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
