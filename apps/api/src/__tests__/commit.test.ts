import type { Organisation } from '@waymark/db';
import { withAdminClient } from '@waymark/testing';
import { type As, MemberRole, type TestApi, errorCode, ok, startTestApi } from './harness';

/**
 * A change counts as saved only when its transaction commits, and the answer says so only then.
 * A deferred constraint makes the commit itself fail (PostgreSQL checks it at COMMIT, after the
 * mutation's statements all succeeded): the client must get an error, and nothing may be saved.
 */
let api: TestApi;
let org: Organisation;
let assessor: As;

const CREATE = `mutation($i: EvidenceInput!) { createEvidence(input: $i) { id title } }`;
const input = (title: string) => ({ title, url: 'https://example.org/report', evidenceDate: '2026-01-01' });

beforeAll(async () => {
  api = await startTestApi();
  org = await api.fx.organisation();
  assessor = (await api.actor(org, MemberRole.ASSESSOR)).as;
  await withAdminClient(api.db.ownerUrl, async (client) => {
    await client.query(`create function refuse_at_commit() returns trigger language plpgsql as $$
      begin
        if new.title = 'refused at commit' then raise exception 'refused at commit' using errcode = '23514'; end if;
        return new;
      end $$`);
    await client.query(`create constraint trigger refuse_at_commit after insert on evidence
      deferrable initially deferred for each row execute function refuse_at_commit()`);
  });
});
afterAll(() => api.close());

const count = (sql: string, values: unknown[]) =>
  withAdminClient(api.db.ownerUrl, async (client) => Number((await client.query<{ n: string }>(sql, values)).rows[0]!.n));

it('answers an error, with nothing saved, when the commit fails', async () => {
  const res = await api.gql(CREATE, { i: input('refused at commit') }, assessor);
  expect(res.data?.createEvidence ?? null).toBeNull();
  expect(res.errors).toHaveLength(1);
  expect(errorCode(res)).toBe('CONFLICT');
  expect(res.errors![0]!.message).toMatch(/nothing was saved/);
  expect(res.status).toBe(409);
  expect(await count(`select count(*) as n from evidence where organisation_id = $1`, [org.id])).toBe(0);
  expect(await count(`select count(*) as n from audit_entry where organisation_id = $1 and action = 'evidence.create'`, [org.id])).toBe(0);
});

it('still saves, and says so, when the commit succeeds', async () => {
  const created = ok(await api.gql(CREATE, { i: input('an ordinary report') }, assessor)).createEvidence;
  expect(created.title).toBe('an ordinary report');
  expect(await count(`select count(*) as n from evidence where organisation_id = $1 and id = $2`, [org.id, created.id])).toBe(1);
  expect(await count(`select count(*) as n from audit_entry where organisation_id = $1 and entity_id = $2`, [org.id, created.id])).toBe(1);
});

it('answers 503 and saves nothing when the connection dies before the commit', async () => {
  // The backend serving the mutation is terminated while the mutation waits on a lock it needs.
  const title = 'lost with its connection';
  const other = await api.fx.member(org, MemberRole.MANAGER);
  const item = { id: '' };
  await withAdminClient(api.db.ownerUrl, async (client) => {
    await client.query('begin');
    const [row] = (await client.query<{ id: string }>(
      `insert into partner (id, created_at, organisation_id, name, partner_type, status, created_by, updated_at)
       values (gen_random_uuid(), now(), $1, 'Held', 'OTHER', 'ACTIVE', $2, now()) returning id`,
      [org.id, other.user.id],
    )).rows;
    await client.query('commit');
    item.id = row!.id;
    // Hold the partner row, so the update below waits; then end the waiting backend.
    await client.query('begin');
    await client.query('select 1 from partner where id = $1 for update', [item.id]);
    const pending = api.gql(`mutation($id: ID!) { updatePartner(id: $id, input: { notes: "${title}" }) { id } }`, { id: item.id }, assessor);
    let terminated = false;
    for (let i = 0; i < 100 && !terminated; i++) {
      const waiting = await client.query(
        `select pid from pg_stat_activity where datname = current_database() and usename = 'waymark_app' and wait_event_type = 'Lock'`,
      );
      if (waiting.rowCount) terminated = (await client.query('select pg_terminate_backend($1) as ok', [waiting.rows[0]!.pid])).rows[0].ok;
      else await new Promise((r) => setTimeout(r, 50));
    }
    await client.query('rollback');
    expect(terminated).toBe(true);
    const res = await pending;
    expect(res.data?.updatePartner ?? null).toBeNull();
    expect(errorCode(res)).toBe('SERVICE_UNAVAILABLE');
    expect(res.status).toBe(503);
  });
  expect(await count(`select count(*) as n from partner where id = $1 and notes = $2`, [item.id, title])).toBe(0);
  // The API carries on with a fresh connection.
  expect(ok(await api.gql(CREATE, { i: input('after the outage') }, assessor)).createEvidence.title).toBe('after the outage');
});
