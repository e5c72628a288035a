import { sql } from 'kysely';
import type { SqlRunner } from '../session/runner';
import { ScopeError, sqlOn } from './index';

/**
 * The scope is put into each statement's structure: these compile statements (nothing is sent) and
 * read the SQL and parameters that would go to PostgreSQL. The database test (sql.test.ts) runs them.
 */
const ORG = '00000000-0000-4000-8000-00000000000a';
const USER = '00000000-0000-4000-8000-00000000000b';
// Compiling needs no connection: the runner is never called here.
const noRunner = undefined as unknown as SqlRunner;
const org = sqlOn(noRunner, { kind: 'organisation', id: ORG });
const nobody = sqlOn(noRunner, { kind: 'organisation', id: null });
const user = sqlOn(noRunner, { kind: 'user', id: USER });

describe('the organisation scope', () => {
  it('narrows a read that names no organisation', () => {
    const q = org.selectFrom('partner').select(['id', 'name']).compile();
    expect(q.sql).toBe('select "id", "name" from "partner" where "partner"."organisation_id" = $1');
    expect(q.parameters).toEqual([ORG]);
  });

  it('adds to the conditions a read has, and uses aliases', () => {
    const q = org.selectFrom('assessment as a').select('a.id').where('a.status', '=', 'DRAFT').compile();
    expect(q.sql).toBe('select "a"."id" from "assessment" as "a" where ("a"."status" = $1) and "a"."organisation_id" = $2');
    expect(q.parameters).toEqual(['DRAFT', ORG]);
  });

  it('keeps an OR of the statement inside its parentheses', () => {
    const q = org
      .selectFrom('assessment')
      .select('id')
      .where((eb) => eb('status', '=', 'DRAFT').or('status', '=', 'REOPENED'))
      .compile();
    expect(q.sql).toBe('select "id" from "assessment" where ("status" = $1 or "status" = $2) and "assessment"."organisation_id" = $3');
    const raw = org.selectFrom('assessment').select('id').where(sql<boolean>`status = 'DRAFT' or true`).compile();
    expect(raw.sql).toBe('select "id" from "assessment" where (status = \'DRAFT\' or true) and "assessment"."organisation_id" = $1');
  });

  it('narrows every joined table in its ON, so a left join stays a left join', () => {
    const q = org
      .selectFrom('actionItem as i')
      .leftJoin('actionItemNote as n', 'n.itemId', 'i.id')
      .innerJoin('appUser as u', 'u.id', 'i.ownerUserId')
      .select(['i.id', 'n.body', 'u.name'])
      .compile();
    expect(q.sql).toBe(
      'select "i"."id", "n"."body", "u"."name" from "action_item" as "i"' +
        ' left join "action_item_note" as "n" on ("n"."item_id" = "i"."id") and "n"."organisation_id" = $1' +
        ' inner join "app_user" as "u" on "u"."id" = "i"."owner_user_id"' +
        ' where "i"."organisation_id" = $2',
    );
  });

  it('narrows subqueries and common table expressions', () => {
    const q = org
      .with('linked', (db) => db.selectFrom('evidenceLink').select('evidenceId'))
      .selectFrom('evidence')
      .select('id')
      .where('id', 'in', (db) => db.selectFrom('linked').select('evidenceId'))
      .where((eb) => eb.exists(eb.selectFrom('actionItemEvidence').select('id').whereRef('actionItemEvidence.evidenceId', '=', 'evidence.id')))
      .compile();
    expect(q.sql).toContain('with "linked" as (select "evidence_id" from "evidence_link" where "evidence_link"."organisation_id" = $1)');
    expect(q.sql).toContain('from "action_item_evidence" where ("action_item_evidence"."evidence_id" = "evidence"."id") and "action_item_evidence"."organisation_id" = $2');
    expect(q.sql).toMatch(/"evidence"\."organisation_id" = \$3$/);
    expect(q.parameters).toEqual([ORG, ORG, ORG]);
  });

  it('names output columns in camelCase in the SQL itself, and aliases as written', () => {
    const q = org.selectFrom('assessment').select(['id', 'frameworkId', 'dueOn']).select(sql<number>`1`.as('oneMore')).compile();
    expect(q.sql).toBe('select "id", "framework_id" as "frameworkId", "due_on" as "dueOn", 1 as "oneMore" from "assessment" where "assessment"."organisation_id" = $1');
    const returning = org.updateTable('assessment').set({ dueOn: '2027-01-01' }).returning(['id', 'dueOn']).compile();
    expect(returning.sql).toBe('update "assessment" set "due_on" = $1 where "assessment"."organisation_id" = $2 returning "id", "due_on" as "dueOn"');
  });

  it("reads only the organisation's own row of organisation", () => {
    expect(org.selectFrom('organisation').select('name').compile().sql).toBe('select "name" from "organisation" where "organisation"."id" = $1');
  });

  it('leaves shared tables alone', () => {
    const q = org.selectFrom('region').select(['code', 'name']).compile();
    expect(q.sql).toBe('select "code", "name" from "region"');
  });

  it('narrows updates and deletes, with or without a condition of their own', () => {
    expect(org.updateTable('partner').set({ name: 'x' }).compile().sql).toBe('update "partner" set "name" = $1 where "partner"."organisation_id" = $2');
    expect(org.deleteFrom('evidence').where('id', '=', USER).compile().sql).toBe(
      'delete from "evidence" where ("id" = $1) and "evidence"."organisation_id" = $2',
    );
  });

  it('refuses an update that moves rows to another organisation', () => {
    // @ts-expect-error the type says so too: organisationId is never updated
    expect(() => org.updateTable('partner').set({ organisationId: USER }).compile()).toThrow(/may not move rows/);
  });

  it('writes the organisation into every inserted row, and refuses another', () => {
    const q = org
      .insertInto('auditEntry')
      .values([{ id: USER, action: 'a', entityType: 't', at: new Date(0) }, { id: ORG, action: 'b', entityType: 't', at: new Date(0) }])
      .compile();
    expect(q.sql).toBe('insert into "audit_entry" ("id", "action", "entity_type", "at", "organisation_id") values ($1, $2, $3, $4, $5), ($6, $7, $8, $9, $10)');
    expect(q.parameters[4]).toBe(ORG);
    expect(q.parameters[9]).toBe(ORG);
    expect(org.insertInto('auditEntry').values({ id: USER, action: 'a', entityType: 't', at: new Date(0), organisationId: ORG }).compile().parameters).toContain(ORG);
    expect(() => org.insertInto('auditEntry').values({ id: USER, action: 'a', entityType: 't', at: new Date(0), organisationId: USER }).compile()).toThrow(ScopeError);
    expect(() =>
      org.insertInto('partner').columns(['id']).expression((db) => db.selectFrom('partner').select('id')).compile(),
    ).toThrow(/must take organisation_id from a table of the scope/);
    expect(() =>
      org
        .insertInto('evidenceLink')
        .columns(['id', 'organisationId'])
        .expression((db) => db.selectFrom('region').select(['code', sql<string>`${USER}::uuid`.as('o')]))
        .compile(),
    ).toThrow(ScopeError);
    const copied = org
      .insertInto('webhookDelivery')
      .columns(['id', 'organisationId', 'endpointId'])
      .expression((db) => db.selectFrom('webhookEndpoint as e').select([sql<string>`gen_random_uuid()`.as('id'), 'e.organisationId', 'e.id']))
      .compile();
    expect(copied.sql).toBe(
      'insert into "webhook_delivery" ("id", "organisation_id", "endpoint_id") select gen_random_uuid() as "id", "e"."organisation_id", "e"."id" from "webhook_endpoint" as "e" where "e"."organisation_id" = $1',
    );
  });

  it('shows nothing and writes nothing when no organisation is in scope', () => {
    expect(nobody.selectFrom('partner').select('id').compile().sql).toBe('select "id" from "partner" where false');
    expect(() => nobody.insertInto('evidence').values({ id: ORG, title: 't', createdBy: USER, evidenceDate: '2026-01-01', createdAt: new Date(0) }).compile()).toThrow(ScopeError);
  });

  it('refuses raw SQL that reads or writes an organisation table, and allows the rest', () => {
    expect(() => org.selectFrom(sql<{ id: string }>`(select id from partner)`.as('p')).select('p.id').compile()).toThrow(/raw SQL names partner/);
    expect(() => sql`update assessment set status = 'DRAFT'`.compile(org)).toThrow(ScopeError);
    expect(org.selectFrom('partner').select(sql<number>`count(*)`.as('n')).compile().sql).toBe(
      'select count(*) as "n" from "partner" where "partner"."organisation_id" = $1',
    );
  });
});

describe('the user scope', () => {
  it("narrows memberships to the person's own and refuses every other organisation table", () => {
    const q = user.selectFrom('membership as m').innerJoin('organisation as o', 'o.id', 'm.organisationId').select(['o.name', 'm.role']).compile();
    expect(q.sql).toBe('select "o"."name", "m"."role" from "membership" as "m" inner join "organisation" as "o" on "o"."id" = "m"."organisation_id" where "m"."user_id" = $1');
    expect(q.parameters).toEqual([USER]);
    expect(() => user.selectFrom('assessment').select('id').compile()).toThrow(/assessment is not read in the user scope/);
  });
});
