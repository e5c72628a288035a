import { type AccountMailKind, accountLinkToken, accountLinkUrl } from '@waymark/jobs';
import type { OutgoingMail } from '../reminders/mailer';

/** Roles as an invitation names them (the web app's words for MemberRole). */
const ROLE_WORDS: Record<string, string> = {
  OWNER: 'an owner', MANAGER: 'a manager', ASSESSOR: 'an assessor', VIEWER: 'a viewer', ANALYST: 'an analyst',
};

export interface InvitationMail {
  kind: 'invitation';
  organisationName: string;
  inviterName: string;
  role: string;
  expiresAt: Date;
}

export interface ResetMail {
  kind: 'password-reset';
  name: string;
  expiresAt: Date;
}

export interface MailRow {
  id: string;
  ownerId: string;
  kind: AccountMailKind;
  subjectId: string;
  sendNumber: number;
  recipient: string;
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const when = (date: Date) => date.toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC';

/**
 * The email for one row: its link derived again from AUTH_TOKEN_SECRET (the same token the API
 * hashed), and a Message-ID fixed by the row, so a send repeated after a crash is recognisable as
 * the same message.
 */
export function composeAccountMail(row: MailRow, about: InvitationMail | ResetMail, cfg: { secret: string; webBaseUrl: string; mailDomain: string }): OutgoingMail {
  const { token } = accountLinkToken(cfg.secret, row.kind, row.ownerId, row.subjectId, row.sendNumber);
  const url = accountLinkUrl(cfg.webBaseUrl, row.kind, token);
  const messageId = `<account-${row.id}@${cfg.mailDomain}>`;
  if (about.kind === 'invitation') {
    const role = ROLE_WORDS[about.role] ?? about.role.toLowerCase();
    const lines = [
      `${about.inviterName} has invited you to join ${about.organisationName} on Waymark as ${role}.`,
      `Open this link to join (it works until ${when(about.expiresAt)}):`,
      url,
      'If you already have a Waymark account, sign in with it on that page and you will join with it.',
      'If you were not expecting this, you can ignore this email.',
    ];
    return {
      to: row.recipient,
      subject: `Join ${about.organisationName} on Waymark`,
      text: lines.join('\n\n'),
      html: `<p>${escape(lines[0]!)}</p><p><a href="${escape(url)}">Join ${escape(about.organisationName)}</a></p><p>${escape(lines[1]!.replace(':', '.'))}</p><p>${escape(lines[3]!)}</p><p>${escape(lines[4]!)}</p>`,
      messageId,
      headers: { 'X-Waymark-Mail': 'invitation' },
    };
  }
  const lines = [
    `Hello ${about.name},`,
    'Someone (we hope you) asked to reset the password of your Waymark account. Open this link to choose a new one:',
    url,
    `It works once, until ${when(about.expiresAt)}. Setting a new password signs you out everywhere else.`,
    'If you did not ask for this, ignore this email: your password stays as it is.',
  ];
  return {
    to: row.recipient,
    subject: 'Reset your Waymark password',
    text: lines.join('\n\n'),
    html: `<p>${escape(lines[0]!)}</p><p>${escape(lines[1]!)}</p><p><a href="${escape(url)}">Choose a new password</a></p><p>${escape(lines[3]!)}</p><p>${escape(lines[4]!)}</p>`,
    messageId,
    headers: { 'X-Waymark-Mail': 'password-reset' },
  };
}
