import type { EntityManager } from '@mikro-orm/postgresql';
import { type ExpressionBuilder, sql } from 'kysely';
import { type ScopedDB, sqlOfManager } from '../sql';
import { DEMO_PASSWORD, DEMO_REGION, NORTHFIELD, PEOPLE, PLAN_STORY, REGIONAL_BODY } from './demo-data';

const pad = (text: string, width: number) => text.padEnd(width);

interface AssessmentRow {
  organisationId: string;
  cycle: string;
  status: string;
  agreed: number;
  items: number;
  open: number;
  overdue: number;
  carried: number;
  done: number;
}

/**
 * What `cli.js seed` (and so `npm start`) prints: the demo organisations and logins, and each
 * institution's assessments and plans as they are in the database now (a second start, after
 * people have worked in the demo, describes what they did, not what was seeded). Read as the owner.
 */
export async function describeDemo(em: EntityManager): Promise<string> {
  // The demo's organisations together, read as the owner: the system scope narrows nothing.
  const db = await sqlOfManager(em, { kind: 'system', purpose: 'describing the demo' });
  const slugs = [REGIONAL_BODY.slug, ...new Set(PEOPLE.map((p) => p.organisationSlug))];
  const organisations = await db
    .selectFrom('organisation')
    .select(['id', 'name', 'slug', 'kind', 'sizeBand', 'benchmarkingConsent'])
    .where('slug', 'in', slugs)
    .orderBy((eb) => eb('kind', '=', 'REGIONAL_BODY'), 'desc')
    .orderBy('name')
    .execute();
  if (!organisations.length) return 'No demo data.';
  const ids = organisations.map((o) => o.id);
  const unresolved = (eb: ExpressionBuilder<ScopedDB & { i: ScopedDB['actionItem'] }, 'i'>) =>
    eb.and([eb('i.status', 'in', ['OPEN', 'IN_PROGRESS', 'DEFERRED']), eb('i.resolvedByAssessmentAt', 'is', null)]);
  const assessments = await db
    .selectFrom('assessment as a')
    .innerJoin('organisation as o', 'o.id', 'a.organisationId')
    .leftJoin('actionItem as i', (join) => join.onRef('i.organisationId', '=', 'a.organisationId').onRef('i.assessmentId', '=', 'a.id'))
    .select((eb) => [
      'a.organisationId',
      'a.cycle',
      'a.status',
      eb
        .selectFrom('consensusAnswer as c')
        .select(sql`count(*)::int`.as('n'))
        .whereRef('c.organisationId', '=', 'a.organisationId')
        .whereRef('c.assessmentId', '=', 'a.id')
        .$castTo<number>()
        .as('agreed'),
      eb.cast<number>(eb.fn.count('i.id'), 'integer').as('items'),
      eb.cast<number>(eb.fn.count('i.id').filterWhere(unresolved), 'integer').as('open'),
      eb
        .cast<number>(
          eb.fn.count('i.id').filterWhere((f) => f.and([unresolved(f), f('i.dueOn', '<', sql<string>`(now() at time zone ${f.ref('o.timeZone')})::date`)])),
          'integer',
        )
        .as('overdue'),
      eb.cast<number>(eb.fn.count('i.id').filterWhere('i.status', '=', 'CARRIED_FORWARD'), 'integer').as('carried'),
      eb.cast<number>(eb.fn.count('i.id').filterWhere('i.status', '=', 'DONE'), 'integer').as('done'),
    ])
    .where('a.organisationId', 'in', ids)
    .groupBy(['a.id', 'a.organisationId', 'a.cycle', 'a.status', 'o.timeZone'])
    .orderBy('a.cycle')
    .$castTo<AssessmentRow>()
    .execute();
  const users = await db.selectFrom('appUser').select('email').where('email', 'in', PEOPLE.map((p) => p.email)).execute();
  const present = new Set(users.map((u) => u.email));

  const nameWidth = Math.max(...organisations.map((o) => o.name.length)) + 2;
  const emailWidth = Math.max(...PEOPLE.map((p) => p.email.length)) + 2;
  const nameOf = new Map(organisations.map((o) => [o.slug, o.name]));
  const describe = (a: AssessmentRow) => {
    const plan = a.items ? `; plan: ${a.open} open (${a.overdue} overdue), ${a.done} done, ${a.carried} carried forward` : '; no plan yet';
    return `${a.cycle} ${a.status}, ${a.agreed} agreed answers${plan}`;
  };
  return [
    `Demo organisations (region ${DEMO_REGION.code}, ${DEMO_REGION.name}), as they are now:`,
    ...organisations.map((o) => {
      const cycles = assessments.filter((a) => a.organisationId === o.id).map(describe);
      const head = `  ${pad(o.name, nameWidth)}${pad(o.kind, 15)}${pad(o.sizeBand, 8)}consent ${o.benchmarkingConsent}`;
      return [head, ...cycles.map((c) => `      ${c}`)].join('\n');
    }),
    '',
    `Demo logins (password: ${DEMO_PASSWORD})`,
    `  ${pad('Email', emailWidth)}${pad('Role', 10)}Organisation`,
    ...PEOPLE.filter((p) => present.has(p.email)).map(
      (p) => `  ${pad(p.email, emailWidth)}${pad(p.role, 10)}${nameOf.get(p.organisationSlug) ?? p.organisationSlug}`,
    ),
    '',
    `Try: sign in as assessor@${NORTHFIELD.split('-')[0]}.example and answer ${nameOf.get(NORTHFIELD) ?? NORTHFIELD}'s draft (docs/integrating/graphql.md, "Try it").`,
    `${nameOf.get(PLAN_STORY) ?? PLAN_STORY}'s plans show work carried across cycles: sign in as owner@${PLAN_STORY}.example and query`,
    `  { progress { cycle practice practiceChange plan { items done open overdue carried resolvedByAssessment } } }`,
  ].join('\n');
}
