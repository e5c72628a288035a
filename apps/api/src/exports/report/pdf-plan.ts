import { PLAN_SECTIONS, type PlanEntry, personLabel } from '../plan/arrange';
import type { ReportData } from './data';
import { SECTION_TITLES, acrossCycles, formatDay, formatInstant, overdueNote, statusChange, statusWord } from './format';
import { MUTED, type PdfWriter, WARN } from './pdf-writer';

function item(w: PdfWriter, entry: PlanEntry, timeZone: string) {
  const { item: i } = entry;
  w.keepSpace(60);
  const lead = entry.rank ? `${entry.rank}.` : `Priority ${i.priority}:`;
  w.runs(
    [
      { text: `${lead} `, font: 'bold' },
      { text: `${i.nodeKey} `, font: 'bold', color: MUTED },
      { text: i.what, font: 'bold' },
    ],
    { size: 9.5, gap: 0.1 },
  );
  w.runs(
    [
      { text: `Status: ${statusWord(i.status)} · Owner: ${personLabel(entry.owner) || 'Unassigned'}` },
      { text: i.dueOn ? ` · Due: ${formatDay(i.dueOn)}` : '' },
      { text: entry.overdue ? ' Overdue' : '', font: 'bold', color: WARN },
      { text: i.nextReviewOn ? ` · Next review: ${formatDay(i.nextReviewOn)}` : '' },
    ],
    { indent: 12, size: 8.5, gap: 0.1 },
  );
  const line = (text: string) => w.text(text, { indent: 12, size: 8.5, color: MUTED, gap: 0.1 });
  line(`Why: ${i.why}`);
  line(`Target: ${i.target}`);
  if (i.resources) line(`Resources: ${i.resources}`);
  if (i.successMeasure) line(`Measure of success: ${i.successMeasure}`);
  if (i.resolvedByAssessmentAt) line(`Gap closed by the answers on ${formatInstant(i.resolvedByAssessmentAt, timeZone)}`);
  for (const l of acrossCycles(entry)) line(l.text);
  if (entry.notes.length) {
    w.text('History', { indent: 12, size: 8.5, font: 'bold', gap: 0.05 });
    for (const n of entry.notes) {
      const changed = statusChange(n.statusFrom, n.statusTo);
      w.runs(
        [
          { text: `${formatInstant(n.createdAt, timeZone)} · ${n.author.name}${changed ? ` · ${changed}` : ''}: `, color: MUTED },
          { text: n.body },
        ],
        { indent: 20, size: 8.5, gap: 0.05 },
      );
    }
  }
  w.doc.moveDown(0.5);
}

export function writePlan(w: PdfWriter, data: ReportData) {
  const { plan } = data;
  const zone = data.organisation.timeZone;
  w.heading('Action plan', 2);
  if (!plan) {
    w.text('No action plan has been generated for this assessment yet.', { color: MUTED });
    return;
  }
  w.text(overdueNote(zone, plan.today), { color: MUTED, size: 8.5 });
  for (const name of PLAN_SECTIONS) {
    w.heading(SECTION_TITLES[name], 3);
    const entries = plan.sections[name];
    if (!entries.length) w.text('None.', { color: MUTED });
    for (const entry of entries) item(w, entry, zone);
  }
}
