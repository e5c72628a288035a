import { Client } from 'pg';
import { createTestDatabase, fixtures, type TestDatabase } from '@waymark/testing';
import { Assessment, AuditEntry, MemberRole } from '../entities';
import { createCrossTenantReader } from '../cross-tenant';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

it('reads across organisations only through the named reader, which audits each use and can change nothing', async () => {
  const fx = fixtures(db.owner);
  const framework = await fx.framework();
  const em = db.owner.em.fork();
  for (const org of [await fx.organisation(), await fx.organisation()]) {
    const { user } = await fx.member(org, MemberRole.OWNER);
    em.create(Assessment, { organisationId: org.id, frameworkId: framework.id, cycle: '2026', createdBy: user.id });
  }
  await em.flush();

  const reader = await createCrossTenantReader(db.config);
  try {
    // It sees institutions only as the benchmark functions give them (here: none has submitted).
    const entries = await reader.read('test: count benchmark entries', (tx) => tx.execute(`select count(*)::int as n from waymark_benchmark_entries(?)`, [framework.id]));
    expect(entries).toEqual([{ n: 0 }]);
    await expect(reader.read('test: read assessments', (tx) => tx.count(Assessment, {}))).rejects.toThrow(/permission denied/);
    await expect(reader.read('no', () => Promise.resolve(0))).rejects.toThrow(/purpose/);
    await expect(
      reader.read('test: try to write', (tx) => tx.execute(`update assessment set cycle = 'x'`)),
    ).rejects.toThrow(/permission denied/);
  } finally {
    await reader.close();
  }
  const audits = await db.owner.em.fork().find(AuditEntry, { action: 'cross-tenant.read' });
  expect(audits.map((a) => (a.after as { purpose: string }).purpose)).toEqual(['test: count benchmark entries']);

  // The API's role, by contrast, sees nothing without an organisation.
  const app = new Client({ connectionString: db.appUrl });
  await app.connect();
  try {
    const { rows } = await app.query(`select count(*)::int as n from assessment`);
    expect(rows[0].n).toBe(0);
    await expect(app.query(`set role waymark_analytics`)).rejects.toThrow(/permission denied/);
  } finally {
    await app.end();
  }
});
