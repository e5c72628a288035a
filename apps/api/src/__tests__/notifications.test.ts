import { randomUUID } from 'node:crypto';
import { MemberRole, type Organisation } from '@waymark/db';
import { signUnsubscribe } from '@waymark/jobs';
import { withAdminClient } from '@waymark/testing';
import { type As, type TestApi, ok, startTestApi } from './harness';

/** Notification preferences over GraphQL, and the one-click unsubscribe link (no sign-in) over HTTP. */
let api: TestApi;
let orgA: Organisation;
let orgB: Organisation;
let person: { id: string; email: string };
let inA: As;
let inB: As;
let secret: string;
const base = () => api.url.replace(/\/graphql$/, '');

const preferenceIn = (as: As) => api.gql<{ notificationPreference: { frequency: string; updatedAt: string | null } }>(`{ notificationPreference { frequency updatedAt } }`, {}, as);
const rows = (userId: string) =>
  withAdminClient(api.db.ownerUrl, async (c) =>
    (await c.query<{ organisation_id: string; frequency: string }>('select organisation_id, frequency from notification_preference where user_id = $1 order by organisation_id', [userId])).rows,
  );

beforeAll(async () => {
  api = await startTestApi();
  secret = api.db.config.AUTH_TOKEN_SECRET;
  orgA = await api.fx.organisation({ name: 'Alpha Library' });
  orgB = await api.fx.organisation({ name: 'Beta Archive' });
  const actor = await api.actor(orgA, MemberRole.ASSESSOR);
  person = actor.user;
  inA = actor.as;
  await api.fx.member(orgB, MemberRole.VIEWER, actor.user);
  inB = { token: inA.token, organisationId: orgB.id };
});
afterAll(() => api.close());

describe('notificationPreference', () => {
  it('is DAILY until chosen, and is chosen per organisation', async () => {
    expect(ok(await preferenceIn(inA)).notificationPreference).toEqual({ frequency: 'DAILY', updatedAt: null });
    const set = ok(await api.gql(`mutation { setNotificationPreference(frequency: WEEKLY) { frequency updatedAt } }`, {}, inA));
    expect(set.setNotificationPreference.frequency).toBe('WEEKLY');
    expect(ok(await preferenceIn(inA)).notificationPreference.frequency).toBe('WEEKLY');
    expect(ok(await preferenceIn(inB)).notificationPreference.frequency).toBe('DAILY');
    ok(await api.gql(`mutation { setNotificationPreference(frequency: IMMEDIATE) { frequency } }`, {}, inA));
    expect(await rows(person.id)).toEqual([{ organisation_id: orgA.id, frequency: 'IMMEDIATE' }]);
  });

  it('refuses a value that is not a frequency as a typed error (never a 500), and anonymous callers as UNAUTHENTICATED', async () => {
    const bad = await api.gql(`mutation { setNotificationPreference(frequency: HOURLY) { frequency } }`, {}, inA);
    expect(bad.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const variable = await api.gql(`mutation($f: NotificationFrequency!) { setNotificationPreference(frequency: $f) { frequency } }`, { f: 'HOURLY' }, inA);
    expect(variable.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(variable.status).toBeLessThan(500);
    const anonymous = await api.gql(`{ notificationPreference { frequency } }`, {}, {});
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('one-click unsubscribe', () => {
  const link = (organisationId: string, userId: string, key = secret) => `${base()}/unsubscribe/${signUnsubscribe(key, { organisationId, userId })}`;

  it('shows a confirmation on GET without changing anything, and without a sign-in', async () => {
    const before = await rows(person.id);
    const res = await fetch(link(orgB.id, person.id));
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/<form method="post">/);
    expect(await rows(person.id)).toEqual(before);
  });

  it('POST (RFC 8058 List-Unsubscribe=One-Click) sets that person to NONE in that organisation only', async () => {
    const res = await fetch(link(orgB.id, person.id), {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click',
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/Unsubscribed/);
    expect(await rows(person.id)).toEqual(
      [{ organisation_id: orgA.id, frequency: 'IMMEDIATE' }, { organisation_id: orgB.id, frequency: 'NONE' }].sort((a, b) => a.organisation_id.localeCompare(b.organisation_id)),
    );
    expect(ok(await preferenceIn(inB)).notificationPreference.frequency).toBe('NONE');
    const audit = await withAdminClient(api.db.ownerUrl, (c) =>
      c.query<{ actor_user_id: string }>(`select actor_user_id from audit_entry where organisation_id = $1 and action = 'notifications.unsubscribe'`, [orgB.id]));
    expect(audit.rows).toEqual([{ actor_user_id: person.id }]);
    // Again: still NONE, still one row.
    expect((await fetch(link(orgB.id, person.id), { method: 'POST' })).status).toBe(200);
    expect((await rows(person.id)).filter((r) => r.organisation_id === orgB.id)).toHaveLength(1);
  });

  it('refuses a tampered token, one signed with another secret, and one naming someone of no organisation, changing nothing', async () => {
    const before = await rows(person.id);
    const good = signUnsubscribe(secret, { organisationId: orgA.id, userId: person.id });
    const [body, mac] = good.split('.') as [string, string];
    const swapped = Buffer.from(`${orgA.id}.${randomUUID()}`).toString('base64url');
    const flipped = `${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`;
    for (const token of [`${swapped}.${mac}`, `${body}.${flipped}`, signUnsubscribe('another secret of enough length', { organisationId: orgA.id, userId: person.id }), 'nonsense', `${body}.${mac}.x`]) {
      for (const method of ['GET', 'POST']) {
        const res = await fetch(`${base()}/unsubscribe/${encodeURIComponent(token)}`, { method });
        expect({ token, method, status: res.status }).toEqual({ token, method, status: 400 });
      }
    }
    expect(await rows(person.id)).toEqual(before);
    // A genuine token for someone who is not a member changes nothing either.
    const stranger = await api.fx.user();
    const res = await fetch(link(orgA.id, stranger.id), { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/no longer a member/);
    expect(await rows(stranger.id)).toEqual([]);
  });

  it('answers every one of many simultaneous clicks (racing on the preference key), keeps one row, and leaves the pool serving', async () => {
    // The harness's pool has 5 connections: 20 racing POSTs for one person with no preference yet
    // all try to insert it; the losers' flush meets the unique key at commit, and each is tried again.
    const org = await api.fx.organisation();
    const { user, as } = await api.actor(org, MemberRole.VIEWER);
    const url = link(org.id, user.id);
    // Each insert of this organisation's preference first sleeps a moment, so every click in flight
    // has looked for the row (and found none) before the first insert reaches the unique key.
    await withAdminClient(api.db.ownerUrl, async (c) => {
      await c.query(`create function slow_preference() returns trigger language plpgsql as $$ begin perform pg_sleep(0.3); return new; end $$`);
      await c.query(`create trigger slow_preference before insert on notification_preference for each row
        when (new.organisation_id = '${org.id}') execute function slow_preference()`);
    });
    const answers = await Promise.all(Array.from({ length: 20 }, () => fetch(url, { method: 'POST' }).then(async (r) => `${r.status} ${/Unsubscribed/.test(await r.text())}`)));
    expect(new Set(answers)).toEqual(new Set(['200 true']));
    expect(await rows(user.id)).toEqual([{ organisation_id: org.id, frequency: 'NONE' }]);
    // No connection was left holding a failed transaction, and every one serves again.
    const stuck = await withAdminClient(api.db.ownerUrl, (c) =>
      c.query(`select pid from pg_stat_activity where datname = current_database() and usename = 'waymark_app' and state like 'idle in transaction%'`));
    expect(stuck.rowCount).toBe(0);
    const reads = await Promise.all(Array.from({ length: 10 }, () => preferenceIn(as)));
    expect(reads.map((r) => ok(r).notificationPreference.frequency)).toEqual(Array(10).fill('NONE'));
  });
});
