import { type RedisService, startRedis } from '@waymark/testing';
import { MemberRole, type As, type TestApi, startTestApi } from './harness';

/**
 * A Redis that stops answering without closing its connections (SIGSTOP: frozen, as under a
 * stalled VM or a network that drops packets) must not hold the API: every request is answered,
 * rate limits are counted in memory meanwhile, /readyz says degraded and why, and once Redis
 * answers again everything goes back to it by itself.
 */
// Not a speed target: a request held by Redis waited 25 s before; this only tells a hang from an answer.
const HANG_MS = 2_000;

let redis: RedisService;
let api: TestApi;
let member: As;

beforeAll(async () => {
  redis = await startRedis();
  api = await startTestApi({ config: { REDIS_URL: redis.url, RATE_LIMIT_PER_MINUTE: '100000', REDIS_COMMAND_TIMEOUT_MS: '200' } });
  const org = await api.fx.organisation();
  member = (await api.actor(org, MemberRole.MANAGER)).as;
});
afterAll(async () => {
  redis?.thaw();
  await api?.close();
  await redis?.close();
});

const origin = () => api.url.replace('/graphql', '');
const readyz = async () => {
  const res = await fetch(`${origin()}/readyz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

/** One request timed: what it answered and how long it took. */
async function timed(query: string, as: As = {}) {
  const started = performance.now();
  const res = await api.gql(query, {}, as);
  return { ms: performance.now() - started, ok: res.status === 200 && !res.errors?.length };
}

const REQUESTS = [`{ __typename }`, `{ me { user { id } } }`];

it('answers every request promptly while Redis is frozen, says degraded, and goes back to Redis when it thaws', async () => {
  // Before: the rate limits' connection is up and in use.
  for (let i = 0; i < 5; i++) for (const query of REQUESTS) expect((await timed(query, member)).ok).toBe(true);
  expect((await readyz()).body).toMatchObject({ status: 'ready', redis: 'ok', rateLimits: 'redis' });

  redis.freeze();
  try {
    // One after another, then many at once: each answered, none held.
    const sequential = [];
    for (let i = 0; i < 10; i++) {
      sequential.push(await timed(`{ __typename }`));
      sequential.push(await timed(`{ me { user { id } } }`, member));
    }
    const together = await Promise.all(Array.from({ length: 20 }, (_, i) => timed(REQUESTS[i % 2]!, member)));
    for (const result of [...sequential, ...together]) {
      expect(result).toMatchObject({ ok: true });
      expect(result.ms).toBeLessThan(HANG_MS);
    }
    const started = performance.now();
    const ready = await readyz();
    expect(performance.now() - started).toBeLessThan(HANG_MS);
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'degraded', database: 'ok', redis: 'not answering', rateLimits: 'memory' });
    expect((ready.body.degraded as string[]).join(' ')).toMatch(/did not answer within 200 ms: rate limits are counted in this process's memory/);
  } finally {
    redis.thaw();
  }

  // After: the link notices by itself (a background check) and the limits go back to Redis.
  let after = await readyz();
  for (let i = 0; i < 100 && after.body.status !== 'ready'; i++) {
    await new Promise((r) => setTimeout(r, 100));
    after = await readyz();
  }
  expect(after.body).toMatchObject({ status: 'ready', redis: 'ok', rateLimits: 'redis' });
  for (const query of REQUESTS) expect((await timed(query, member)).ok).toBe(true);
});
