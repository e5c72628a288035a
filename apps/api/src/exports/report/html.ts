import { SafeHtml, html, link } from '../html';
import type { ReportData } from './data';
import { type ScoreLine, SCORING_NOTE, figure, formatDay, formatInstant, labelsOf, reportTitle, scoreLines, signed, sourceOf } from './format';
import { claimFlag, renderEvidence, renderFootnotes, renderFramework } from './html-answers';
import { renderPlan } from './html-plan';
import { REPORT_STYLE } from './style';
import { reportSummary } from './summary';

/** The printed report as one HTML page: a pure function of ReportData; all text goes through `html`. */

function scoreRow(data: ReportData, line: ScoreLine): SafeHtml {
  const comparing = !!data.previous;
  const key = line.elementKey;
  const label = key ? html`<span class="key">${key}</span> ${data.tree.byKey.get(key)?.text ?? ''}` : html`Overall`;
  const flags = key
    ? claimFlag(line.unsupportedClaim)
    : data.score.unsupportedClaims.length
      ? html`Unsupported claims: ${data.score.unsupportedClaims.join(', ')}`
      : html``;
  return html`<tr${key ? html` data-element="${key}"` : html` class="overall"`}>
    <td>${label}</td>
    ${comparing ? html`<td class="num previous-practice">${figure(line.previousPractice)}</td>` : ''}
    <td class="num practice">${figure(line.practice)}</td>
    ${comparing ? html`<td class="num change practice-change">${signed(line.practiceChange)}</td><td class="num previous-evidence">${figure(line.previousEvidence, 'evidence')}</td>` : ''}
    <td class="num evidence">${figure(line.evidence, 'evidence')}</td>
    ${comparing ? html`<td class="num change evidence-change">${signed(line.evidenceChange)}</td>` : ''}
    <td class="complete">${line.complete ? 'Complete' : 'Incomplete'}</td>
    <td class="claim">${flags}</td>
  </tr>`;
}

function renderScores(data: ReportData): SafeHtml {
  const now = data.assessment.cycle;
  const before = data.previous?.assessment.cycle;
  const head = before
    ? html`<th class="num">Practice ${before}</th><th class="num">Practice ${now}</th><th class="num">Change</th><th class="num">Evidence ${before}</th><th class="num">Evidence ${now}</th><th class="num">Change</th>`
    : html`<th class="num">Practice (0–100)</th><th class="num">Evidence (0–100)</th>`;
  return html`<section id="scores">
  <h2>Scores</h2>
  ${before ? html`<p>Cycle ${now} beside the previous cycle, ${before}; change in points.</p>` : html`<p class="muted">There is no earlier cycle to compare with.</p>`}
  <table>
    <thead><tr><th>Element</th>${head}<th>Complete?</th><th>Flags</th></tr></thead>
    <tbody>${scoreLines(data.score, data.previous).map((line) => scoreRow(data, line))}</tbody>
  </table>
  <p class="muted">${SCORING_NOTE}</p>
</section>`;
}

export function renderReport(data: ReportData): string {
  const { organisation, assessment, tree } = data;
  const zone = organisation.timeZone;
  const source = sourceOf(tree);
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${reportTitle(data)}</title>
<style>${new SafeHtml(REPORT_STYLE)}</style>
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
    <dt>Submitted</dt><dd>${assessment.submittedAt ? formatInstant(assessment.submittedAt, zone) : 'Not submitted'}</dd>
    ${assessment.dueOn ? html`<dt>Due</dt><dd>${formatDay(assessment.dueOn)}</dd>` : ''}
    ${data.previous ? html`<dt>Previous cycle</dt><dd>${data.previous.assessment.cycle}</dd>` : ''}
    ${data.reopenings.map((r) => html`<dt>Reopened</dt><dd>${formatInstant(r.createdAt, zone)}: <span class="note">${r.reason}</span></dd>`)}
    <dt>Report generated</dt><dd>${formatInstant(data.generatedAt, zone)}</dd>
  </dl>
</header>
<main>
<section id="summary">
  <h2>Summary</h2>
  <p class="summary">${reportSummary(data)}</p>
</section>
${renderScores(data)}
${renderPlan(data)}
${renderFramework(data, labelsOf(tree))}
${renderEvidence(data)}
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
