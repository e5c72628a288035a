import { randomUUID } from 'node:crypto';
import { WaymarkError, mulberry32 } from '@waymark/domain';
import { createLogger } from '@waymark/logger';
import { FIXTURE_PASSWORD, type RedisService, startRedis } from '@waymark/testing';
import type { Credential } from '../auth/credentials';
import { RateLimits, UNDER_ATTACK_SPACING_SECONDS, lockoutSeconds } from '../http/rate-limits';
import { RedisLink } from '../http/redis-link';
import { MemberRole, type GqlResponse, type TestApi, errorCode, ok, startTestApi } from './harness';

const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`;
const ME = `{ me { apiKeyId user { id } } }`;
const CREATE_KEY = `mutation { createApiKey(name: "sync", scopes: ["organisation:read"]) { secret } }`;
const ALLOWED_FAILURES = 5;
const PER_MINUTE = 8;

/** Requests a client at `address` sends (the server trusts one proxy hop, as behind a load balancer). */
const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });

function expectLimited(res: GqlResponse) {
  expect(errorCode(res)).toBe('RATE_LIMITED');
  expect(res.status).toBe(429);
  const wait = res.errors![0]!.extensions!.retryAfterSeconds as number;
  expect(wait).toBeGreaterThanOrEqual(1);
  return wait;
}

describe('rate limits', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({
      config: {
        TRUST_PROXY_HOPS: '1',
        RATE_LIMIT_LOGIN_FAILURES: String(ALLOWED_FAILURES),
        RATE_LIMIT_PER_MINUTE: String(PER_MINUTE),
        RATE_LIMIT_ANONYMOUS_PER_MINUTE: '40',
      },
    });
  });
  afterAll(() => api.close());

  it('slows a password flood to the allowed few, then refuses even the right password until the lock-out ends', async () => {
    const user = await api.fx.user();
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 20; i++) codes.push(errorCode(await api.gql(LOGIN, { email: user.email, password: `guess-${i}` }, from('203.0.113.7'))));
    expect(codes.slice(0, ALLOWED_FAILURES)).toEqual(Array(ALLOWED_FAILURES).fill('UNAUTHENTICATED'));
    expect(codes.slice(ALLOWED_FAILURES)).toEqual(Array(20 - ALLOWED_FAILURES).fill('RATE_LIMITED'));

    const right = await api.gql(LOGIN, { email: user.email, password: FIXTURE_PASSWORD }, from('203.0.113.7'));
    const wait = expectLimited(right);
    expect(wait).toBeLessThanOrEqual(15);
    expect(right.errors![0]!.message).not.toMatch(/exist|account|unknown/i);

    // The lock-out is for that account from that address: the owner elsewhere still signs in.
    ok(await api.gql(LOGIN, { email: user.email, password: FIXTURE_PASSWORD }, from('198.51.100.20')));
  });

  it('treats an email nobody has exactly like one with an account', async () => {
    const user = await api.fx.user();
    const nobody = `nobody-${randomUUID()}@example.test`;
    const run = async (email: string) => {
      const seen: string[] = [];
      for (let i = 0; i < ALLOWED_FAILURES + 2; i++) {
        const res = await api.gql(LOGIN, { email, password: 'wrong' }, from('203.0.113.8'));
        seen.push(`${res.status} ${errorCode(res)} ${res.errors![0]!.message}`);
      }
      return seen;
    };
    expect(await run(nobody)).toEqual(await run(user.email));
  });

  it('clears the run of failures when the right password comes in time', async () => {
    const user = await api.fx.user();
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < ALLOWED_FAILURES - 1; i++) {
        expect(errorCode(await api.gql(LOGIN, { email: user.email, password: 'wrong' }, from('203.0.113.9')))).toBe('UNAUTHENTICATED');
      }
      ok(await api.gql(LOGIN, { email: user.email, password: FIXTURE_PASSWORD }, from('203.0.113.9')));
    }
  });

  it('limits each person, each API key and each anonymous address on their own', async () => {
    const org = await api.fx.organisation();
    const a = await api.actor(org, MemberRole.OWNER);
    const b = await api.actor(org, MemberRole.MANAGER);
    const { secret } = ok(await api.gql(CREATE_KEY, {}, a.as)).createApiKey;

    // a has spent one request creating the key.
    for (let i = 1; i < PER_MINUTE; i++) ok(await api.gql(ME, {}, a.as));
    const limited = await api.gql(ME, {}, a.as);
    expectLimited(limited);
    expect(limited.data ?? null).toBeNull();

    // Someone else, and a key a created, have budgets of their own.
    expect(ok(await api.gql(ME, {}, b.as)).me.user.id).toBe(b.user.id);
    for (let i = 0; i < PER_MINUTE; i++) ok(await api.gql(ME, {}, { apiKey: secret }));
    expectLimited(await api.gql(ME, {}, { apiKey: secret }));
    expect(ok(await api.gql(ME, {}, b.as)).me.user.id).toBe(b.user.id);
  });

  it('limits anonymous requests per address, counting credentials that do not check out', async () => {
    const here = from('192.0.2.44');
    for (let i = 0; i < 20; i++) ok(await api.gql(`{ __typename }`, {}, here));
    for (let i = 0; i < 20; i++) {
      expect(errorCode(await api.gql(ME, {}, { ...here, token: 'not-a-token' }))).toBe('UNAUTHENTICATED');
    }
    const limited = await fetch(api.url, { method: 'POST', headers: { 'content-type': 'application/json', ...here.headers }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await limited.json()) as GqlResponse).errors![0]!.extensions!.code).toBe('RATE_LIMITED');
    // A different address is not affected.
    ok(await api.gql(`{ __typename }`, {}, from('192.0.2.45')));
  });

  it('limits downloads with the same budgets', async () => {
    const org = await api.fx.organisation();
    const { as } = await api.actor(org, MemberRole.MANAGER);
    const download = () =>
      fetch(api.url.replace('/graphql', '/exports/organisation.json'), { headers: { authorization: `Bearer ${as.token}`, 'x-organisation-id': org.id } });
    for (let i = 0; i < PER_MINUTE; i++) expect((await download()).status).toBe(200);
    const limited = await download();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });
});

describe('sign-in lock-out that nobody elsewhere can use against a person', () => {
  // Two failures in a row lock a pair, so twenty across addresses put the account under attack.
  const FEW = 2;
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ config: { TRUST_PROXY_HOPS: '1', RATE_LIMIT_LOGIN_FAILURES: String(FEW), RATE_LIMIT_ANONYMOUS_PER_MINUTE: '1000' } });
  });
  afterAll(() => api.close());

  it('cannot be turned against a person: failures from many addresses slow the account, they never lock its owner out', async () => {
    const user = await api.fx.user();
    // Past the account-wide threshold (ten runs' worth of failures), one failure from each address.
    const attackers = Array.from({ length: FEW * 12 }, (_, i) => `203.0.113.${100 + i}`);
    for (const address of attackers) {
      expect(errorCode(await api.gql(LOGIN, { email: user.email, password: 'a guess' }, from(address)))).toBe('UNAUTHENTICATED');
    }
    // Under attack, each address may try the account only once every few seconds (the last one tried a moment ago)...
    const again = await api.gql(LOGIN, { email: user.email, password: 'another guess' }, from(attackers.at(-1)!));
    expect(expectLimited(again)).toBeLessThanOrEqual(UNDER_ATTACK_SPACING_SECONDS);
    // ...while the person, from their own address, signs in at the first try.
    ok(await api.gql(LOGIN, { email: user.email, password: FIXTURE_PASSWORD }, from('198.51.100.77')));
    // And a second person, never attacked, is not slowed at all.
    const bystander = await api.fx.user();
    ok(await api.gql(LOGIN, { email: bystander.email, password: FIXTURE_PASSWORD }, from(attackers[1]!)));
  });

});

describe('rate limits without Redis', () => {
  let redis: RedisService;
  let api: TestApi;
  beforeAll(async () => {
    redis = await startRedis();
    api = await startTestApi({ config: { REDIS_URL: redis.url, RATE_LIMIT_LOGIN_FAILURES: '3', RATE_LIMIT_PER_MINUTE: '1000' } });
  });
  afterAll(async () => {
    await api.close();
    await redis.close();
  });

  it('falls back to memory when Redis dies: requests are served and sign-ins still lock out', async () => {
    const org = await api.fx.organisation();
    const { as } = await api.actor(org, MemberRole.MANAGER);
    ok(await api.gql(ME, {}, as));
    await redis.kill();

    for (let i = 0; i < 5; i++) expect(ok(await api.gql(ME, {}, as)).me.user).not.toBeNull();
    const user = await api.fx.user();
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 6; i++) codes.push(errorCode(await api.gql(LOGIN, { email: user.email, password: 'wrong' })));
    expect(codes).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED']);
  });
});

describe('lock-out length', () => {
  it('starts after the allowed attempts at 15 seconds and doubles up to an hour', () => {
    expect([1, 4].map((n) => lockoutSeconds(n, 5))).toEqual([0, 0]);
    expect([5, 6, 7, 8].map((n) => lockoutSeconds(n, 5))).toEqual([15, 30, 60, 120]);
    expect(lockoutSeconds(13, 5)).toBe(3600);
    expect(lockoutSeconds(10_000, 5)).toBe(3600);
  });
});

describe('request budgets leased from Redis', () => {
  const BUDGET = 600;
  const cfg = { RATE_LIMIT_PER_MINUTE: BUDGET, RATE_LIMIT_ANONYMOUS_PER_MINUTE: 120, RATE_LIMIT_LOGIN_FAILURES: 5 };
  let redis: RedisService;
  let links: RedisLink[] = [];
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterEach(() => {
    for (const link of links) link.close();
    links = [];
  });
  afterAll(() => redis.close());

  /** An API instance's limits on the shared Redis, as server.ts makes them. */
  async function instance(prefix: string): Promise<RateLimits> {
    const link = new RedisLink(redis.url, { purpose: 'rate limits', log: createLogger({ level: 'silent', name: 'test' }), deadlineMs: 1_000, autoPipelining: true });
    links.push(link);
    const limits = new RateLimits(cfg, { prefix, link });
    await limits.ready();
    return limits;
  }

  /** Commands Redis has run so far, from its own statistics. */
  async function commandsRun(): Promise<number> {
    const info = await links[0]!.client.info('stats');
    return Number(/total_commands_processed:(\d+)/.exec(info)![1]);
  }

  const admitted = async (limits: RateLimits, userId: string) =>
    limits.admit({ kind: 'user', userId } as Credential, '192.0.2.1').then(() => true, (error: unknown) => {
      expect(error instanceof WaymarkError && error.code).toBe('RATE_LIMITED');
      return false;
    });

  it('admits exactly the budget from one instance, asking Redis for a small fraction of the requests', async () => {
    const limits = await instance(`lease-one-${randomUUID()}`);
    const person = randomUUID();
    const before = await commandsRun();
    const answers: boolean[] = [];
    for (let i = 0; i < BUDGET / 2; i++) answers.push(await admitted(limits, person));
    // Each lease is one consume (a few commands: rate-limiter-flexible's MULTI); a request is none.
    const commands = (await commandsRun()) - before - 1; // less the INFO itself
    for (let i = BUDGET / 2; i < BUDGET + 50; i++) answers.push(await admitted(limits, person));
    expect(answers.filter(Boolean)).toHaveLength(BUDGET);
    expect(answers.slice(0, BUDGET).every(Boolean)).toBe(true);
    expect(commands).toBeLessThan(BUDGET / 2 / 5);
    console.log(`[rate limits] the first ${BUDGET / 2} requests from one instance: ${commands} Redis commands`);
  });

  it('never admits more than the budget across instances sharing Redis, however the requests are spread', async () => {
    const prefix = `lease-many-${randomUUID()}`;
    const instances = [await instance(prefix), await instance(prefix), await instance(prefix)];
    const person = randomUUID();
    const random = mulberry32(20261207);
    // Interleaved at random and in bursts of parallel requests, as a busy client behind a load balancer.
    let admittedCount = 0;
    for (let burst = 0; burst < 90; burst++) {
      const answers = await Promise.all(Array.from({ length: 10 }, () => admitted(instances[Math.floor(random() * instances.length)]!, person)));
      admittedCount += answers.filter(Boolean).length;
    }
    expect(admittedCount).toBeLessThanOrEqual(BUDGET);
    // Unspent leases are counted as spent: each instance refuses at most one lease early.
    expect(admittedCount).toBeGreaterThanOrEqual(BUDGET - instances.length * (BUDGET / 20));
  });

  it('refuses a key in memory once refused, until its window ends', async () => {
    const limits = await instance(`lease-refused-${randomUUID()}`);
    const person = randomUUID();
    for (let i = 0; i < BUDGET; i++) expect(await admitted(limits, person)).toBe(true);
    expect(await admitted(limits, person)).toBe(false);
    const before = await commandsRun();
    for (let i = 0; i < 100; i++) expect(await admitted(limits, person)).toBe(false);
    expect((await commandsRun()) - before - 1).toBe(0);
  });
});
