import { FrameworkNodeKind, type NodeView } from '@waymark/db';
import type { ElementScore } from '@waymark/domain';
import { type SafeHtml, html, link } from '../html';
import type { ReportData } from './data';
import { type Labels, figure, formatDay } from './format';

/** The framework, word for word, with the agreed answers, notes and evidence beside each item. */

export const claimFlag = (claim: boolean) => (claim ? html`<span class="flag warn">Unsupported claim</span>` : html``);

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

export function renderFramework(data: ReportData, labels: Labels): SafeHtml {
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
    ${s ? html`<p>Practice <strong>${figure(s.practice)}</strong> · evidence <strong>${figure(s.evidence, 'evidence')}</strong> · ${s.complete ? 'complete' : 'incomplete'}
      (${s.partsAnswered} of ${s.partsTotal} parts answered; prompts: ${s.promptsYes} yes, ${s.promptsNo} no, ${s.promptsNotApplicable} not applicable, ${s.promptsUnanswered} unanswered)
      ${claimFlag(s.unsupportedClaim)}</p>` : ''}
    ${renderActions(data, element, s, labels)}
    ${renderPrompts(data, element, labels)}
  </section>`;
    })}
</section>`,
  )}`;
}

export function renderEvidence(data: ReportData): SafeHtml {
  return html`<section id="evidence">
  <h2>Evidence linked</h2>
  ${data.evidence.length
    ? html`<table>
    <thead><tr><th>Evidence</th><th>Dated</th><th>Expires</th><th>Supports</th></tr></thead>
    <tbody>${data.evidence.map(
      ({ item, nodeKeys }) => html`<tr><td>${link(item.url, item.title)}${item.fileReference ? html`<div class="muted">File: ${item.fileReference}</div>` : ''}${
        item.description ? html`<div class="note muted">${item.description}</div>` : ''
      }</td><td>${formatDay(item.evidenceDate)}</td><td>${formatDay(item.expiresOn)}</td><td class="key">${nodeKeys.join(', ')}</td></tr>`,
    )}</tbody>
  </table>`
    : html`<p class="muted">No evidence is linked to this assessment.</p>`}
</section>`;
}

export function renderFootnotes(data: ReportData): SafeHtml {
  const used = [...new Set(data.tree.nodes.flatMap((n) => n.footnotes))].sort((a, b) => a - b);
  if (!used.length) return html``;
  return html`<section id="footnotes"><h2>Footnotes</h2><ol class="footnotes">${used.map(
    (n) => html`<li id="fn-${n}" value="${n}">${data.tree.footnotes.get(n) ?? ''}</li>`,
  )}</ol></section>`;
}
