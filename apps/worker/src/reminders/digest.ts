import { createHash } from 'node:crypto';
import { type Reminder, sortReminders } from '@waymark/domain';
import { signUnsubscribe } from '@waymark/jobs';
import type { OutgoingMail } from './mailer';

/** A UUID made from its parts: the same parts always give the same id (outbox events, Message-IDs). */
export function stableUuid(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const LABEL: Record<Reminder['kind'], string> = {
  item: 'Action item', partner: 'Partner review', evidence: 'Evidence', assessment: 'Assessment', 'next-cycle': 'Next cycle',
};
const WHEN: Record<Reminder['what'], string> = { due: 'due', review: 'review', expires: 'expires', submitted: 'last submitted' };

function linkOf(base: string, organisationId: string, r: Reminder): string {
  const path: Record<Reminder['kind'], string> = {
    item: `plan/${r.id}`, partner: 'partners', evidence: 'evidence', assessment: `assessments/${r.id}`, 'next-cycle': 'progress',
  };
  return new URL(`o/${organisationId}/${path[r.kind]}`, base).toString();
}

export interface DigestInput {
  baseUrl: string;
  secret: string;
  mailDomain: string;
  organisation: { id: string; name: string };
  recipient: { id: string; email: string; name: string };
  period: string;
  channel: string;
  reminders: readonly Reminder[];
}

/** The Message-ID of a delivery: the same (organisation, person, period, channel) always gives the same one. */
export const digestMessageId = (i: Pick<DigestInput, 'organisation' | 'recipient' | 'period' | 'channel' | 'mailDomain'>) =>
  `<digest.${stableUuid(i.organisation.id, i.recipient.id, 'digest', i.period, i.channel)}@${i.mailDomain}>`;

/**
 * One digest: plain text and HTML, a link back to each reminder, and a one-click unsubscribe
 * (RFC 8058: `List-Unsubscribe` with the signed URL, and `List-Unsubscribe-Post`).
 */
export function renderDigest(input: DigestInput): OutgoingMail {
  const reminders = sortReminders(input.reminders);
  const unsubscribe = new URL(`unsubscribe/${signUnsubscribe(input.secret, { organisationId: input.organisation.id, userId: input.recipient.id })}`, input.baseUrl).toString();
  const overdue = reminders.filter((r) => r.overdue).length;
  const subject = `${input.organisation.name}: ${reminders.length} reminder${reminders.length === 1 ? '' : 's'}${overdue ? ` (${overdue} overdue)` : ''} for ${input.period}`;
  const line = (r: Reminder) => `${r.overdue ? 'OVERDUE ' : ''}${LABEL[r.kind]}: ${r.title} (${WHEN[r.what]} ${r.date})`;
  const text = [
    `Hello ${input.recipient.name},`,
    '',
    `Here is what needs attention in ${input.organisation.name}:`,
    '',
    ...reminders.flatMap((r) => [`- ${line(r)}`, `  ${linkOf(input.baseUrl, input.organisation.id, r)}`]),
    '',
    `Stop these reminders from ${input.organisation.name}: ${unsubscribe}`,
    '',
  ].join('\n');
  const html = [
    '<!doctype html><html><body>',
    `<p>Hello ${escapeHtml(input.recipient.name)},</p>`,
    `<p>Here is what needs attention in ${escapeHtml(input.organisation.name)}:</p>`,
    '<ul>',
    ...reminders.map((r) => `<li><a href="${escapeHtml(linkOf(input.baseUrl, input.organisation.id, r))}">${escapeHtml(line(r))}</a></li>`),
    '</ul>',
    `<p><a href="${escapeHtml(unsubscribe)}">Stop these reminders from ${escapeHtml(input.organisation.name)}</a></p>`,
    '</body></html>',
  ].join('\n');
  return {
    to: input.recipient.email,
    subject,
    text,
    html,
    messageId: digestMessageId(input),
    headers: {
      'List-Unsubscribe': `<${unsubscribe}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'Auto-Submitted': 'auto-generated',
      'X-Waymark-Period': input.period,
    },
  };
}
