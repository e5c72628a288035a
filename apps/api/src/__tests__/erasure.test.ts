import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { AssessorAnswer, ActionItemNote, Assessment, AuditEntry, Membership, Organisation, seedDemo } from '@waymark/db';
import { MemberRole, type TestApi, errorCode, ok, startTestApi } from './harness';
import { seedOrganisationData } from './world';

/**
 * Erasure through the real server: a person (by an owner, or by themselves) and a whole
 * organisation. The organisation test finds what to check in the catalog, so a table added later
 * with an organisation column is checked the day it lands.
 */
let api: TestApi;
let owner: Client;
beforeAll(async () => {
  api = await startTestApi();
  owner = new Client({ connectionString: api.db.ownerUrl });
  await owner.connect();
});
afterAll(async () => {
  await owner.end();
  await api.close();
});

const ERASE = `mutation($id: ID!) { erasePerson(membershipId: $id) { id label } }`;
const ERASE_ME = `mutation($password: String!) { eraseMyAccount(password: $password) }`;
const DELETE = `mutation($name: String!, $declined: Boolean) { deleteOrganisation(confirmName: $name, exportDeclined: $declined) { organisationId rowsErased exportedAt } }`;
const ANSWERS = `query($id: ID!) { assessment(id: $id) { assessorAnswers { nodeKey value note userId assessor { name email } } } }`;
const AUDIT = `query { auditLog(first: 50) { edges { node { action actorUserId before after } } } }`;

const count = async (sql: string, values: unknown[]) => Number((await owner.query<{ n: string }>(sql, values)).rows[0]!.n);

describe('erasing a person', () => {
  it('replaces their name and email everywhere with a stable label, ends their sessions, and keeps the team work', async () => {
    const org = await api.fx.organisation();
    const boss = await api.actor(org, MemberRole.OWNER);
    const ann = await api.fx.user({ name: 'Ann Quill', email: `ann-${randomUUID().slice(0, 6)}@example.test` });
    const { membership } = await api.fx.member(org, MemberRole.ASSESSOR, ann);
    const annToken = await api.tokenFor(ann);
    const framework = await api.fx.framework();
    const em = api.db.owner.em.fork();
    const assessment = em.create(Assessment, { organisationId: org.id, frameworkId: framework.id, cycle: '2026', createdBy: boss.user.id });
    em.create(AssessorAnswer, { organisationId: org.id, assessmentId: assessment.id, userId: ann.id, nodeKey: '3.1.1.a', value: 'YES', note: `Checked with Ann Quill (${ann.email})` });
    em.create(AuditEntry, { organisationId: org.id, actorUserId: ann.id, action: 'test.note', entityType: 'Note', entityId: null, before: null, after: { by: 'Ann Quill', email: ann.email } });
    await em.flush();
    // A first erased person takes number 1, so Ann is 2: numbers count per organisation.
    const first = await api.fx.member(org, MemberRole.VIEWER);
    expect(ok(await api.gql(ERASE, { id: first.membership.id }, boss.as)).erasePerson.label).toBe('Former member 1');

    // How Ann signs in: an authenticator key, a recovery code, a single sign-on attempt with the provider's token.
    const provider = randomUUID();
    await owner.query(`insert into second_factor (id, created_at, user_id, secret_sealed, confirmed_at) values ($1, now(), $2, 'sealed', now())`, [randomUUID(), ann.id]);
    await owner.query(`insert into recovery_code (id, created_at, user_id, code_hash) values ($1, now(), $2, 'hash')`, [randomUUID(), ann.id]);
    await owner.query(
      `insert into sso_provider (id, created_at, updated_at, organisation_id, protocol, oidc_issuer, oidc_client_id, allowed_domains, default_role) values ($1, now(), now(), $2, 'OIDC', 'https://idp.example.test', 'waymark', '{example.test}', 'VIEWER')`,
      [provider, org.id],
    );
    await owner.query(
      `insert into sso_login (id, created_at, organisation_id, provider_id, state_hash, redirect_uri, expires_at, user_id, id_token) values ($1, now(), $2, $3, 'h', 'https://waymark.example.test/sso/oidc/callback', now(), $4, $5)`,
      [randomUUID(), org.id, provider, ann.id, `token naming Ann Quill <${ann.email}>`],
    );

    const erased = ok(await api.gql(ERASE, { id: membership.id }, boss.as)).erasePerson;
    expect(erased).toEqual({ id: ann.id, label: 'Former member 2' });

    // Their sessions ended at once; they cannot sign in with the old address.
    expect(errorCode(await api.gql(`{ me { user { id } } }`, {}, { token: annToken }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await api.gql(`mutation { login(email: "${ann.email}", password: "whatever-password") { token } }`))).toBe('UNAUTHENTICATED');

    // The answer stays, shown as the label, with no email.
    const answers = ok(await api.gql(ANSWERS, { id: assessment.id }, boss.as)).assessment.assessorAnswers;
    const answer = answers.find((a: any) => a.userId === ann.id);
    expect(answer).toEqual({ nodeKey: '3.1.1.a', value: 'YES', userId: ann.id, note: 'Checked with Former member 2 (Former member 2)', assessor: { name: 'Former member 2', email: null } });
    const audit = ok(await api.gql(AUDIT, {}, boss.as)).auditLog.edges.map((e: any) => e.node);
    expect(audit.find((a: any) => a.action === 'test.note')).toMatchObject({ actorUserId: ann.id, after: { by: 'Former member 2', email: 'Former member 2' } });
    expect(audit.find((a: any) => a.action === 'person.erase' && a.after.label === 'Former member 2')).toBeDefined();

    // Nowhere in the database is their name or address left.
    const { rows: user } = await owner.query(`select name, email, erased_at from app_user where id = $1`, [ann.id]);
    expect(user[0].name).toBe('Former member');
    expect(user[0].erased_at).not.toBeNull();
    const { rows: dump } = await owner.query<{ t: string }>(
      `select string_agg(x::text, ' ') as t from (
         select to_jsonb(a)::text as x from assessor_answer a where a.organisation_id = $1
         union all select to_jsonb(e)::text from audit_entry e
         union all select to_jsonb(u)::text from app_user u
         union all select to_jsonb(i)::text from invitation i) s`,
      [org.id],
    );
    expect(dump[0]!.t).not.toContain('Ann Quill');
    expect(dump[0]!.t.toLowerCase()).not.toContain(ann.email.toLowerCase());
    expect(await count(`select count(*) as n from membership where user_id = $1`, [ann.id])).toBe(0);
    expect(await count(`select count(*) as n from assessor_answer where user_id = $1`, [ann.id])).toBe(1);
    // How they signed in is forgotten too (Migration20261208140000).
    for (const table of ['second_factor', 'recovery_code', 'sso_login']) {
      expect([table, await count(`select count(*) as n from ${table} where user_id = $1`, [ann.id])]).toEqual([table, 0]);
    }
  });

  it('refuses an owner who does not own every organisation the person belongs to, and members of another organisation', async () => {
    const a = await api.fx.organisation();
    const b = await api.fx.organisation();
    const ownerA = await api.actor(a, MemberRole.OWNER);
    const ownerB = await api.actor(b, MemberRole.OWNER);
    const both = await api.fx.user();
    const inA = await api.fx.member(a, MemberRole.ASSESSOR, both);
    const inB = await api.fx.member(b, MemberRole.ASSESSOR, both);

    const refused = await api.gql(ERASE, { id: inA.membership.id }, ownerA.as);
    expect(errorCode(refused)).toBe('FORBIDDEN');
    expect(refused.errors![0]!.message).toMatch(/owner of every organisation/);
    // Another organisation's membership is NOT_FOUND, exactly as a made-up one.
    expect(errorCode(await api.gql(ERASE, { id: inB.membership.id }, ownerA.as))).toBe('NOT_FOUND');
    expect(errorCode(await api.gql(ERASE, { id: randomUUID() }, ownerA.as))).toBe('NOT_FOUND');
    // A manager is not an owner.
    const manager = await api.actor(a, MemberRole.MANAGER);
    expect(errorCode(await api.gql(ERASE, { id: inA.membership.id }, manager.as))).toBe('FORBIDDEN');
    expect(await count(`select count(*) as n from membership where user_id = $1`, [both.id])).toBe(2);

    // Once ownerA also owns B, the erasure goes through.
    await api.fx.member(b, MemberRole.OWNER, ownerA.user);
    expect(ok(await api.gql(ERASE, { id: inA.membership.id }, ownerA.as)).erasePerson.label).toBe('Former member 1');
    expect(await count(`select count(*) as n from membership where user_id = $1`, [both.id])).toBe(0);
    expect(ownerB).toBeDefined();
  });

  it('lets a person erase themselves with their password, but not the last owner', async () => {
    const org = await api.fx.organisation();
    const soleOwner = await api.fx.user({ password: 'a-long-password-1' });
    await api.fx.member(org, MemberRole.OWNER, soleOwner);
    const asOwner = { token: await api.tokenFor(soleOwner), organisationId: org.id };
    const last = await api.gql(ERASE_ME, { password: 'a-long-password-1' }, asOwner);
    expect(errorCode(last)).toBe('CONFLICT');
    expect(last.errors![0]!.message).toMatch(/last owner/);

    const me = await api.fx.user({ password: 'a-long-password-2' });
    await api.fx.member(org, MemberRole.VIEWER, me);
    const asMe = { token: await api.tokenFor(me), organisationId: org.id };
    expect(errorCode(await api.gql(ERASE_ME, { password: 'not-my-password' }, asMe))).toBe('BAD_USER_INPUT');
    expect(ok(await api.gql(ERASE_ME, { password: 'a-long-password-2' }, asMe)).eraseMyAccount).toBe(true);
    expect(errorCode(await api.gql(`{ me { user { id } } }`, {}, asMe))).toBe('UNAUTHENTICATED');
    expect(await count(`select count(*) as n from former_member where user_id = $1 and organisation_id = $2`, [me.id, org.id])).toBe(1);
  });
});

/** Every (table, column) that names an organisation, read from the catalog independently of the code under test. */
async function organisationColumns(): Promise<{ table: string; column: string }[]> {
  const { rows } = await owner.query<{ table: string; column: string }>(
    `select distinct c.table_name as table, c.column_name as column
       from information_schema.columns c join information_schema.tables t using (table_schema, table_name)
      where c.table_schema = 'public' and t.table_type = 'BASE TABLE' and c.data_type = 'uuid'
        and (c.column_name like '%organisation_id' or c.column_name = 'institution_id'
             or (c.table_name, c.column_name) in (
               select kcu.table_name, kcu.column_name from information_schema.referential_constraints rc
                 join information_schema.key_column_usage kcu on kcu.constraint_name = rc.constraint_name
                 join information_schema.constraint_column_usage ccu on ccu.constraint_name = rc.constraint_name
                where ccu.table_name = 'organisation'))
      order by 1, 2`,
  );
  return rows;
}

const rowsOf = async (org: string) => {
  const out: Record<string, number> = {};
  for (const { table, column } of await organisationColumns()) {
    out[`${table}.${column}`] = await count(`select count(*) as n from "${table}" where "${column}" = $1`, [org]);
  }
  return out;
};

describe('deleting an organisation', () => {
  it('asks for the name and for the export (or a clear no), and only an owner of this organisation may', async () => {
    const org = await api.fx.organisation({ name: 'Brindle Archive' });
    const boss = await api.actor(org, MemberRole.OWNER);
    const manager = await api.actor(org, MemberRole.MANAGER);
    const other = await api.fx.organisation();
    const otherOwner = await api.actor(other, MemberRole.OWNER);

    expect(errorCode(await api.gql(DELETE, { name: 'Brindle Archive' }, manager.as))).toBe('FORBIDDEN');
    const wrongName = await api.gql(DELETE, { name: 'Brindle' }, boss.as);
    expect(errorCode(wrongName)).toBe('BAD_USER_INPUT');
    expect(wrongName.errors![0]!.extensions).toMatchObject({ field: 'confirmName', reason: 'NAME_MISMATCH' });
    const noExport = await api.gql(DELETE, { name: 'Brindle Archive' }, boss.as);
    expect(errorCode(noExport)).toBe('CONFLICT');
    expect(noExport.errors![0]!.extensions).toMatchObject({ reason: 'EXPORT_FIRST' });
    // Another organisation's owner acting for their own cannot name this one: the organisation comes from the credential.
    expect(errorCode(await api.gql(DELETE, { name: 'Brindle Archive' }, otherOwner.as))).toBe('BAD_USER_INPUT');
    // An owner of B naming A in the header is not a member of A: refused before anything runs.
    expect(errorCode(await api.gql(DELETE, { name: 'Brindle Archive' }, { ...otherOwner.as, organisationId: org.id }))).not.toBeUndefined();
    expect(await count(`select count(*) as n from organisation where id = $1`, [org.id])).toBe(1);

    // After the full export has been downloaded, the deletion goes through.
    const origin = new URL(api.url).origin;
    const res = await fetch(`${origin}/exports/organisation.json`, { headers: { authorization: `Bearer ${boss.as.token}`, 'x-organisation-id': org.id } });
    expect(res.status).toBe(200);
    await res.text();
    const done = ok(await api.gql(DELETE, { name: 'brindle archive' }, boss.as)).deleteOrganisation;
    expect(done.organisationId).toBe(org.id);
    expect(done.exportedAt).not.toBeNull();
    expect(await count(`select count(*) as n from organisation where id = $1`, [org.id])).toBe(0);
  });

  it('leaves no row of any table keyed to it, stops its keys, webhooks and feeds, keeps an audit record, and leaves another organisation untouched', async () => {
    const em = api.db.owner.em.fork();
    await seedDemo(em);
    // The bystander is the demo's fullest institution, with the world's rows of every kind added.
    const bystander = await em.findOneOrFail(Organisation, { slug: 'northfield-central-library' }, { filters: false });
    const kept = await seedOrganisationData(api, await api.fx.organisation(), 'KeptMarker');
    const demo = await api.fx.organisation({ name: 'Doomed Library' });
    const data = await seedOrganisationData(api, demo, 'DoomedMarker');
    const boss = await api.actor(demo, MemberRole.OWNER);
    // Rows the factories and the demo do not make, so every table keyed to an organisation has one.
    const fill = api.db.owner.em.fork();
    fill.create(ActionItemNote, { organisationId: demo.id, itemId: data.item, authorId: boss.user.id, body: 'note by the owner' });
    await fill.flush();
    const q = (text: string, values: unknown[]) => owner.query(text, values);
    const [d, by] = [demo.id, boss.user.id];
    await q(`insert into former_member (id, created_at, organisation_id, user_id, number) values ($1, now(), $2, $3, 1)`, [randomUUID(), d, randomUUID()]);
    const provider = randomUUID();
    await q(`insert into sso_provider (id, created_at, updated_at, organisation_id, protocol, oidc_issuer, oidc_client_id, allowed_domains, default_role) values ($1, now(), now(), $2, 'OIDC', 'https://idp.example.test', 'waymark', '{doomed.example.test}', 'VIEWER')`, [provider, d]);
    await q(`insert into sso_login (id, created_at, organisation_id, provider_id, state_hash, redirect_uri, expires_at) values ($1, now(), $2, $3, 'h', 'https://waymark.example.test/sso/oidc/callback', now())`, [randomUUID(), d, provider]);
    await q(`insert into assessment_reopening (id, created_at, organisation_id, assessment_id, reason, reopened_by) values ($1, now(), $2, $3, 'a fix', $4)`, [randomUUID(), d, data.submitted, by]);
    await q(`insert into assessor_answer (id, created_at, updated_at, organisation_id, assessment_id, node_key, value, user_id) values ($1, now(), now(), $2, $3, '3.1.1.a', 'YES', $4)`, [randomUUID(), d, data.draft, by]);
    await q(`insert into audit_entry (id, organisation_id, actor_user_id, action, entity_type, at) values ($1, $2, $3, 'test', 'Thing', now())`, [randomUUID(), d, by]);
    await q(`insert into outbox_event (id, created_at, organisation_id, type, subject_id, payload) values ($1, now(), $2, 'plan.generated', 'x', '{}')`, [randomUUID(), d]);
    await q(`insert into reminder_delivery (id, created_at, organisation_id, recipient_user_id, period, channel, items, subject, message_id, lease_until) values ($1, now(), $2, $3, '2026-W49', 'email', '[]', 'Due soon', $4, now())`, [randomUUID(), d, by, `<${randomUUID()}@x>`]);
    const score = randomUUID();
    await q(`insert into submitted_score (id, created_at, organisation_id, assessment_id, framework_id, cycle, practice, evidence, submitted_at) values ($1, now(), $2, $3, $4, '2025', 50, 50, now())`, [score, d, data.submitted, data.framework]);
    await q(`insert into submitted_element_score (id, created_at, organisation_id, score_id, element_key, practice, evidence) values ($1, now(), $2, $3, '3.1', 50, 50)`, [randomUUID(), d, score]);
    await q(`insert into submitted_part_answer (id, created_at, organisation_id, score_id, part_key, value) values ($1, now(), $2, $3, '3.1.1.a', 'YES')`, [randomUUID(), d, score]);
    await q(`insert into benchmark_entry (entry, framework_id, institution_id, record_key, scores, parts) values ($1, $2, $3, 1, '{}', '{}')`, [randomUUID().slice(0, 32), data.framework, d]);
    await q(`insert into benchmark_contribution (framework_id, institution_id, entry, consent, cohorts) values ($1, $2, 'e', 'ANONYMOUS', '{}')`, [data.framework, d]);
    // The doomed institution is a member of the demo body's network, and a body of its own network.
    const body = (await q(`select organisation_id, id from network limit 1`, [])).rows[0] as { organisation_id: string; id: string };
    await q(`insert into network_member (id, created_at, updated_at, organisation_id, network_id, member_organisation_id, invited_by, status) values ($1, now(), now(), $2, $3, $4, $5, 'MEMBER')`, [randomUUID(), body.organisation_id, body.id, d, by]);
    const cell = `insert into benchmark_network_cell (id, created_at, organisation_id, snapshot_id, network_id, label, member_organisation_id, position, scope, practice) values ($1, now(), $2, $3, $4, 'Named', $5, 1, 'overall', 50)`;
    const snapshot = { id: randomUUID() };
    await q(`insert into benchmark_snapshot (id, audit, changed_cohorts, framework_id, institutions, protection_points, taken_at, trigger) values ($1, '{}', 0, $2, 0, 15, now(), 'test')`, [snapshot.id, data.framework]);
    await q(cell, [randomUUID(), body.organisation_id, snapshot.id, body.id, d]);
    await q(cell, [randomUUID(), d, snapshot.id, data.network, kept.org]);

    const before = await rowsOf(demo.id);
    const empty = Object.entries(before).filter(([, n]) => n === 0).map(([k]) => k);
    // A table keyed to an organisation that the fixture leaves empty would prove nothing: add a row above.
    expect(empty).toEqual([]);
    const bystanderBefore = await rowsOf(bystander.id);
    const { rows: bystanderDigest } = await owner.query(`select md5(string_agg(to_jsonb(m)::text, ',' order by m.id)) as d from membership m where organisation_id = $1`, [bystander.id]);

    const deletion = ok(await api.gql(DELETE, { name: demo.name, declined: true }, boss.as)).deleteOrganisation;
    expect(deletion.rowsErased).toBeGreaterThan(Object.keys(before).length);
    expect(deletion.exportedAt).toBeNull();

    const after = await rowsOf(demo.id);
    expect(Object.entries(after).filter(([, n]) => n > 0)).toEqual([]);
    expect(await count(`select count(*) as n from organisation where id = $1`, [demo.id])).toBe(0);
    expect(await rowsOf(bystander.id)).toEqual(bystanderBefore);
    const { rows: bystanderAfter } = await owner.query(`select md5(string_agg(to_jsonb(m)::text, ',' order by m.id)) as d from membership m where organisation_id = $1`, [bystander.id]);
    expect(bystanderAfter).toEqual(bystanderDigest);

    // Its key, feed and webhooks stop at once; the bystander's still work.
    expect(errorCode(await api.gql(`{ organisation { id } }`, {}, { apiKey: data.apiKeySecret }))).toBe('UNAUTHENTICATED');
    expect(ok(await api.gql(`{ organisation { id } }`, {}, { apiKey: kept.apiKeySecret })).organisation.id).toBe(kept.org);
    const origin = new URL(api.url).origin;
    expect((await fetch(`${origin}/calendar/${data.calendarToken}.ics`)).status).toBe(404);
    expect((await fetch(`${origin}/calendar/${kept.calendarToken}.ics`)).status).toBe(200);
    expect(await count(`select count(*) as n from webhook_endpoint where id = $1`, [data.webhookEndpoint])).toBe(0);

    // The record kept outside the tenant: what, when, by whom; counts only, none of the data.
    const { rows: record } = await owner.query(`select organisation_id, actor_user_id, entity_id, after from audit_entry where action = 'organisation.delete' and entity_id = $1`, [demo.id]);
    expect(record).toHaveLength(1);
    expect(record[0]).toMatchObject({ organisation_id: null, actor_user_id: boss.user.id, entity_id: demo.id });
    expect(JSON.stringify(record[0].after)).not.toMatch(/DoomedMarker|Northfield/i);
    // The benchmark job's memory keeps published values under an id that is no one's.
    expect(await count(`select count(*) as n from benchmark_entry where institution_id = $1`, [demo.id])).toBe(0);
    expect(await count(`select count(*) as n from membership where user_id = $1`, [boss.user.id])).toBe(0);
    expect(await count(`select count(*) as n from membership m where m.id = $1`, [kept.membership])).toBe(1);
    expect(await api.db.owner.em.fork().count(Membership, { organisationId: bystander.id }, { filters: false })).toBeGreaterThan(0);
  });
});
