import { execFileSync } from 'node:child_process';
import { parse } from 'csv-parse/sync';
import {
  ActionItem,
  ActionItemKind,
  ActionItemNote,
  ActionItemStatus,
  ActionPlan,
  Assessment,
  AssessmentStatus,
  ConsensusAnswer,
  type Framework,
  MemberRole,
  type Organisation,
  loadFrameworkTree,
} from '@waymark/db';
import { type AssessmentScore, type Measure, formatChange, formatScore, scoreAssessment, scoreChange } from '@waymark/domain';
import { consensusMaps } from '@waymark/db';
import { type As, type TestApi, startTestApi } from './harness';
import type PdfParser from 'pdf2json' with { 'resolution-mode': 'import' };

// pdf2json publishes types for its ES module only; require() loads its CommonJS build of the same class.
const PDFParser = require('pdf2json') as typeof PdfParser;

/**
 * The printed report (HTML and PDF) and the plan CSV of a cycle that sits between two others:
 * sections, ranks, overdue by the organisation's own day, progress notes, work carried in and out,
 * decisions followed, and the previous cycle's scores beside this one's.
 */
let api: TestApi;
let base: string;
let framework: Framework;
let orgA: Organisation;
let orgB: Organisation;
let managerA: As;
let ownerB: As;
let zone: string;
let orgToday: string;
let seeded: Awaited<ReturnType<typeof seed>>;
let seededB: Awaited<ReturnType<typeof seed>>;

const NOTE_SCRIPT = 'Met the college <script>alert("x")</script> & agreed a date';
const NOTE_CHANGE = 'Started: first meeting booked';
const OWNER_NAME = 'Siân Ŵyn O\'Brien';
// Emoji and letters beyond Latin, in a paragraph (an item's note) and in a table cell (an answer's note).
const NOTE_EMOJI = 'Signed with the museum 🎉🤝 at last ✅, Αθήνα and Київ too';
const ANSWER_EMOJI = 'Our partners say 👍 and 📚 ❤️ (Ŵyn, Łódź)';

/**
 * A time zone whose date is not UTC's for the next hour at least (Kiritimati is UTC+14, Pago Pago
 * UTC-11), so that a report judging "overdue" by the server's day instead of the organisation's
 * gets one of the two items below wrong.
 */
function zoneAwayFromUtc(now: Date): string {
  const minutes = now.getUTCHours() * 60 + now.getUTCMinutes();
  return minutes >= 10 * 60 + 5 ? 'Pacific/Kiritimati' : 'Pacific/Pago_Pago';
}
const dayIn = (timeZone: string, at = new Date()) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
const shift = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const readableDay = (day: string) => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
const readableInstant = (at: Date, timeZone: string) => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone }).format(at);
const escaped = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
// The report shows figures by the one rule every screen uses (packages/domain figures).
const figure = (v: number | null | undefined, measure: Measure = 'practice') => formatScore(v, measure) ?? '—';
const change = (now: number | null, was: number | null, measure: Measure) => formatChange(scoreChange(now, was, measure)) ?? '—';

function headersOf(as: As = {}): Record<string, string> {
  const headers: Record<string, string> = {};
  if (as.token) headers.authorization = `Bearer ${as.token}`;
  if (as.organisationId) headers['x-organisation-id'] = as.organisationId;
  return headers;
}

async function get(path: string, as?: As) {
  const res = await fetch(`${base}${path}`, { headers: headersOf(as) });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, bytes, text: new TextDecoder().decode(bytes) };
}

const codeOf = (text: string) => (JSON.parse(text) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code;

/** The PDF's text as a reader's copy-and-paste would give it, by a PDF parser that is not the one that wrote it. */
function pdfText(pdf: Buffer): Promise<string> {
  const parser = new PDFParser(null, true);
  return new Promise((resolve, reject) => {
    parser.on('pdfParser_dataError', (e) => reject(e.parserError));
    parser.on('pdfParser_dataReady', () => resolve(parser.getRawTextContent()));
    parser.parseBuffer(pdf, 0);
  });
}
/** The PDF's text by Poppler (Debian's poppler-utils), which reads every character of a ToUnicode map. */
function popplerText(pdf: Buffer): string {
  try {
    return execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf, encoding: 'utf8' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('pdftotext is missing: install Poppler (Debian/Ubuntu: sudo apt-get install poppler-utils)');
    throw error;
  }
}
/** Line breaks fall anywhere in a wrapped paragraph: compare without white space. */
const squash = (text: string) => text.replace(/\s+/g, '');

/**
 * Three cycles of one organisation: 2024 (submitted, with a DONE and a carried item), 2025 (the
 * one reported: every kind of item) and 2026 (where 2025's carried work went).
 */
async function seed(org: Organisation, tag: string) {
  const owner = await api.fx.user({ name: `${OWNER_NAME} ${tag}`, email: `owner-${tag}@example.test` });
  await api.fx.member(org, MemberRole.OWNER, owner);
  const em = api.db.owner.em.fork();
  const by = owner.id;
  const organisationId = org.id;
  const tree = await loadFrameworkTree(em, framework.id);
  const cycle = (name: string, status: AssessmentStatus, previousId: string | null) =>
    em.create(Assessment, { organisationId, frameworkId: framework.id, cycle: name, createdBy: by, status, previousId, submittedAt: status === AssessmentStatus.SUBMITTED ? new Date(`${name}-11-03T10:00:00Z`) : null });
  const a2024 = cycle('2024', AssessmentStatus.SUBMITTED, null);
  const a2025 = cycle('2025', AssessmentStatus.SUBMITTED, a2024.id);
  const a2026 = cycle('2026', AssessmentStatus.DRAFT, a2025.id);

  // 2024: every part NO, prompts half YES. 2025: 3.1 all YES with prompts NO, 3.2 STARTED with prompts YES, 3.3 unanswered.
  const answers: ConsensusAnswer[] = [];
  const answer = (assessmentId: string, nodeKey: string, value: string) => answers.push(em.create(ConsensusAnswer, { organisationId, assessmentId, nodeKey, value, setBy: by }));
  for (const element of tree.scoring) {
    const parts = element.actions.flatMap((a) => (a.partKeys.length ? a.partKeys : [a.key]));
    parts.forEach((k) => answer(a2024.id, k, 'NO'));
    element.promptKeys.forEach((k, i) => answer(a2024.id, k, i % 2 ? 'NO' : 'YES'));
    if (element.key === '3.1') {
      parts.forEach((k) => answer(a2025.id, k, 'YES'));
      answers[answers.length - 1]!.note = ANSWER_EMOJI;
      element.promptKeys.forEach((k) => answer(a2025.id, k, 'NO'));
    } else if (element.key === '3.2') {
      parts.forEach((k) => answer(a2025.id, k, 'STARTED'));
      element.promptKeys.forEach((k) => answer(a2025.id, k, 'YES'));
    }
  }

  const plan = (assessmentId: string) => em.create(ActionPlan, { organisationId, assessmentId, generatedBy: by });
  const [p2024, p2025, p2026] = [plan(a2024.id), plan(a2025.id), plan(a2026.id)];
  const item = (p: ActionPlan, itemKey: string, priority: number, extra: Partial<ActionItem> = {}) => {
    const nodeKey = itemKey.split(':')[1]!;
    return em.create(ActionItem, {
      organisationId, planId: p.id, assessmentId: p.assessmentId, itemKey, kind: itemKey.startsWith('prompt') ? ActionItemKind.PROMPT : ActionItemKind.ACTION,
      nodeKey, elementKey: nodeKey.slice(0, 3), what: `Do ${nodeKey} (${tag})`, why: `Gap at ${nodeKey}`, gap: {}, priority, priorityReason: 'tier', target: 'Reach YES', ...extra,
    });
  };
  const done2024 = item(p2024, 'action:3.1.2', 1, { status: ActionItemStatus.DONE, doneAt: new Date('2024-12-01T09:00:00Z') });
  const carried2024 = item(p2024, 'action:3.2.1', 2, { status: ActionItemStatus.CARRIED_FORWARD });

  const items = {
    // Two items of the same priority: ranked by item key, never sharing a rank.
    overdue: item(p2025, 'action:3.3.1', 1, { dueOn: shift(orgToday, -1), ownerUserId: owner.id }),
    dueToday: item(p2025, 'action:3.3.2', 1, { dueOn: orgToday, status: ActionItemStatus.IN_PROGRESS, ownerUserId: owner.id }),
    continued: item(p2025, 'action:3.2.1', 2, { status: ActionItemStatus.DEFERRED, carriedFromId: carried2024.id }),
    following: item(p2025, 'action:3.1.2', 3, { decisionFromId: done2024.id }),
    // Priority 1, yet not open work: it went on in 2026.
    carried: item(p2025, 'action:3.2.2', 1, { status: ActionItemStatus.CARRIED_FORWARD, ownerUserId: owner.id, dueOn: shift(orgToday, -30) }),
    done: item(p2025, 'action:3.1.1', 2, { status: ActionItemStatus.DONE, doneAt: new Date('2025-12-01T09:00:00Z'), dueOn: '2026-09-30' }),
    dropped: item(p2025, 'prompt:3.1.g1.2', 4, { status: ActionItemStatus.DROPPED, dueOn: shift(orgToday, -10) }),
    resolved: item(p2025, 'evidence:3.1', 1, { kind: ActionItemKind.EVIDENCE_GAP, resolvedByAssessmentAt: new Date('2026-01-02T03:04:05.678Z'), dueOn: shift(orgToday, -5) }),
  };
  const next = item(p2026, 'action:3.2.2', 1, { carriedFromId: items.carried.id });
  // Late in the evening UTC: already the next day in Kiritimati, still the same in Pago Pago.
  const changedAt = new Date('2025-06-30T23:30:00Z');
  const notes = [
    em.create(ActionItemNote, { organisationId, itemId: items.dueToday.id, authorId: by, body: NOTE_CHANGE, statusFrom: ActionItemStatus.OPEN, statusTo: ActionItemStatus.IN_PROGRESS, createdAt: changedAt }),
    em.create(ActionItemNote, { organisationId, itemId: items.dueToday.id, authorId: by, body: NOTE_SCRIPT, createdAt: new Date('2025-07-02T12:00:00Z') }),
    em.create(ActionItemNote, { organisationId, itemId: items.dueToday.id, authorId: by, body: NOTE_EMOJI, createdAt: new Date('2025-07-03T12:00:00Z') }),
  ];
  await em.flush();
  return { owner, a2024, a2025, a2026, items, next, notes, changedAt, answers };
}

const scoreOf = (rows: ConsensusAnswer[], assessmentId: string, tree: Awaited<ReturnType<typeof loadFrameworkTree>>): AssessmentScore =>
  scoreAssessment(tree.scoring, consensusMaps(rows.filter((r) => r.assessmentId === assessmentId), tree));

beforeAll(async () => {
  api = await startTestApi();
  base = api.url.replace(/\/graphql$/, '/exports');
  framework = await api.fx.framework();
  zone = zoneAwayFromUtc(new Date());
  orgToday = dayIn(zone);
  orgA = await api.fx.organisation({ name: 'Amgueddfa Ŵyn & <Archif>', timeZone: zone });
  orgB = await api.fx.organisation({ name: 'Beta Museum', timeZone: zone });
  seeded = await seed(orgA, 'alpha');
  seededB = await seed(orgB, 'beta');
  managerA = (await api.actor(orgA, MemberRole.MANAGER)).as;
  ownerB = (await api.actor(orgB, MemberRole.OWNER)).as;
});
afterAll(() => api.close());

it("judges this test's items on a day that is not the server's", () => {
  // Otherwise the overdue checks below could not tell the organisation's day from UTC's.
  expect(orgToday).not.toBe(new Date().toISOString().slice(0, 10));
});

describe('report.html', () => {
  let page: string;
  const section = (name: string) => page.match(new RegExp(`<section id="plan-${name}">([\\s\\S]*?)</section>`))?.[1] ?? '';
  const itemsIn = (html: string) => [...html.matchAll(/<tr data-item="([^"]+)"/g)].map((m) => m[1]);
  const row = (key: string) => page.match(new RegExp(`<tr data-item="${key.replace(/[.:]/g, '\\$&')}"[\\s\\S]*?</tr>`))?.[0] ?? '';

  beforeAll(async () => {
    const res = await get(`/assessments/${seeded.a2025.id}/report.html`, managerA);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    page = res.text;
  });

  it('ranks the open work 1..n by priority then item key, and nothing else is in it', () => {
    const open = section('open');
    expect(itemsIn(open)).toEqual(['action:3.3.1', 'action:3.3.2', 'action:3.2.1', 'action:3.1.2']);
    const ranks = [...open.matchAll(/data-rank="(\d+)"/g)].map((m) => Number(m[1]));
    expect(ranks).toEqual([1, 2, 3, 4]);
    expect(new Set(ranks).size).toBe(ranks.length);
    expect(open).not.toContain('action:3.2.2');
    expect(itemsIn(section('carried'))).toEqual(['action:3.2.2']);
    expect(itemsIn(section('closed'))).toEqual(['action:3.1.1', 'prompt:3.1.g1.2']);
    expect(itemsIn(section('resolved'))).toEqual(['evidence:3.1']);
    // Every item once, in exactly one section.
    expect(itemsIn(page).sort()).toEqual(Object.values(seeded.items).map((i) => i.itemKey).sort());
  });

  it("flags overdue open work by the organisation's day, with readable dates", () => {
    expect(row('action:3.3.1')).toMatch(/<tr data-item="action:3\.3\.1" data-rank="1" class="overdue">/);
    expect(row('action:3.3.1')).toContain(`<td class="due">${readableDay(shift(orgToday, -1))} <span class="flag overdue">Overdue</span></td>`);
    // Due today there is not overdue yet.
    expect(row('action:3.3.2')).toContain(`<td class="due">${readableDay(orgToday)}</td>`);
    expect(row('action:3.3.2')).not.toContain('Overdue');
    // Closed, carried and resolved items are never overdue, whatever their date.
    for (const key of ['action:3.2.2', 'prompt:3.1.g1.2', 'evidence:3.1']) expect({ key, overdue: row(key).includes('Overdue') }).toEqual({ key, overdue: false });
    expect(row('action:3.1.1')).toContain('<td class="due">30 Sept 2026</td>');
    // No due date: an empty cell.
    expect(row('action:3.2.1')).toContain('<td class="due"></td>');
  });

  it('shows each progress note: author, date in the organisation’s zone, status change and text, escaped', () => {
    const notes = row('action:3.3.2').match(/<ol class="history">([\s\S]*?)<\/ol>/)?.[1] ?? '';
    const entries = [...notes.matchAll(/<li data-note="[^"]+">([\s\S]*?)<\/li>/g)].map((m) => m[1]!);
    expect(entries).toHaveLength(3);
    expect(entries[2]).toContain(NOTE_EMOJI);
    expect(entries[0]).toContain(`<span class="when">${readableInstant(seeded.changedAt, zone)}</span>`);
    expect(entries[0]).toContain(`<span class="who">${escaped(seeded.owner.name)}</span>`);
    expect(entries[0]).toContain('<span class="change">Open → In progress</span>');
    expect(entries[0]).toContain(NOTE_CHANGE);
    expect(entries[1]).toContain(escaped(NOTE_SCRIPT));
    expect(page).not.toMatch(/<script/i);
  });

  it('says where carried work went and which earlier decision an item follows', () => {
    expect(row('action:3.2.2')).toContain('Continued in cycle 2026’s plan (there: Open).');
    expect(row('action:3.2.1')).toContain('Continues work carried forward from cycle 2024 (action:3.2.1, Carried forward).');
    expect(row('action:3.1.2')).toContain('Follows the decision made in cycle 2024 (action:3.1.2, Done).');
  });

  it("puts the previous cycle's scores beside this one's, per element and overall, with the change", async () => {
    const tree = await loadFrameworkTree(api.db.owner.em.fork(), framework.id);
    const now = scoreOf(seeded.answers, seeded.a2025.id, tree);
    const before = scoreOf(seeded.answers, seeded.a2024.id, tree);
    const cells = (html: string) => Object.fromEntries([...html.matchAll(/<td class="num ([a-z -]+)">([^<]*)<\/td>/g)].map((m) => [m[1]!.replace('change ', ''), m[2]]));
    expect(page).toContain('<th class="num">Practice 2024</th><th class="num">Practice 2025</th><th class="num">Change</th>');
    for (const e of now.elements) {
      const was = before.elements.find((b) => b.elementKey === e.elementKey)!;
      const html = page.match(new RegExp(`<tr data-element="${e.elementKey.replace('.', '\\.')}">([\\s\\S]*?)</tr>`))?.[1] ?? '';
      expect({ element: e.elementKey, ...cells(html) }).toEqual({
        element: e.elementKey,
        'previous-practice': figure(was.practice),
        practice: figure(e.practice),
        'practice-change': change(e.practice, was.practice, 'practice'),
        'previous-evidence': figure(was.evidence, 'evidence'),
        evidence: figure(e.evidence, 'evidence'),
        'evidence-change': change(e.evidence, was.evidence, 'evidence'),
      });
    }
    const overall = cells(page.match(/<tr class="overall">([\s\S]*?)<\/tr>/)?.[1] ?? '');
    expect(overall).toMatchObject({ 'previous-practice': figure(before.practice), practice: figure(now.practice), 'practice-change': change(now.practice, before.practice, 'practice') });
    expect(now.practice).not.toBe(before.practice);
  });

  it('opens with a one-paragraph summary of the plan and what changed', () => {
    const summary = page.match(/<p class="summary">([\s\S]*?)<\/p>/)?.[1] ?? '';
    expect(summary).toContain('The action plan has 8 items: 4 still to do (2 open, 1 in progress, 1 deferred), 1 done, 1 dropped, 1 carried forward (to cycle 2026) and 1 resolved by the answers.');
    expect(summary).toContain('1 open item is overdue');
    expect(summary).toContain('Top priorities: 1. Do 3.3.1 (alpha) (3.3.1); 2. Do 3.3.2 (alpha) (3.3.2); 3. Do 3.2.1 (alpha) (3.2.1).');
    expect(summary).toMatch(/Since cycle 2024: practice 0 → [\d.]+ \(\+[\d.]+\)/);
    expect(summary).toContain('1 item continues work carried forward from cycle 2024 and 1 item follows a decision made in cycle 2024.');
  });

  it('keeps the framework, its footnotes and the attribution', () => {
    expect(page).toContain('reproduced word for word');
    expect(page).toContain('<section id="footnotes">');
    expect(page).toContain('<h1>Amgueddfa Ŵyn &amp; &lt;Archif&gt;</h1>');
  });

  it('says when there is no earlier cycle', async () => {
    const first = await get(`/assessments/${seeded.a2024.id}/report.html`, managerA);
    expect(first.status).toBe(200);
    expect(first.text).toContain('There is no earlier cycle to compare with.');
    expect(first.text).not.toContain('previous-practice');
  });
});

describe('plan.csv across cycles', () => {
  let rows: Record<string, string>[];
  beforeAll(async () => {
    const res = await get(`/assessments/${seeded.a2025.id}/plan.csv`, managerA);
    expect(res.status).toBe(200);
    rows = parse<Record<string, string>>(res.text, { columns: true });
  });
  const byKey = (key: string) => rows.find((r) => r.item_key === key)!;

  it('lists open work by rank first, then carried, closed and resolved items', () => {
    expect(rows.map((r) => [r.plan_section, r.rank, r.item_key])).toEqual([
      ['open', '1', 'action:3.3.1'], ['open', '2', 'action:3.3.2'], ['open', '3', 'action:3.2.1'], ['open', '4', 'action:3.1.2'],
      ['carried', '', 'action:3.2.2'], ['closed', '', 'action:3.1.1'], ['closed', '', 'prompt:3.1.g1.2'], ['resolved', '', 'evidence:3.1'],
    ]);
  });

  it('shows CARRIED_FORWARD, where it went, the owner as "Name <email>", overdue by the organisation’s day', () => {
    expect(byKey('action:3.2.2')).toMatchObject({ status: 'CARRIED_FORWARD', carried_to_cycle: '2026', owner: `${seeded.owner.name} <${seeded.owner.email}>`, overdue: 'false' });
    expect(byKey('action:3.2.1')).toMatchObject({ status: 'DEFERRED', carried_from_cycle: '2024' });
    expect(byKey('action:3.1.2')).toMatchObject({ decision_from_cycle: '2024', decision_from_status: 'DONE' });
    expect(byKey('action:3.3.1')).toMatchObject({ overdue: 'true', due_on: shift(orgToday, -1) });
    expect(byKey('action:3.3.2')).toMatchObject({ overdue: 'false', due_on: orgToday, status: 'IN_PROGRESS' });
    expect(byKey('evidence:3.1').resolved_by_assessment_at).toBe('2026-01-02T03:04:05.678Z');
    expect(byKey('action:3.1.1').done_at).toBe('2025-12-01T09:00:00.000Z');
  });
});

describe('report.pdf', () => {
  let res: Awaited<ReturnType<typeof get>>;
  let text: string;
  beforeAll(async () => {
    res = await get(`/assessments/${seeded.a2025.id}/report.pdf`, managerA);
    text = res.status === 200 ? squash(await pdfText(res.bytes)) : '';
   
  });
  /** The text from one marker to the next, looked for after the plan's first heading. */
  const block = (from: string, to: string) => {
    const start = text.indexOf(squash(from), text.indexOf(squash('Open work, in order')));
    const end = text.indexOf(squash(to), start + 1);
    return start >= 0 && end > start ? text.slice(start, end) : '';
  };

  it('is a streamed PDF attachment named like the CSVs', () => {
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-length')).toBeNull();
    expect(res.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="?waymark-${orgA.slug}-assessment-2025-report-\\d{4}-\\d{2}-\\d{2}\\.pdf"?$`));
    expect(res.bytes.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('carries the title, cycle, scores, plan, notes and attribution, user text as written', async () => {
    const tree = await loadFrameworkTree(api.db.owner.em.fork(), framework.id);
    const now = scoreOf(seeded.answers, seeded.a2025.id, tree);
    const before = scoreOf(seeded.answers, seeded.a2024.id, tree);
    const source = tree.row.source as { attribution: string };
    for (const expected of [
      'Amgueddfa Ŵyn & <Archif>',
      `Self-assessment report: ${tree.row.title}`,
      'Cycle: 2025',
      'Previous cycle: 2024',
      'Practice 2024',
      `Overall ${figure(before.practice)} ${figure(now.practice)} ${change(now.practice, before.practice, 'practice')}`,
      'Open work, in order',
      '1. 3.3.1 Do 3.3.1 (alpha)',
      `Owner: ${seeded.owner.name} <${seeded.owner.email}>`,
      `${readableInstant(seeded.changedAt, zone)} · ${seeded.owner.name} · Open → In progress: ${NOTE_CHANGE}`,
      NOTE_SCRIPT,
      'Continued in cycle 2026’s plan (there: Open).',
      'Follows the decision made in cycle 2024 (action:3.1.2, Done).',
      'The action plan has 8 items',
      tree.byKey.get('3.1')!.text,
      source.attribution,
      'page 1 of',
    ]) {
      expect({ expected, found: text.includes(squash(expected)) }).toEqual({ expected, found: true });
    }
    expect(text).not.toContain('beta');
  });

  it('keeps emoji and letters beyond Latin, in paragraphs and in table cells', () => {
    // Poppler's pdftotext, because pdf2json garbles characters beyond U+FFFF even when the PDF is right.
    const poppler = squash(popplerText(res.bytes));
    for (const expected of [NOTE_EMOJI, ANSWER_EMOJI]) {
      expect({ expected, found: poppler.includes(squash(expected)) }).toEqual({ expected, found: true });
    }
  });

  it("flags overdue open work by the organisation's day", () => {
    const overdue = block('1. 3.3.1', '2. 3.3.2');
    const dueToday = block('2. 3.3.2', '3. 3.2.1');
    expect(overdue).toContain(squash(`Due: ${readableDay(shift(orgToday, -1))} Overdue`));
    expect(dueToday).toContain(squash(`Due: ${readableDay(orgToday)}`));
    expect(dueToday).not.toContain('Overdue');
  });

  it('lists the carried item under carried forward, not as open work', () => {
    const open = block('Open work, in order', 'Carried forward to the next cycle');
    expect(open).toContain(squash('Do 3.3.1 (alpha)'));
    expect(open).not.toContain(squash('Do 3.2.2 (alpha)'));
    expect(block('Carried forward to the next cycle', 'Done and dropped')).toContain(squash('Do 3.2.2 (alpha)'));
  });
});

describe("another organisation's reports", () => {
  it.each(['report.html', 'report.pdf', 'plan.csv'])('%s of another organisation is NOT_FOUND, exactly as a missing one', async (file) => {
    for (const id of [seededB.a2025.id, seededB.a2024.id, '00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const res = await get(`/assessments/${id}/${file}`, managerA);
      expect({ id, status: res.status, code: codeOf(res.text) }).toEqual({ id, status: 404, code: 'NOT_FOUND' });
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.headers.get('content-disposition')).toBeNull();
    }
    // B's credentials naming A as the organisation: as if A did not exist.
    const crossed = await get(`/assessments/${seeded.a2025.id}/${file}`, { ...ownerB, organisationId: orgA.id });
    expect(crossed.status).toBe(404);
  });

  it("gives B its own report with none of A's people, notes or items", async () => {
    const html = await get(`/assessments/${seededB.a2025.id}/report.html`, ownerB);
    const pdf = await get(`/assessments/${seededB.a2025.id}/report.pdf`, ownerB);
    const csv = await get(`/assessments/${seededB.a2025.id}/plan.csv`, ownerB);
    expect([html.status, pdf.status, csv.status]).toEqual([200, 200, 200]);
    const pdfContent = await pdfText(pdf.bytes);
    for (const [name, body] of [['html', html.text], ['pdf', pdfContent], ['csv', csv.text]] as const) {
      expect({ name, alpha: body.includes('alpha'), a: body.includes(orgA.name) || body.includes(escaped(orgA.name)) }).toEqual({ name, alpha: false, a: false });
      expect({ name, beta: squash(body).includes(squash('Do 3.3.1 (beta)')) }).toEqual({ name, beta: true });
    }
    const idsOfA = [orgA.id, seeded.owner.id, ...Object.values(seeded.items).map((i) => i.id), seeded.a2025.id];
    expect(idsOfA.filter((id) => html.text.includes(id) || csv.text.includes(id))).toEqual([]);
  });
});
