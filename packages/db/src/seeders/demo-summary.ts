import { DEMO_PASSWORD, DEMO_REGION, INSTITUTIONS, NORTHFIELD, PEOPLE, PLAN_STORY, REGIONAL_BODY } from './demo-data';

const pad = (text: string, width: number) => text.padEnd(width);

/**
 * What `cli.js seed` (and so `npm start`) prints. Built from the demo definitions alone, so a
 * second run that finds the demo already there prints exactly the same text.
 */
export function demoSummary(): string {
  const organisations = [REGIONAL_BODY, ...INSTITUTIONS];
  const nameWidth = Math.max(...organisations.map((o) => o.name.length)) + 2;
  const emailWidth = Math.max(...PEOPLE.map((p) => p.email.length)) + 2;
  const nameOf = new Map(organisations.map((o) => [o.slug, o.name]));
  const northfield = nameOf.get(NORTHFIELD) ?? NORTHFIELD;
  const story = nameOf.get(PLAN_STORY) ?? PLAN_STORY;
  return [
    `Demo organisations (region ${DEMO_REGION.code}, ${DEMO_REGION.name}):`,
    ...organisations.map(
      (o) => `  ${pad(o.name, nameWidth)}${pad(o.kind, 15)}${pad(o.sizeBand, 8)}${pad(o.governance, 19)}consent ${o.benchmarkingConsent}`,
    ),
    '',
    `Demo logins (password: ${DEMO_PASSWORD})`,
    `  ${pad('Email', emailWidth)}${pad('Role', 10)}Organisation`,
    ...PEOPLE.map((p) => `  ${pad(p.email, emailWidth)}${pad(p.role, 10)}${nameOf.get(p.organisationSlug) ?? p.organisationSlug}`),
    '',
    `Every institution has a submitted 2025 and 2026 assessment, except ${northfield}:`,
    `its 2026 assessment is a DRAFT with no agreed answers yet. Sign in as assessor@northfield.example to answer it.`,
    '',
    `Action plans: every institution except ${northfield} has a 2025 plan, worked on through the year, and a 2026 plan`,
    `that carries its open work forward. ${story}'s 2026 plan was regenerated after agreed answers changed:`,
    `one gap closed (its item kept, resolved by the assessment), one opened (a new item), owners and notes kept.`,
    `Sign in as owner@${PLAN_STORY}.example and query`,
    `  { progress { cycle practice practiceChange plan { items done open overdue resolvedByAssessment medianDaysToDone } } }`,
    `  { actionItems(filter: { includeResolved: true }, page: { first: 100 }) { edges { node { itemKey status ownerName`,
    `      resolvedByAssessmentAt history { assessmentId status } notes { statusFrom statusTo body createdAt } } } } }`,
    `Every institution has a partnership register (partners { ... }) of 2 to 4 partners; some reviews fall due within 30 days.`,
  ].join('\n');
}
