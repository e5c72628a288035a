import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, fixtures, type TestDatabase } from '@waymark/testing';
import { SqlRunner } from '../session/runner';
import { SCOPED_TABLES, anyUuid, sqlIn, sqlOn, sqlPool } from '../sql';
import { SCHEMA_TYPES_FILE, schemaTypes } from '../sql/generate';
import { keptStatements } from '../sql/statements';

/**
 * The typed SQL layer against the migrated schema: its row types are the schema's, its list of
 * organisation tables is the catalog's, and its scope holds on its own, connected as the owner
 * (no row-level security), so nothing else is doing the work.
 */
let db: TestDatabase;
let owner: Client;
beforeAll(async () => {
  db = await createTestDatabase();
  owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
});
afterAll(async () => {
  await owner.end();
  await db.drop();
});

it('has row types generated from the migrations as they are (run `npm run db:types` after a migration)', async () => {
  const checkedIn = readFileSync(path.join(__dirname, '..', '..', SCHEMA_TYPES_FILE), 'utf8');
  expect(await schemaTypes(db.ownerUrl)).toBe(checkedIn);
});

it('scopes exactly the tables the catalog gives an organisation_id', async () => {
  const { rows } = await owner.query<{ table_name: string }>(
    `select c.table_name from information_schema.columns c join information_schema.tables t using (table_schema, table_name)
      where c.table_schema = 'public' and c.column_name = 'organisation_id' and t.table_type = 'BASE TABLE' order by 1`,
  );
  const byOrganisationId = [...SCOPED_TABLES.organisation].filter(([, column]) => column === 'organisation_id').map(([table]) => table);
  expect(byOrganisationId.sort()).toEqual(rows.map((r) => r.table_name));
});

it("reads and writes only the organisation in scope's rows, even with no condition written", async () => {
  const make = fixtures(db.owner);
  const [a, b] = [await make.organisation(), await make.organisation()];
  const person = await make.user();
  for (const org of [a, b]) {
    await owner.query(
      `insert into partner (id, organisation_id, name, partner_type, created_by, created_at, updated_at) values ($1, $2, $3, 'OTHER', $4, now(), now())`,
      [randomUUID(), org.id, `Partner of ${org.name}`, person.id],
    );
  }
  const sql = sqlOn(new SqlRunner(owner), { kind: 'organisation', id: a.id });

  const seen = await sql.selectFrom('partner').select(['name', 'organisationId']).execute();
  expect(seen).toEqual([{ name: `Partner of ${a.name}`, organisationId: a.id }]);

  const renamed = await sql.updateTable('partner').set({ name: 'Renamed' }).executeTakeFirst();
  expect(renamed.numUpdatedRows).toBe(1n);
  const removed = await sql.deleteFrom('partner').where('name', '=', `Partner of ${b.name}`).executeTakeFirst();
  expect(removed.numDeletedRows).toBe(0n);

  const { rows } = await owner.query<{ organisation_id: string; name: string }>(
    `select organisation_id, name from partner where organisation_id = any($1) order by name`,
    [[a.id, b.id]],
  );
  expect(rows).toEqual([
    { organisation_id: b.id, name: `Partner of ${b.name}` },
    { organisation_id: a.id, name: 'Renamed' },
  ]);
});

it('runs system work on the pool, in one transaction that commits or rolls back as a whole, narrowing nothing', async () => {
  const make = fixtures(db.owner);
  const [a, b] = [await make.organisation(), await make.organisation()];
  const person = await make.user();
  const sql = sqlPool(db.owner, { kind: 'system', purpose: 'test' });
  const partner = (organisationId: string, name: string) => ({
    id: randomUUID(), organisationId, name, partnerType: 'OTHER' as const, createdBy: person.id, createdAt: new Date(), updatedAt: new Date(),
  });

  await sql.transaction().execute(async (trx) => {
    await trx.insertInto('partner').values([partner(a.id, 'System A'), partner(b.id, 'System B')]).execute();
  });
  await expect(
    sql.transaction().execute(async (trx) => {
      await trx.insertInto('partner').values(partner(a.id, 'Rolled back')).execute();
      throw new Error('stop');
    }),
  ).rejects.toThrow('stop');

  const names = await sql.selectFrom('partner').select('name').where('organisationId', '=', anyUuid([a.id, b.id])).orderBy('name').execute();
  expect(names.map((r) => r.name)).toEqual(['System A', 'System B']);
});

it('writes in the transaction an entity manager holds, and rolls back with it', async () => {
  const make = fixtures(db.owner);
  const a = await make.organisation();
  const person = await make.user();
  const row = { id: randomUUID(), name: 'In the transaction', partnerType: 'OTHER' as const, createdBy: person.id, createdAt: new Date(), updatedAt: new Date() };
  await expect(
    db.owner.em.fork().transactional(async (em) => {
      const sql = await sqlIn(em, { kind: 'organisation', id: a.id });
      await sql.insertInto('partner').values(row).execute();
      expect(await sql.selectFrom('partner').select('name').execute()).toEqual([{ name: 'In the transaction' }]);
      throw new Error('undo');
    }),
  ).rejects.toThrow('undo');
  const { rows } = await owner.query('select 1 from partner where id = $1', [row.id]);
  expect(rows).toEqual([]);
});

describe('kept statements (statements.ts)', () => {
  it('compiles a shape once and sends each statement its own values and its own scope', async () => {
    const make = fixtures(db.owner);
    const [a, b] = [await make.organisation(), await make.organisation()];
    const person = await make.user();
    for (const [org, names] of [[a, ['Alder', 'Birch', 'Cedar']], [b, ['Damson']]] as const) {
      for (const name of names) {
        await owner.query(
          `insert into partner (id, organisation_id, name, partner_type, created_by, created_at, updated_at) values ($1, $2, $3, 'OTHER', $4, now(), now())`,
          [randomUUID(), org.id, name, person.id],
        );
      }
    }
    const runner = new SqlRunner(owner);
    const sent: string[] = [];
    const watched = new SqlRunner(owner, (text) => sent.push(text));
    const named = (sql: ReturnType<typeof sqlOn>, prefix: string, limit: number) =>
      sql.selectFrom('partner').select('name').where('name', 'like', `${prefix}%`).orderBy('name').limit(limit).execute();
    const inA = sqlOn(watched, { kind: 'organisation', id: a.id });
    const inB = sqlOn(runner, { kind: 'organisation', id: b.id });

    // One shape, different values and scopes: each statement answers for itself.
    const kept = keptStatements();
    expect(await named(inA, '', 10)).toEqual([{ name: 'Alder' }, { name: 'Birch' }, { name: 'Cedar' }]);
    expect(await named(inA, 'B', 10)).toEqual([{ name: 'Birch' }]);
    expect(await named(inA, '', 2)).toEqual([{ name: 'Alder' }, { name: 'Birch' }]);
    expect(await named(inB, '', 10)).toEqual([{ name: 'Damson' }]);
    expect(await named(inB, 'A', 10)).toEqual([]);
    expect(new Set(sent).size).toBe(1);
    expect(keptStatements() - kept).toBe(1);

    // Lists of any length, nobody in scope, and `select *` renamed, each as before.
    const ids = (await inA.selectFrom('partner').select('id').execute()).map((r) => r.id);
    for (const n of [1, 3, 2]) {
      const rows = await inA.selectFrom('partner').select('name').where('id', 'in', ids.slice(0, n)).execute();
      expect(rows).toHaveLength(n);
    }
    const nobody = sqlOn(runner, { kind: 'organisation', id: null });
    expect(await named(nobody, '', 10)).toEqual([]);
    const [star] = await inB.selectFrom('partner').selectAll().execute();
    expect(star).toMatchObject({ name: 'Damson', organisationId: b.id, partnerType: 'OTHER' });

    // A refusal is thrown every time, not only the first.
    const mine = sqlOn(runner, { kind: 'user', id: person.id });
    for (let i = 0; i < 2; i++) {
      await expect(mine.selectFrom('partner').select('name').execute()).rejects.toThrow('partner is not read in the user scope');
    }
  });
});
