import { type SafeHtml, html } from '../html';
import { PLAN_SECTIONS, type PlanEntry, type PlanSection } from '../plan/arrange';
import type { ReportData } from './data';
import { SECTION_NOTES, SECTION_TITLES, acrossCycles, formatDay, formatInstant, overdueNote, statusChange, statusWord } from './format';

function links(entry: PlanEntry): SafeHtml {
  return html`${acrossCycles(entry).map((l) => html`<div class="links-across ${l.kind}">${l.text}</div>`)}`;
}

function history(entry: PlanEntry, timeZone: string): SafeHtml {
  if (!entry.notes.length) return html``;
  return html`<ol class="history">${entry.notes.map((n) => {
    const changed = statusChange(n.statusFrom, n.statusTo);
    return html`<li data-note="${n.id}"><span class="when">${formatInstant(n.createdAt, timeZone)}</span> · <span class="who">${n.author.name}</span>${
      changed ? html` · <span class="change">${changed}</span>` : ''
    }<div class="note">${n.body}</div></li>`;
  })}</ol>`;
}

function owner(entry: PlanEntry): SafeHtml {
  const person = entry.owner;
  if (!person) return html`<span class="muted">Unassigned</span>`;
  return html`${person.name}${person.email ? html`<div class="muted">${person.email}</div>` : ''}`;
}

function due(entry: PlanEntry): SafeHtml {
  if (!entry.item.dueOn) return html``;
  return html`${formatDay(entry.item.dueOn)}${entry.overdue ? html` <span class="flag overdue">Overdue</span>` : ''}`;
}

function row(entry: PlanEntry, timeZone: string): SafeHtml {
  const { item } = entry;
  return html`<tr data-item="${item.itemKey}"${entry.rank ? html` data-rank="${entry.rank}"` : ''}${entry.overdue ? html` class="overdue"` : ''}>
      <td class="num">${entry.rank ?? item.priority}</td>
      <td><div><span class="key">${item.nodeKey}</span> ${item.what}</div>
        <div class="muted">Why: ${item.why}</div>
        <div class="muted">Target: ${item.target}</div>
        ${item.resources ? html`<div class="muted">Resources: <span class="note">${item.resources}</span></div>` : ''}
        ${item.successMeasure ? html`<div class="muted">Measure of success: <span class="note">${item.successMeasure}</span></div>` : ''}
        ${item.resolvedByAssessmentAt ? html`<div class="muted">Gap closed by the answers on ${formatInstant(item.resolvedByAssessmentAt, timeZone)}</div>` : ''}
        ${links(entry)}
        ${history(entry, timeZone)}</td>
      <td>${owner(entry)}</td>
      <td class="due">${due(entry)}</td>
      <td>${formatDay(item.nextReviewOn)}</td>
      <td class="status">${statusWord(item.status)}</td>
    </tr>`;
}

function section(name: PlanSection, entries: PlanEntry[], timeZone: string): SafeHtml {
  return html`<section id="plan-${name}">
  <h3>${SECTION_TITLES[name]}</h3>
  <p class="muted">${SECTION_NOTES[name]}</p>
  ${entries.length
    ? html`<table>
    <thead><tr><th class="num">${name === 'open' ? 'Rank' : 'Priority'}</th><th>What to do</th><th>Owner</th><th>Due</th><th>Next review</th><th>Status</th></tr></thead>
    <tbody>${entries.map((e) => row(e, timeZone))}</tbody>
  </table>`
    : html`<p class="muted">None.</p>`}
</section>`;
}

export function renderPlan(data: ReportData): SafeHtml {
  const { plan } = data;
  const zone = data.organisation.timeZone;
  if (!plan) {
    return html`<section id="plan"><h2>Action plan</h2><p class="muted">No action plan has been generated for this assessment yet.</p></section>`;
  }
  return html`<section id="plan">
  <h2>Action plan</h2>
  <p class="muted">${overdueNote(zone, plan.today)}</p>
  ${PLAN_SECTIONS.map((name) => section(name, plan.sections[name], zone))}
</section>`;
}
