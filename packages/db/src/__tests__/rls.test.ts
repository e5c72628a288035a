import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '@waymark/testing';
import { randomUUID } from 'node:crypto';
import { TENANT_ENTITIES } from '../entities';

/**
 * Row-level security is the wall that holds even when application code forgets the organisation:
 * these tests connect as the API's role and send raw SQL with no WHERE clause at all.
 */
const TENANT_TABLES = [
  'membership', 'invitation', 'api_key', 'assessment', 'assessment_reopening',
  'assessor_answer', 'consensus_answer', 'evidence', 'evidence_link',
];

let db: TestDatabase;
let app: Client;
const orgA = randomUUID();
const orgB = randomUUID();
const userA = randomUUID();

async function seedTwoOrganisations() {
  const owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
  const fw = await owner.query<{ id: string }>(`select id from framework limit 1`);
  const frameworkId = fw.rows[0]!.id;
  await owner.query(`insert into app_user (id, created_at, email, name, password_hash) values ($1, now(), 'a@x.test', 'A', 'x')`, [userA]);
  for (const org of [orgA, orgB]) {
    const assessment = randomUUID();
    const evidence = randomUUID();
    await owner.query(
      `insert into organisation (id, name, slug, kind, size_band, governance, created_at) values ($1, $2, $2, 'LIBRARY', 'SMALL', 'CHARITY', now())`,
      [org, `org-${org}`],
    );
    await owner.query(`insert into membership (id, created_at, organisation_id, user_id, role) values ($1, now(), $2, $3, 'OWNER')`, [randomUUID(), org, org === orgA ? userA : (await owner.query(`insert into app_user (id, created_at, email, name, password_hash) values ($1, now(), $2, 'B', 'x') returning id`, [randomUUID(), `b-${org}@x.test`])).rows[0].id]);
    await owner.query(`insert into invitation (id, created_at, organisation_id, email, role, token_hash, invited_by, expires_at) values ($1, now(), $2, 'i@x.test', 'VIEWER', 'h', $3, now())`, [randomUUID(), org, userA]);
    await owner.query(`insert into api_key (id, created_at, organisation_id, name, prefix, secret_hash, scopes, created_by) values ($1, now(), $2, 'k', 'p', 'h', '{}', $3)`, [randomUUID(), org, userA]);
    await owner.query(`insert into assessment (id, created_at, organisation_id, framework_id, cycle, created_by, updated_at) values ($1, now(), $2, $3, '2026', $4, now())`, [assessment, org, frameworkId, userA]);
    await owner.query(`insert into assessment_reopening (id, created_at, organisation_id, assessment_id, reason, reopened_by) values ($1, now(), $2, $3, 'r', $4)`, [randomUUID(), org, assessment, userA]);
    for (const table of ['assessor_answer', 'consensus_answer']) {
      const who = table === 'assessor_answer' ? 'user_id' : 'set_by';
      await owner.query(`insert into ${table} (id, created_at, organisation_id, assessment_id, node_key, value, updated_at, ${who}) values ($1, now(), $2, $3, '3.1.1.a', 'YES', now(), $4)`, [randomUUID(), org, assessment, userA]);
    }
    await owner.query(`insert into evidence (id, created_at, organisation_id, title, evidence_date, created_by) values ($1, now(), $2, 't', '2026-01-01', $3)`, [evidence, org, userA]);
    await owner.query(`insert into evidence_link (id, created_at, organisation_id, evidence_id, assessment_id, node_key, linked_by) values ($1, now(), $2, $3, $4, '3.1.1.a', $5)`, [randomUUID(), org, evidence, assessment, userA]);
    await owner.query(`insert into audit_entry (id, organisation_id, action, entity_type, at) values ($1, $2, 'test', 'x', now())`, [randomUUID(), org]);
  }
  await owner.end();
}

async function asOrganisation<T>(org: string | null, fn: () => Promise<T>, user: string | null = null): Promise<T> {
  await app.query('begin');
  try {
    await app.query(`select set_config('app.organisation_id', $1, true), set_config('app.user_id', $2, true)`, [org ?? '', user ?? '']);
    return await fn();
  } finally {
    await app.query('rollback');
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  await seedTwoOrganisations();
  app = new Client({ connectionString: db.appUrl });
  await app.connect();
});

afterAll(async () => {
  await app.end();
  await db.drop();
});

describe('row-level security under the API role', () => {
  it('is not a superuser, owner or BYPASSRLS role', async () => {
    const { rows } = await app.query(`select rolsuper, rolbypassrls from pg_roles where rolname = current_user`);
    expect(rows[0]).toEqual({ rolsuper: false, rolbypassrls: false });
  });

  it.each([...TENANT_TABLES, 'audit_entry'])('%s: a raw SELECT without WHERE sees only the current organisation', async (table) => {
    const rows = await asOrganisation(orgA, async () => (await app.query(`select organisation_id from ${table}`)).rows);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.organisation_id))).toEqual(new Set([orgA]));
  });

  it.each(TENANT_TABLES)('%s: no organisation set means no rows', async (table) => {
    const rows = await asOrganisation(null, async () => (await app.query(`select 1 from ${table}`)).rows);
    expect(rows).toHaveLength(0);
  });

  it.each(TENANT_TABLES)('%s: UPDATE and DELETE without WHERE touch only the current organisation', async (table) => {
    const counts = await asOrganisation(orgA, async () => {
      const updated = await app.query(`update ${table} set organisation_id = organisation_id`);
      const deleted = await app.query(`delete from ${table}`);
      return { updated: updated.rowCount, deleted: deleted.rowCount };
    });
    const { rows } = await asOrganisation(orgA, () => app.query(`select count(*)::int as n from ${table}`));
    expect(counts.updated).toBe(rows[0].n);
    expect(counts.deleted).toBe(rows[0].n);
  });

  it('refuses to write a row into another organisation', async () => {
    await expect(
      asOrganisation(orgA, () =>
        app.query(`insert into evidence (id, created_at, organisation_id, title, evidence_date, created_by) values ($1, now(), $2, 't', '2026-01-01', $3)`, [randomUUID(), orgB, userA]),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      asOrganisation(orgA, () => app.query(`update assessment set organisation_id = $1`, [orgB])),
    ).rejects.toThrow(/row-level security/);
  });

  it('shows a user their own memberships across organisations, and only the organisations they belong to', async () => {
    const memberships = await asOrganisation(null, async () => (await app.query(`select organisation_id from membership`)).rows, userA);
    expect(memberships.map((r) => r.organisation_id)).toEqual([orgA]);
    const orgs = await asOrganisation(null, async () => (await app.query(`select id from organisation`)).rows, userA);
    expect(orgs.map((r) => r.id)).toEqual([orgA]);
  });

  it('cannot change or delete the audit log, or published frameworks', async () => {
    await expect(asOrganisation(orgA, () => app.query(`delete from audit_entry`))).rejects.toThrow(/permission denied/);
    await expect(asOrganisation(orgA, () => app.query(`update audit_entry set action = 'x'`))).rejects.toThrow(/permission denied/);
    await expect(asOrganisation(orgA, () => app.query(`update framework_node set text = 'x'`))).rejects.toThrow(/permission denied/);
  });

  it('a setting made in one transaction does not leak into the next on the same connection', async () => {
    await asOrganisation(orgA, () => Promise.resolve());
    const { rows } = await app.query(`select count(*)::int as n from assessment`);
    expect(rows[0].n).toBe(0);
  });
});

describe('every tenant table is walled', () => {
  it('has row-level security, forced, and an organisation policy on each table with an organisation_id, and the ORM agrees', async () => {
    const { rows } = await app.query<{ table: string; rls: boolean; forced: boolean; policies: string[] }>(`
      select c.relname as table, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
             coalesce(array_agg(p.qual) filter (where p.qual is not null), '{}') as policies
      from information_schema.columns col
      join pg_class c on c.relname = col.table_name and c.relkind = 'r'
      left join pg_policies p on p.tablename = c.relname
      where col.column_name = 'organisation_id' and col.table_schema = 'public'
      group by c.relname, c.relrowsecurity, c.relforcerowsecurity order by 1`);
    const unwalled = rows.filter((r) => !r.rls || !r.policies.some((q) => q.includes("current_setting('app.organisation_id'")));
    expect(unwalled.map((r) => r.table)).toEqual([]);
    // Forced: a table's owner is bound by the policies too (only a role with BYPASSRLS is not).
    expect(rows.filter((r) => !r.forced).map((r) => r.table)).toEqual([]);
    const organisation = await app.query<{ forced: boolean }>(`select relforcerowsecurity as forced from pg_class where relname = 'organisation'`);
    expect(organisation.rows[0]!.forced).toBe(true);
    const tables = TENANT_ENTITIES.map((e) => db.owner.getMetadata().get(e.name).tableName);
    expect(rows.map((r) => r.table)).toEqual(expect.arrayContaining(tables));
  });

  it('keys every reference between tenant rows, and every unique constraint, by organisation_id', async () => {
    const { rows } = await app.query<{ table: string; name: string; type: string; columns: string[]; references: string | null; referenced: string[] | null }>(`
      select c.conrelid::regclass::text as table, c.conname as name, c.contype as type,
             array(select a.attname::text from unnest(c.conkey) k join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k) as columns,
             case when c.contype = 'f' then c.confrelid::regclass::text end as references,
             case when c.contype = 'f' then array(select a.attname::text from unnest(c.confkey) k join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k) end as referenced
      from pg_constraint c join pg_namespace n on n.oid = c.connamespace
      where n.nspname = 'public' and c.contype in ('f', 'u')
        and exists (select 1 from information_schema.columns col where col.table_schema = 'public' and col.table_name = c.conrelid::regclass::text and col.column_name = 'organisation_id')`);
    const isTenant = async (table: string) =>
      (await app.query(`select 1 from information_schema.columns where table_schema = 'public' and table_name = $1 and column_name = 'organisation_id'`, [table])).rowCount === 1;
    const problems: string[] = [];
    for (const c of rows) {
      if (c.type === 'u' && !c.columns.includes('organisation_id')) problems.push(`${c.table}.${c.name}: unique without organisation_id`);
      // A reference to the organisation itself, or to a shared table (frameworks, people), is not between tenant rows.
      if (c.type === 'f' && c.references !== 'organisation' && (await isTenant(c.references!))) {
        if (!c.columns.includes('organisation_id') || !c.referenced!.includes('organisation_id')) {
          problems.push(`${c.table}.${c.name}: references ${c.references} (${c.referenced!.join(', ')}) without organisation_id`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(rows.filter((c) => c.type === 'f' && c.name.endsWith('_tenant_fk')).length).toBeGreaterThanOrEqual(16);
  });

  it('refuses, even to the owner, a row that points into another organisation', async () => {
    const owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    try {
      const [evidenceOfB] = (await owner.query<{ id: string }>(`select id from evidence where organisation_id = $1`, [orgB])).rows;
      const [assessmentOfA] = (await owner.query<{ id: string }>(`select id from assessment where organisation_id = $1`, [orgA])).rows;
      await expect(
        owner.query(
          `insert into evidence_link (id, created_at, organisation_id, evidence_id, assessment_id, node_key, linked_by) values ($1, now(), $2, $3, $4, '3.1.1.b', $5)`,
          [randomUUID(), orgA, evidenceOfB!.id, assessmentOfA!.id, userA],
        ),
      ).rejects.toThrow(/violates foreign key constraint "evidence_link_evidence_id_tenant_fk"/);
    } finally {
      await owner.end();
    }
  });
});
