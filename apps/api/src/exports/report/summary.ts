import { ActionItemStatus } from '@waymark/domain';
import type { ReportData } from './data';
import { scoreChange } from '@waymark/domain';
import { figure, formatDay, signed } from './format';

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const list = (parts: string[]) => (parts.length < 2 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`);
const distinct = (values: (string | null | undefined)[]) => [...new Set(values.filter((v): v is string => !!v))];
const cycles = (values: (string | null | undefined)[]) => {
  const named = distinct(values);
  return named.length ? ` (to cycle ${list(named)})` : '';
};

function planSentences(data: ReportData): string[] {
  const { plan } = data;
  if (!plan) return ['No action plan has been generated for this assessment yet.'];
  if (!plan.entries.length) return ['The action plan has no items: the answers leave no gap to work on.'];
  const { open, carried, closed, resolved } = plan.sections;
  const by = (status: ActionItemStatus) => open.filter((e) => e.item.status === status).length;
  const done = closed.filter((e) => e.item.status === ActionItemStatus.DONE).length;
  const sentences = [
    `The action plan has ${count(plan.entries.length, 'item')}: ${open.length} still to do (${by(ActionItemStatus.OPEN)} open, ${by(ActionItemStatus.IN_PROGRESS)} in progress, ` +
      `${by(ActionItemStatus.DEFERRED)} deferred), ${done} done, ${closed.length - done} dropped, ${carried.length} carried forward` +
      `${cycles(carried.map((e) => e.carriedTo?.cycle))} and ${resolved.length} resolved by the answers.`,
  ];
  const overdue = open.filter((e) => e.overdue).length;
  sentences.push(
    overdue
      ? `${count(overdue, 'open item is', 'open items are')} overdue as of ${formatDay(plan.today)}.`
      : 'No open item is overdue.',
  );
  if (open.length) {
    sentences.push(`Top priorities: ${open.slice(0, 3).map((e) => `${e.rank}. ${e.item.what} (${e.item.nodeKey})`).join('; ')}.`);
  }
  return sentences;
}

function changeSentences(data: ReportData): string[] {
  const { previous, score, plan } = data;
  if (!previous) return ['There is no earlier cycle to compare with.'];
  const before = previous.score;
  const evidence =
    score.evidence === null || before.evidence === null
      ? `evidence ${figure(before.evidence, 'evidence')} → ${figure(score.evidence, 'evidence')}`
      : `evidence ${figure(before.evidence, 'evidence')} → ${figure(score.evidence, 'evidence')} (${signed(scoreChange(score.evidence, before.evidence, 'evidence'))})`;
  const sentences = [
    `Since cycle ${previous.assessment.cycle}: practice ${figure(before.practice)} → ${figure(score.practice)} (${signed(scoreChange(score.practice, before.practice, 'practice'))}), ${evidence}.`,
  ];
  const entries = plan?.entries ?? [];
  const continued = entries.filter((e) => e.carriedFrom);
  const following = entries.filter((e) => e.decisionFrom);
  if (continued.length || following.length) {
    const parts = [];
    if (continued.length) parts.push(`${count(continued.length, 'item continues', 'items continue')} work carried forward from cycle ${list(distinct(continued.map((e) => e.carriedFrom?.cycle)))}`);
    if (following.length) parts.push(`${count(following.length, 'item follows', 'items follow')} a decision made in cycle ${list(distinct(following.map((e) => e.decisionFrom?.cycle)))}`);
    sentences.push(`${list(parts)}.`.replace(/^./, (c) => c.toUpperCase()));
  }
  return sentences;
}

/** The paragraph at the top of the report: the plan in numbers, what to do first, what changed. */
export function reportSummary(data: ReportData): string {
  return [...planSentences(data), ...changeSentences(data)].join(' ');
}
