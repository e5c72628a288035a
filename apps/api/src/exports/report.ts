import type express from 'express';
import {
  ActionItem,
  Assessment,
  AssessmentReopening,
  ConsensusAnswer,
  Evidence,
  EvidenceLink,
  FrameworkNodeKind,
  type FrameworkTree,
  type NodeView,
  Organisation,
  Partner,
  PartnerLink,
  User,
  loadFrameworkTree,
} from '@waymark/db';
import { type AssessmentScore, type ElementScore, notFound } from '@waymark/domain';
import { isUuid } from '@waymark/db';
import { scoresOf } from '../modules/assessments/queries';
import { SafeHtml, html, link } from './html';
import type { ExportContext } from './route';

/** Everything the report shows, read in the request's transaction. */
export interface ReportData {
  organisation: Organisation;
  assessment: Assessment;
  tree: FrameworkTree;
  score: AssessmentScore;
  answers: ReadonlyMap<string, ConsensusAnswer>;
  evidence: { item: Evidence; nodeKeys: string[] }[];
  evidenceByNode: ReadonlyMap<string, Evidence[]>;
  partnersByNode: ReadonlyMap<string, Partner[]>;
  items: ActionItem[];
  people: ReadonlyMap<string, User>;
  reopenings: AssessmentReopening[];
  generatedAt: Date;
}

function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const list = map.get(key(row));
    if (list) list.push(row);
    else map.set(key(row), [row]);
  }
  return map;
}

/** Every query names the organisation, as well as the tenant filter and row-level security doing so. */
export async function loadReport(ctx: ExportContext, id: string): Promise<ReportData> {
  const { em, organisationId } = ctx;
  const assessment = isUuid(id) ? await em.findOne(Assessment, { id, organisationId }) : null;
  if (!assessment) throw notFound('Assessment', id);
  const organisation = await em.findOne(Organisation, { id: organisationId });
  if (!organisation) throw notFound('Organisation', organisationId);
  const tree = await loadFrameworkTree(em, assessment.frameworkId);
  const scope = { assessmentId: assessment.id, organisationId };
  const answerRows = await em.find(ConsensusAnswer, scope);
  const evidenceLinks = await em.find(EvidenceLink, scope, { orderBy: { nodeKey: 'asc' } });
  const evidenceRows = evidenceLinks.length
    ? await em.find(Evidence, { id: { $in: [...new Set(evidenceLinks.map((l) => l.evidenceId))] }, organisationId }, { orderBy: { title: 'asc', id: 'asc' } })
    : [];
  const partnerLinks = await em.find(PartnerLink, scope);
  const partners = partnerLinks.length
    ? await em.find(Partner, { id: { $in: [...new Set(partnerLinks.map((l) => l.partnerId))] }, organisationId })
    : [];
  const items = await em.find(ActionItem, scope, { orderBy: { priority: 'asc', itemKey: 'asc' } });
  const reopenings = await em.find(AssessmentReopening, scope, { orderBy: { createdAt: 'asc' } });
  const personIds = [...new Set(items.flatMap((i) => (i.ownerUserId ? [i.ownerUserId] : [])))];
  const people = personIds.length ? await em.find(User, { id: { $in: personIds } }) : [];

  const evidenceById = new Map(evidenceRows.map((e) => [e.id, e]));
  const partnerById = new Map(partners.map((p) => [p.id, p]));
  const linksByEvidence = groupBy(evidenceLinks, (l) => l.evidenceId);
  const pick = <T>(byId: ReadonlyMap<string, T>, ids: string[]) => ids.flatMap((i) => (byId.has(i) ? [byId.get(i)!] : []));
  return {
    organisation,
    assessment,
    tree,
    score: scoresOf(answerRows, tree),
    answers: new Map(answerRows.map((a) => [a.nodeKey, a])),
    evidence: evidenceRows.map((item) => ({ item, nodeKeys: (linksByEvidence.get(item.id) ?? []).map((l) => l.nodeKey) })),
    evidenceByNode: new Map([...groupBy(evidenceLinks, (l) => l.nodeKey)].map(([k, ls]) => [k, pick(evidenceById, ls.map((l) => l.evidenceId))])),
    partnersByNode: new Map([...groupBy(partnerLinks, (l) => l.nodeKey)].map(([k, ls]) => [k, pick(partnerById, ls.map((l) => l.partnerId))])),
    items,
    people: new Map(people.map((p) => [p.id, p])),
    reopenings,
    generatedAt: new Date(),
  };
}

// ---------------------------------------------------------------------------------------------
// Rendering: pure functions of ReportData. All text goes through `html`, which escapes it.

const STYLE = `
:root { color-scheme: light; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2330; margin: 2rem auto; max-width: 62rem; padding: 0 1.25rem; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .5rem; border-bottom: 2px solid #1d2330; padding-bottom: .2rem; }
h3 { font-size: 1.1rem; margin: 1.5rem 0 .4rem; }
h4 { font-size: .95rem; margin: 1rem 0 .3rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 1rem 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-size: .9rem; }
th, td { border: 1px solid #c8ccd4; padding: .3rem .45rem; text-align: left; vertical-align: top; }
th { background: #eef0f4; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.overall td { font-weight: 700; background: #f6f7f9; }
tr.action td { background: #f6f7f9; font-weight: 600; }
tr.part td:nth-child(2) { padding-left: 1.4rem; }
.key { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; white-space: nowrap; }
.note { white-space: pre-wrap; }
.muted { color: #5b6270; }
.flag { display: inline-block; padding: 0 .35rem; border-radius: 3px; font-size: .8rem; font-weight: 600; }
.flag.warn { background: #fde8c8; color: #7a4100; }
.flag.afi { background: #e3ecfb; color: #163e7a; }
.unanswered { color: #9a2a2a; font-style: italic; }
ul.links { margin: .2rem 0 0; padding-left: 1.1rem; }
.source { font-size: .85rem; }
footer { margin-top: 2.5rem; font-size: .8rem; color: #5b6270; }
@page { margin: 16mm 14mm; }
@media print {
  body { font-size: 10pt; margin: 0; max-width: none; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3, h4 { break-after: avoid; page-break-after: avoid; }
  section.element { break-before: auto; }
  tr, .facts { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
  a[href]::after { content: " (" attr(href) ")"; font-size: .8em; color: #5b6270; word-break: break-all; }
  th, tr.action td, tr.overall td, .flag { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

const figure = (value: number | null) => (value === null ? '—' : String(Math.round(value * 10) / 10));

function formatDate(value: Date | string | null | undefined, timeZone: string): string {
  if (!value) return '';
  // A date column ("2026-03-01") is a calendar day: show it as that day, not shifted by a time zone.
  const date = typeof value === 'string' ? new Date(`${value.slice(0, 10)}T00:00:00Z`) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  const zone = typeof value === 'string' ? 'UTC' : timeZone;
  try {
    return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: zone }).format(date);
  } catch {
    return date.toISOString().slice(0, 10);
  }
}

interface Labels {
  practice: Map<string, string>;
  evidence: Map<string, string>;
  improvementFlag: string;
}

function labelsOf(tree: FrameworkTree): Labels {
  type Scale = { options?: { value: string; label: string }[]; improvementFlag?: string };
  const scales = (tree.document.scales ?? {}) as { practice?: Scale; evidence?: Scale };
  const map = (s?: Scale) => new Map((s?.options ?? []).map((o) => [o.value, o.label]));
  return {
    practice: map(scales.practice),
    evidence: map(scales.evidence),
    improvementFlag: scales.evidence?.improvementFlag ?? 'Area for improvement',
  };
}

function footnoteMarks(node: NodeView): SafeHtml {
  return html`${node.footnotes.map((n) => html`<sup><a href="#fn-${n}">[${n}]</a></sup>`)}`;
}

function answerCell(data: ReportData, key: string, labels: Map<string, string>): SafeHtml {
  const answer = data.answers.get(key);
  return answer ? html`<td>${labels.get(answer.value) ?? answer.value}</td>` : html`<td class="unanswered">Not answered</td>`;
}

/** The agreed note, and the evidence and partnerships linked to this item. */
function notesCell(data: ReportData, key: string): SafeHtml {
  const note = data.answers.get(key)?.note;
  const evidence = data.evidenceByNode.get(key) ?? [];
  const partners = data.partnersByNode.get(key) ?? [];
  const links = [
    ...evidence.map((e) => html`<li>Evidence: ${link(e.url, e.title)}</li>`),
    ...partners.map((p) => html`<li>Partnership: ${p.name}</li>`),
  ];
  return html`<td>${note ? html`<div class="note">${note}</div>` : ''}${links.length ? html`<ul class="links">${links}</ul>` : ''}</td>`;
}

function scoreRow(label: SafeHtml, s: Pick<ElementScore, 'practice' | 'evidence' | 'complete'>, flags: SafeHtml, key?: string): SafeHtml {
  return html`<tr${key ? html` data-element="${key}"` : html` class="overall"`}>
    <td>${label}</td>
    <td class="num practice">${figure(s.practice)}</td>
    <td class="num evidence">${figure(s.evidence)}</td>
    <td class="complete">${s.complete ? 'Complete' : 'Incomplete'}</td>
    <td class="claim">${flags}</td>
  </tr>`;
}

const claimFlag = (claim: boolean) => (claim ? html`<span class="flag warn">Unsupported claim</span>` : html``);

function renderScores(data: ReportData): SafeHtml {
  const { score, tree } = data;
  const text = (key: string) => tree.byKey.get(key)?.text ?? '';
  return html`<section id="scores">
  <h2>Scores</h2>
  <table>
    <thead><tr><th>Element</th><th class="num">Practice (0–100)</th><th class="num">Evidence (0–100)</th><th>Complete?</th><th>Flags</th></tr></thead>
    <tbody>
      ${score.elements.map((e) => scoreRow(html`<span class="key">${e.elementKey}</span> ${text(e.elementKey)}`, e, claimFlag(e.unsupportedClaim), e.elementKey))}
      ${scoreRow(html`Overall`, score, score.unsupportedClaims.length ? html`Unsupported claims: ${score.unsupportedClaims.join(', ')}` : html``)}
    </tbody>
  </table>
  <p class="muted">Practice: each part scores Yes 1, Have started 0.5, No 0; an action is the mean of its parts, an element the mean of its actions.
  Evidence: Yes ÷ (Yes + No) over the prompts, Not applicable left out; “—” means no prompt was answered Yes or No.
  An element with practice of 75 or more and evidence under 50 is flagged as an unsupported claim. Scores count agreed (consensus) answers only
  and are incomplete while any part is unanswered.</p>
</section>`;
}

function renderActions(data: ReportData, element: NodeView, scoreOf: ElementScore | undefined, labels: Labels): SafeHtml {
  const actions = element.children.filter((c) => c.kind === FrameworkNodeKind.ACTION);
  if (!actions.length) return html``;
  const actionScores = new Map((scoreOf?.actions ?? []).map((a) => [a.actionKey, a]));
  const rows = actions.map((action) => {
    const parts = action.children.filter((c) => c.kind === FrameworkNodeKind.PART);
    if (!parts.length) {
      return html`<tr class="action" data-key="${action.key}"><td class="key">${action.key}</td><td>${action.text}${footnoteMarks(action)}</td>${answerCell(data, action.key, labels.practice)}${notesCell(data, action.key)}</tr>`;
    }
    const s = actionScores.get(action.key);
    return html`<tr class="action" data-key="${action.key}"><td class="key">${action.key}</td><td>${action.text}${footnoteMarks(action)}</td><td class="num">${s ? `Practice ${figure(s.practice)}` : ''}</td>${notesCell(data, action.key)}</tr>
      ${parts.map((part) => html`<tr class="part" data-key="${part.key}"><td class="key">${part.key}</td><td>${part.text}${footnoteMarks(part)}</td>${answerCell(data, part.key, labels.practice)}${notesCell(data, part.key)}</tr>`)}`;
  });
  return html`<h4>Actions</h4>
  <table>
    <thead><tr><th>Key</th><th>Action / part</th><th>Agreed answer</th><th>Notes and evidence</th></tr></thead>
    <tbody>${rows}</tbody>
  </table>`;
}

function renderPrompts(data: ReportData, element: NodeView, labels: Labels): SafeHtml {
  const groups = element.children.filter((c) => c.kind === FrameworkNodeKind.PROMPT_GROUP);
  return html`${groups.map((group) => {
    const prompts = group.children.filter((c) => c.kind === FrameworkNodeKind.PROMPT);
    return html`<h4>${group.text}${footnoteMarks(group)}</h4>
    <table>
      <thead><tr><th>Key</th><th>Evidence prompt</th><th>Agreed answer</th><th>${labels.improvementFlag}</th><th>Notes and evidence</th></tr></thead>
      <tbody>${prompts.map(
        (p) => html`<tr data-key="${p.key}"><td class="key">${p.key}</td><td>${p.text}${footnoteMarks(p)}</td>${answerCell(data, p.key, labels.evidence)}<td>${
          data.answers.get(p.key)?.areaForImprovement ? html`<span class="flag afi">${labels.improvementFlag}</span>` : ''
        }</td>${notesCell(data, p.key)}</tr>`,
      )}</tbody>
    </table>`;
  })}`;
}

function renderFramework(data: ReportData, labels: Labels): SafeHtml {
  const scores = new Map(data.score.elements.map((e) => [e.elementKey, e]));
  return html`${data.tree.principles.map(
    (principle) => html`<section class="principle">
  <h2><span class="key">${principle.key}</span> ${principle.text}${footnoteMarks(principle)}</h2>
  ${principle.children
    .filter((c) => c.kind === FrameworkNodeKind.ELEMENT)
    .map((element) => {
      const s = scores.get(element.key);
      return html`<section class="element" id="element-${element.key}">
    <h3><span class="key">${element.key}</span> ${element.text}${footnoteMarks(element)}</h3>
    ${s ? html`<p>Practice <strong>${figure(s.practice)}</strong> · evidence <strong>${figure(s.evidence)}</strong> · ${s.complete ? 'complete' : 'incomplete'}
      (${s.partsAnswered} of ${s.partsTotal} parts answered; prompts: ${s.promptsYes} yes, ${s.promptsNo} no, ${s.promptsNotApplicable} not applicable, ${s.promptsUnanswered} unanswered)
      ${claimFlag(s.unsupportedClaim)}</p>` : ''}
    ${renderActions(data, element, s, labels)}
    ${renderPrompts(data, element, labels)}
  </section>`;
    })}
</section>`,
  )}`;
}

function renderEvidence(data: ReportData): SafeHtml {
  const zone = data.organisation.timeZone;
  return html`<section id="evidence">
  <h2>Evidence linked</h2>
  ${data.evidence.length
    ? html`<table>
    <thead><tr><th>Evidence</th><th>Dated</th><th>Expires</th><th>Supports</th></tr></thead>
    <tbody>${data.evidence.map(
      ({ item, nodeKeys }) => html`<tr><td>${link(item.url, item.title)}${item.fileReference ? html`<div class="muted">File: ${item.fileReference}</div>` : ''}${
        item.description ? html`<div class="note muted">${item.description}</div>` : ''
      }</td><td>${formatDate(item.evidenceDate, zone)}</td><td>${formatDate(item.expiresOn, zone)}</td><td class="key">${nodeKeys.join(', ')}</td></tr>`,
    )}</tbody>
  </table>`
    : html`<p class="muted">No evidence is linked to this assessment.</p>`}
</section>`;
}

function renderPlan(data: ReportData): SafeHtml {
  const zone = data.organisation.timeZone;
  const owner = (id: string | null) => {
    const person = id ? data.people.get(id) : undefined;
    return person ? html`${person.name}<div class="muted">${person.email}</div>` : html`<span class="muted">Unassigned</span>`;
  };
  return html`<section id="plan">
  <h2>Action plan</h2>
  ${data.items.length
    ? html`<table>
    <thead><tr><th class="num">Priority</th><th>What to do</th><th>Owner</th><th>Due</th><th>Next review</th><th>Status</th></tr></thead>
    <tbody>${data.items.map(
      (item) => html`<tr data-item="${item.itemKey}">
      <td class="num">${item.priority}</td>
      <td><div><span class="key">${item.nodeKey}</span> ${item.what}</div>
        <div class="muted">Why: ${item.why}</div>
        <div class="muted">Target: ${item.target}</div>
        ${item.resources ? html`<div class="muted">Resources: <span class="note">${item.resources}</span></div>` : ''}
        ${item.successMeasure ? html`<div class="muted">Measure of success: <span class="note">${item.successMeasure}</span></div>` : ''}
        ${item.resolvedByAssessmentAt ? html`<div class="muted">Gap closed by the answers on ${formatDate(item.resolvedByAssessmentAt, zone)}</div>` : ''}</td>
      <td>${owner(item.ownerUserId)}</td>
      <td>${formatDate(item.dueOn, zone)}</td>
      <td>${formatDate(item.nextReviewOn, zone)}</td>
      <td>${item.status}</td>
    </tr>`,
    )}</tbody>
  </table>`
    : html`<p class="muted">No action plan has been generated for this assessment yet.</p>`}
</section>`;
}

function renderFootnotes(data: ReportData): SafeHtml {
  const used = [...new Set(data.tree.nodes.flatMap((n) => n.footnotes))].sort((a, b) => a - b);
  if (!used.length) return html``;
  return html`<section id="footnotes"><h2>Footnotes</h2><ol class="footnotes">${used.map(
    (n) => html`<li id="fn-${n}" value="${n}">${data.tree.footnotes.get(n) ?? ''}</li>`,
  )}</ol></section>`;
}

export function renderReport(data: ReportData): string {
  const { organisation, assessment, tree } = data;
  const zone = organisation.timeZone;
  const labels = labelsOf(tree);
  const source = tree.row.source as { title?: string; publisher?: string; attribution?: string; url?: string | null; licence?: string | null };
  const title = `${organisation.name}: ${tree.row.title}, ${assessment.cycle}`;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${new SafeHtml(STYLE)}</style>
</head>
<body>
<header>
  <h1>${organisation.name}</h1>
  <p>Self-assessment report: ${tree.row.title}</p>
  <dl class="facts">
    <dt>Organisation</dt><dd>${organisation.name}</dd>
    <dt>Framework</dt><dd>${tree.row.title}, version ${tree.row.version}</dd>
    <dt>Source</dt><dd class="source">${source.title ? link(source.url, source.title) : ''}${source.publisher ? html`, ${source.publisher}` : ''}.
      ${source.attribution ?? ''}${source.licence ? html` Licence: ${source.licence}.` : ''}</dd>
    <dt>Cycle</dt><dd>${assessment.cycle}</dd>
    <dt>Status</dt><dd>${assessment.status}</dd>
    <dt>Submitted</dt><dd>${assessment.submittedAt ? formatDate(assessment.submittedAt, zone) : 'Not submitted'}</dd>
    ${assessment.dueOn ? html`<dt>Due</dt><dd>${formatDate(assessment.dueOn, zone)}</dd>` : ''}
    ${data.reopenings.map((r) => html`<dt>Reopened</dt><dd>${formatDate(r.createdAt, zone)}: <span class="note">${r.reason}</span></dd>`)}
    <dt>Report generated</dt><dd>${formatDate(data.generatedAt, zone)}</dd>
  </dl>
</header>
<main>
${renderScores(data)}
${renderFramework(data, labels)}
${renderEvidence(data)}
${renderPlan(data)}
${renderFootnotes(data)}
</main>
<footer>
  <p>${source.attribution ?? ''}</p>
  <p>Produced by Waymark from the organisation's agreed answers at the time shown above.</p>
</footer>
</body>
</html>
`.value;
}

export async function sendReport(ctx: ExportContext, res: express.Response, id: string): Promise<void> {
  const body = renderReport(await loadReport(ctx, id));
  res.set('content-type', 'text/html; charset=utf-8');
  res.set('x-content-type-options', 'nosniff');
  // Escaping is the wall; this is the second one: no script, frame or remote load can run in the report.
  res.set('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
  res.status(200).send(body);
}
