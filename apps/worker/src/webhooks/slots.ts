import type IORedis from 'ioredis';

/**
 * At most `limit` deliveries in flight to one endpoint, across every worker process: a slow
 * endpoint then holds a few of the workers' slots, never all of them, so other organisations'
 * deliveries keep flowing (BullMQ's own per-group limits are a Pro feature). Each holder is kept
 * in a sorted set scored by when its hold expires, so a worker killed mid-request cannot keep a
 * slot for ever.
 */
const TAKE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZSCORE', KEYS[1], ARGV[4]) then return 1 end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], tonumber(ARGV[1]) + tonumber(ARGV[2]), ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

export class EndpointSlots {
  constructor(
    private readonly redis: IORedis,
    private readonly limit: number,
    /** How long a hold lasts at most: the request timeout and some margin. */
    private readonly holdMs: number,
    private readonly prefix = 'waymark-webhook-slots',
  ) {}

  private key(endpointId: string) {
    return `${this.prefix}:${endpointId}`;
  }

  async take(endpointId: string, holder: string): Promise<boolean> {
    const taken = await this.redis.eval(TAKE, 1, this.key(endpointId), Date.now(), this.holdMs, this.limit, holder);
    return taken === 1;
  }

  async release(endpointId: string, holder: string): Promise<void> {
    await this.redis.zrem(this.key(endpointId), holder);
  }
}
