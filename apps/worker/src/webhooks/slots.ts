import type IORedis from 'ioredis';

/**
 * At most `limit` deliveries in flight to one endpoint, across every worker process: a slow
 * endpoint then holds a few of the workers' slots, never all of them, so other organisations'
 * deliveries keep flowing (BullMQ's own per-group limits are a Pro feature). Each holder is kept
 * in a sorted set scored by when its hold expires, so a worker killed mid-request cannot keep a
 * slot for ever.
 *
 * A delivery that finds the endpoint full joins the endpoint's wait list (oldest first) and sleeps
 * long; a release wakes the oldest waiter. So a backlog of thousands on one endpoint costs one
 * wake-up per finished request, not a poll of every waiting job every few hundred milliseconds.
 */
const TAKE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZSCORE', KEYS[1], ARGV[4]) then return -1 end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
  redis.call('ZADD', KEYS[2], 'NX', ARGV[1], ARGV[4])
  redis.call('PEXPIRE', KEYS[2], ARGV[5])
  return redis.call('ZRANK', KEYS[2], ARGV[4])
end
redis.call('ZREM', KEYS[2], ARGV[4])
redis.call('ZADD', KEYS[1], tonumber(ARGV[1]) + tonumber(ARGV[2]), ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return -1`;

const RELEASE = `
redis.call('ZREM', KEYS[1], ARGV[1])
local next = redis.call('ZPOPMIN', KEYS[2])
return next[1]`;

/** Either the slot is taken, or the endpoint is full and the caller is `position`th in its wait list (0 = next). */
export type SlotAnswer = { taken: true } | { taken: false; position: number };

export class EndpointSlots {
  constructor(
    private readonly redis: IORedis,
    private readonly limit: number,
    /** How long a hold lasts at most: the request timeout and some margin. */
    private readonly holdMs: number,
    private readonly prefix = 'waymark-webhook-slots',
  ) {}

  private keys(endpointId: string) {
    return [`${this.prefix}:${endpointId}`, `${this.prefix}-waiting:${endpointId}`];
  }

  async take(endpointId: string, holder: string): Promise<SlotAnswer> {
    const answer = Number(await this.redis.eval(TAKE, 2, ...this.keys(endpointId), Date.now(), this.holdMs, this.limit, holder, 3_600_000));
    return answer < 0 ? { taken: true } : { taken: false, position: answer };
  }

  /** Gives the slot back; returns the oldest waiter (to be woken), if any. */
  async release(endpointId: string, holder: string): Promise<string | null> {
    const next = await this.redis.eval(RELEASE, 2, ...this.keys(endpointId), holder);
    return typeof next === 'string' ? next : null;
  }
}
