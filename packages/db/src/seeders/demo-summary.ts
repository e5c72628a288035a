import type { EntityManager } from '@mikro-orm/postgresql';
import { DEMO_PASSWORD, DEMO_REGION, NORTHFIELD, PEOPLE, PLAN_STORY, REGIONAL_BODY } from './demo-data';

const pad = (text: string, width: number) => text.padEnd(width);

interface OrganisationRow {
  id: string;
  name: string;
  slug: string;
  kind: string;
  size_band: string;
  benchmarking_consent: string;
}

interface AssessmentRow {
  organisation_id: string;
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
  const run = <R>(sql: string, values: unknown[] = []) => em.getConnection().execute<R[]>(sql, values);
  const slugs = [REGIONAL_BODY.slug, ...new Set(PEOPLE.map((p) => p.organisationSlug))];
  const organisations = await run<OrganisationRow>(
    `select id, name, slug, kind, size_band, benchmarking_consent from organisation where slug in (${slugs.map(() => '?').join(', ')})
      order by kind = 'REGIONAL_BODY' desc, name`,
    slugs,
  );
  if (!organisations.length) return 'No demo data.';
  const ids = organisations.map((o) => o.id);
  const assessments = await run<AssessmentRow>(
    `select a.organisation_id, a.cycle, a.status,
            (select count(*)::int from consensus_answer c where c.organisation_id = a.organisation_id and c.assessment_id = a.id) as agreed,
            count(i.id)::int as items,
            count(i.id) filter (where i.status in ('OPEN', 'IN_PROGRESS', 'DEFERRED') and i.resolved_by_assessment_at is null)::int as open,
            count(i.id) filter (where i.status in ('OPEN', 'IN_PROGRESS', 'DEFERRED') and i.resolved_by_assessment_at is null
                                  and i.due_on < (now() at time zone o.time_zone)::date)::int as overdue,
            count(i.id) filter (where i.status = 'CARRIED_FORWARD')::int as carried,
            count(i.id) filter (where i.status = 'DONE')::int as done
       from assessment a join organisation o on o.id = a.organisation_id
       left join action_item i on i.organisation_id = a.organisation_id and i.assessment_id = a.id
      where a.organisation_id in (${ids.map(() => '?').join(', ')})
      group by a.id, a.organisation_id, a.cycle, a.status, o.time_zone
      order by a.cycle`,
    ids,
  );
  const users = await run<{ email: string }>(`select email from app_user where email in (${PEOPLE.map(() => '?').join(', ')})`, PEOPLE.map((p) => p.email));
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
      const cycles = assessments.filter((a) => a.organisation_id === o.id).map(describe);
      const head = `  ${pad(o.name, nameWidth)}${pad(o.kind, 15)}${pad(o.size_band, 8)}consent ${o.benchmarking_consent}`;
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
