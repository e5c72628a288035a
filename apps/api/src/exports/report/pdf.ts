import { FrameworkNodeKind, type NodeView } from '@waymark/db';
import { safeHref } from '../html';
import type { ReportData } from './data';
import { type Labels, SCORING_NOTE, figure, formatDay, formatInstant, labelsOf, reportTitle, scoreLines, signed, sourceOf } from './format';
import { writePlan } from './pdf-plan';
import { type Cell, MUTED, PdfWriter, WARN } from './pdf-writer';
import { reportSummary } from './summary';

/** The printed report as a PDF: the same data and the same words as the HTML page. */

const marks = (node: NodeView) => node.footnotes.map((n) => ` [${n}]`).join('');

function header(w: PdfWriter, data: ReportData) {
  const { organisation, assessment, tree } = data;
  const zone = organisation.timeZone;
  const source = sourceOf(tree);
  w.heading(organisation.name, 1);
  w.text(`Self-assessment report: ${tree.row.title}`, { size: 11, gap: 0.6 });
  const fact = (label: string, value: string) => w.runs([{ text: `${label}: `, font: 'bold' }, { text: value }], { gap: 0.15 });
  fact('Organisation', organisation.name);
  fact('Framework', `${tree.row.title}, version ${tree.row.version}`);
  fact('Source', [source.title, source.publisher].filter(Boolean).join(', ') + '.' + (source.attribution ? ` ${source.attribution}` : '') + (source.licence ? ` Licence: ${source.licence}.` : ''));
  fact('Cycle', assessment.cycle);
  fact('Status', assessment.status);
  fact('Submitted', assessment.submittedAt ? formatInstant(assessment.submittedAt, zone) : 'Not submitted');
  if (assessment.dueOn) fact('Due', formatDay(assessment.dueOn));
  if (data.previous) fact('Previous cycle', data.previous.assessment.cycle);
  for (const r of data.reopenings) fact('Reopened', `${formatInstant(r.createdAt, zone)}: ${r.reason}`);
  fact('Report generated', formatInstant(data.generatedAt, zone));
}

function scores(w: PdfWriter, data: ReportData) {
  const now = data.assessment.cycle;
  const before = data.previous?.assessment.cycle;
  w.heading('Scores', 2);
  w.text(before ? `Cycle ${now} beside the previous cycle, ${before}; change in points.` : 'There is no earlier cycle to compare with.', { color: before ? undefined : MUTED });
  const head = before
    ? ['Element', `Practice ${before}`, `Practice ${now}`, 'Change', `Evidence ${before}`, `Evidence ${now}`, 'Change', 'Complete?', 'Flags']
    : ['Element', 'Practice (0–100)', 'Evidence (0–100)', 'Complete?', 'Flags'];
  const rows = scoreLines(data.score, data.previous).map((line): Cell[] => {
    const key = line.elementKey;
    const label = key ? `${key} ${data.tree.byKey.get(key)?.text ?? ''}` : 'Overall';
    const flag: Cell = key
      ? { text: line.unsupportedClaim ? 'Unsupported claim' : '', color: WARN }
      : { text: data.score.unsupportedClaims.length ? `Unsupported claims: ${data.score.unsupportedClaims.join(', ')}` : '' };
    const complete = line.complete ? 'Complete' : 'Incomplete';
    const bold = (text: string): Cell => (key ? text : { text, font: 'bold' });
    return before
      ? [bold(label), figure(line.previousPractice), bold(figure(line.practice)), signed(line.practiceChange), figure(line.previousEvidence, 'evidence'), bold(figure(line.evidence, 'evidence')), signed(line.evidenceChange), complete, flag]
      : [bold(label), bold(figure(line.practice)), bold(figure(line.evidence, 'evidence')), complete, flag];
  });
  w.table(head, rows, before ? ['*', 46, 46, 40, 48, 48, 40, 54, 64] : ['*', 64, 64, 60, 90], 7.5);
  w.text(SCORING_NOTE, { size: 7.5, color: MUTED });
}

function notesOf(data: ReportData, key: string): string {
  const note = data.answers.get(key)?.note;
  const links = [
    ...(data.evidenceByNode.get(key) ?? []).map((e) => `Evidence: ${e.title}`),
    ...(data.partnersByNode.get(key) ?? []).map((p) => `Partnership: ${p.name}`),
  ];
  return [note, ...links].filter(Boolean).join('\n');
}

function answerOf(data: ReportData, key: string, labels: Map<string, string>): Cell {
  const answer = data.answers.get(key);
  return answer ? (labels.get(answer.value) ?? answer.value) : { text: 'Not answered', font: 'italic', color: WARN };
}

function element(w: PdfWriter, data: ReportData, node: NodeView, labels: Labels) {
  const s = data.score.elements.find((e) => e.elementKey === node.key);
  w.heading(`${node.key} ${node.text}${marks(node)}`, 3);
  if (s) {
    w.text(
      `Practice ${figure(s.practice)} · evidence ${figure(s.evidence, 'evidence')} · ${s.complete ? 'complete' : 'incomplete'} (${s.partsAnswered} of ${s.partsTotal} parts answered; ` +
        `prompts: ${s.promptsYes} yes, ${s.promptsNo} no, ${s.promptsNotApplicable} not applicable, ${s.promptsUnanswered} unanswered)${s.unsupportedClaim ? ' · Unsupported claim' : ''}`,
      { size: 8.5 },
    );
  }
  const actionScores = new Map((s?.actions ?? []).map((a) => [a.actionKey, a]));
  const actions = node.children.filter((c) => c.kind === FrameworkNodeKind.ACTION);
  if (actions.length) {
    const rows = actions.flatMap((action): Cell[][] => {
      const parts = action.children.filter((c) => c.kind === FrameworkNodeKind.PART);
      const own: Cell[] = [{ text: action.key, font: 'bold' }, { text: `${action.text}${marks(action)}`, font: 'bold' }];
      if (!parts.length) return [[...own, answerOf(data, action.key, labels.practice), notesOf(data, action.key)]];
      const score = actionScores.get(action.key);
      return [
        [...own, score ? `Practice ${figure(score.practice)}` : '', notesOf(data, action.key)],
        ...parts.map((p): Cell[] => [p.key, `${p.text}${marks(p)}`, answerOf(data, p.key, labels.practice), notesOf(data, p.key)]),
      ];
    });
    w.heading('Actions', 4);
    w.table(['Key', 'Action / part', 'Agreed answer', 'Notes and evidence'], rows, [44, '*', 64, 150]);
  }
  for (const group of node.children.filter((c) => c.kind === FrameworkNodeKind.PROMPT_GROUP)) {
    const prompts = group.children.filter((c) => c.kind === FrameworkNodeKind.PROMPT);
    w.heading(`${group.text}${marks(group)}`, 4);
    w.table(
      ['Key', 'Evidence prompt', 'Agreed answer', labels.improvementFlag, 'Notes and evidence'],
      prompts.map((p) => [p.key, `${p.text}${marks(p)}`, answerOf(data, p.key, labels.evidence), data.answers.get(p.key)?.areaForImprovement ? labels.improvementFlag : '', notesOf(data, p.key)]),
      [44, '*', 56, 80, 120],
    );
  }
}

async function framework(w: PdfWriter, data: ReportData) {
  const labels = labelsOf(data.tree);
  for (const principle of data.tree.principles) {
    w.heading(`${principle.key} ${principle.text}${marks(principle)}`, 2);
    for (const node of principle.children.filter((c) => c.kind === FrameworkNodeKind.ELEMENT)) {
      element(w, data, node, labels);
      await breathe();
    }
  }
}

function evidence(w: PdfWriter, data: ReportData) {
  w.heading('Evidence linked', 2);
  if (!data.evidence.length) {
    w.text('No evidence is linked to this assessment.', { color: MUTED });
    return;
  }
  for (const { item, nodeKeys } of data.evidence) {
    w.keepSpace(30);
    w.text(item.title, { font: 'bold', link: safeHref(item.url), gap: 0.05 });
    const about = [`Dated ${formatDay(item.evidenceDate)}`, item.expiresOn ? `expires ${formatDay(item.expiresOn)}` : '', `supports ${nodeKeys.join(', ')}`];
    w.text(about.filter(Boolean).join(' · '), { indent: 12, size: 8.5, color: MUTED, gap: 0.05 });
    if (item.url && safeHref(item.url)) w.text(item.url, { indent: 12, size: 8, color: MUTED, gap: 0.05 });
    if (item.fileReference) w.text(`File: ${item.fileReference}`, { indent: 12, size: 8.5, color: MUTED, gap: 0.05 });
    if (item.description) w.text(item.description, { indent: 12, size: 8.5, color: MUTED, gap: 0.05 });
    w.doc.moveDown(0.4);
  }
}

function footnotes(w: PdfWriter, data: ReportData) {
  const used = [...new Set(data.tree.nodes.flatMap((n) => n.footnotes))].sort((a, b) => a - b);
  if (!used.length) return;
  w.heading('Footnotes', 2);
  for (const n of used) w.text(`[${n}] ${data.tree.footnotes.get(n) ?? ''}`, { size: 8.5 });
}

/**
 * Laying out a PDF is synchronous work (a few hundred milliseconds for a whole framework): it gives
 * the event loop back between sections, so other requests on this process are not held up by it.
 */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function renderReportPdf(data: ReportData): Promise<PDFKit.PDFDocument> {
  const source = sourceOf(data.tree);
  const w = new PdfWriter({
    title: reportTitle(data),
    author: data.organisation.name,
    subject: `Self-assessment report: ${data.tree.row.title}, cycle ${data.assessment.cycle}`,
    created: data.generatedAt,
  });
  header(w, data);
  w.heading('Summary', 2);
  w.text(reportSummary(data), { size: 9.5 });
  scores(w, data);
  await breathe();
  writePlan(w, data);
  await breathe();
  await framework(w, data);
  evidence(w, data);
  footnotes(w, data);
  w.doc.moveDown(1.5);
  w.keepSpace(40);
  w.text(source.attribution ?? '', { size: 8, color: MUTED });
  w.text("Produced by Waymark from the organisation's agreed answers at the time shown above.", { size: 8, color: MUTED });
  const footer = `${data.organisation.name} · ${data.tree.row.title}, cycle ${data.assessment.cycle}`;
  return w.finish((page, pages) => `${footer} · page ${page} of ${pages}`);
}
