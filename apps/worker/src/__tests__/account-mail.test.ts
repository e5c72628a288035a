import { randomUUID } from 'node:crypto';
import { AccountMail, MemberRole } from '@waymark/db';
import { type ReceivedMail, type SmtpReceiver, bodyOf, header, startSmtpReceiver, until } from '@waymark/testing';
import { type TestApi, errorCode, ok, startTestApi } from '@waymark/api/testing';
import { AccountMailSender } from '../account-mail/sender';
import { createMailer } from '../reminders/mailer';
import { type WaymarkWorker, startWorker } from '../worker';

/**
 * Invitation and password reset emails, end to end: the real API writes them, the real worker sends
 * them to a real SMTP server, and the link is read out of the email and used like a person would.
 */
let api: TestApi;
let smtp: SmtpReceiver;
let worker: WaymarkWorker;
const WEB = 'https://waymark.example.org/app/';

beforeAll(async () => {
  smtp = await startSmtpReceiver();
  api = await startTestApi({ config: { WEB_BASE_URL: WEB } });
  worker = await startWorker({ ...api.db.config, WEB_BASE_URL: WEB, SMTP_URL: smtp.url, WORKER_HEALTH_PORT: 0, OUTBOX_POLL_MS: 500 }, { schedulers: false });
});
afterAll(async () => {
  await worker?.accountMail.stop();
  await worker?.stop();
  await smtp?.close();
  await api?.close();
});

const INVITE = `mutation($email: String!) { inviteMember(email: $email, role: ASSESSOR) { id sends } }`;
const RESEND = `mutation($id: ID!) { resendInvitation(id: $id) { sends } }`;
const ACCEPT = `mutation($t: String!, $name: String, $p: String) { acceptInvitation(token: $t, name: $name, password: $p) { token memberships { role organisation { id } } } }`;
const PASSWORD = 'a long enough password';
const newEmail = () => `person-${randomUUID().slice(0, 8)}@example.test`;

/** The link in an email, and the token in its fragment. */
function linkIn(mail: ReceivedMail): { url: string; token: string } {
  const url = /https:\/\/waymark\.example\.org\/app\/[a-z-]+#token=[A-Za-z0-9_-]+/.exec(bodyOf(mail))?.[0];
  if (!url) throw new Error(`no link in ${bodyOf(mail)}`);
  return { url, token: url.split('#token=')[1]! };
}

const mailsTo = (address: string) => smtp.messages.filter((m) => m.to.includes(address));

const rowsOf = (subjectId: string) => api.db.owner.em.fork().find(AccountMail, { subjectId }, { orderBy: { sendNumber: 'asc' } });

describe('invitations by email', () => {
  it('emails the invitation; the link in the email joins; a resend emails a new link and the old one dies', async () => {
    const org = await api.fx.organisation({ name: 'Harbour Library' });
    const { as } = await api.actor(org, MemberRole.OWNER);
    const email = newEmail();
    const invitation = ok(await api.gql(INVITE, { email }, as)).inviteMember;

    const [first] = await until(() => mailsTo(email).length === 1 && mailsTo(email), 'the email');
    expect(first!.subject).toBe('Join Harbour Library on Waymark');
    expect(bodyOf(first!)).toContain('as an assessor');
    const firstLink = linkIn(first!);
    expect(firstLink.url).toMatch(/^https:\/\/waymark\.example\.org\/app\/join#token=inv_/);
    expect(header(first!, 'Message-ID')).toBe(`<account-${(await rowsOf(invitation.id))[0]!.id}@waymark.local>`);
    for (let i = 0; i < 100 && (await rowsOf(invitation.id))[0]?.state !== 'SENT'; i++) await new Promise((resolve) => setTimeout(resolve, 50));

    expect(ok(await api.gql(RESEND, { id: invitation.id }, as)).resendInvitation.sends).toBe(2);
    await until(() => mailsTo(email).length === 2, 'the email');
    const secondLink = linkIn(mailsTo(email)[1]!);
    expect(secondLink.token).not.toBe(firstLink.token);
    expect(errorCode(await api.gql(ACCEPT, { t: firstLink.token, name: 'Ada', p: PASSWORD }))).toBe('NOT_FOUND');
    const joined = ok(await api.gql(ACCEPT, { t: secondLink.token, name: 'Ada', p: PASSWORD })).acceptInvitation;
    expect(joined.memberships).toEqual([{ role: 'ASSESSOR', organisation: { id: org.id } }]);

    // Exactly one email per send.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(mailsTo(email)).toHaveLength(2);
    expect((await rowsOf(invitation.id)).map((r) => [r.sendNumber, r.state, r.attempts])).toEqual([[1, 'SENT', 1], [2, 'SENT', 1]]);
  });

  it('does not send a revoked invitation', async () => {
    const org = await api.fx.organisation();
    const { as } = await api.actor(org, MemberRole.OWNER);
    await worker.accountMail.stop();
    try {
      const email = newEmail();
      const invitation = ok(await api.gql(INVITE, { email }, as)).inviteMember;
      ok(await api.gql(`mutation($id: ID!) { revokeInvitation(id: $id) { id } }`, { id: invitation.id }, as));
      const sender = new AccountMailSender(worker.orm, worker.services.mailer, worker.services.logger, {
        listenUrl: '', pollMs: 60_000, secret: api.db.config.AUTH_TOKEN_SECRET, webBaseUrl: WEB, mailDomain: 'waymark.local',
      });
      while ((await sender.sendBatch()) > 0);
      expect(mailsTo(email)).toHaveLength(0);
      expect((await rowsOf(invitation.id)).map((r) => r.state)).toEqual(['SKIPPED']);
    } finally {
      worker.accountMail = await restartSender();
    }
  });
});

describe('password reset by email', () => {
  it('emails a link that sets a new password once', async () => {
    const user = await api.fx.user({ name: 'Grace' });
    ok(await api.gql(`mutation($e: String!) { requestPasswordReset(email: $e) }`, { e: user.email }));
    const [mail] = await until(() => mailsTo(user.email).length === 1 && mailsTo(user.email), 'the email');
    expect(mail!.subject).toBe('Reset your Waymark password');
    const { url, token } = linkIn(mail!);
    expect(url).toMatch(/\/app\/reset-password#token=pwr_/);
    const RESET = `mutation($t: String!) { resetPassword(token: $t, newPassword: "my new long password") { user { name } } }`;
    expect(ok(await api.gql(RESET, { t: token })).resetPassword.user.name).toBe('Grace');
    expect(errorCode(await api.gql(RESET, { t: token }))).toBe('NOT_FOUND');
    ok(await api.gql(`mutation($e: String!) { login(email: $e, password: "my new long password") { token } }`, { e: user.email }));
  });
});

/** A fresh sender like the worker's own, after a test stopped it. */
async function restartSender(): Promise<AccountMailSender> {
  const sender = new AccountMailSender(worker.orm, worker.services.mailer, worker.services.logger, {
    listenUrl: api.db.appUrl, pollMs: 500, secret: api.db.config.AUTH_TOKEN_SECRET, webBaseUrl: WEB, mailDomain: 'waymark.local',
  });
  await sender.start();
  return sender;
}

describe('exactly one email per send', () => {
  let sender: AccountMailSender;
  const mailers: ReturnType<typeof createMailer>[] = [];
  const own = (leaseMs = 120_000) => {
    const mailer = createMailer({ smtpUrl: smtp.url, from: 'Waymark <no-reply@waymark.local>' });
    mailers.push(mailer);
    return new AccountMailSender(worker.orm, mailer, worker.services.logger, {
      listenUrl: '', pollMs: 60_000, secret: api.db.config.AUTH_TOKEN_SECRET, webBaseUrl: WEB, mailDomain: 'waymark.local', leaseMs,
    });
  };

  beforeAll(async () => {
    await worker.accountMail.stop();
    sender = own(1_000);
  });
  afterAll(async () => {
    for (const mailer of mailers) mailer.close();
    worker.accountMail = await restartSender();
  });

  async function invited(count: number) {
    const org = await api.fx.organisation();
    const { as } = await api.actor(org, MemberRole.OWNER);
    const emails = Array.from({ length: count }, newEmail);
    const ids: string[] = [];
    for (const email of emails) ids.push(ok(await api.gql(INVITE, { email }, as)).inviteMember.id);
    return { emails, ids };
  }

  it('takes again a claim whose attempt died before SMTP accepted, once the lease runs out; the dead attempt can mark nothing', async () => {
    const { emails, ids } = await invited(1);
    // An attempt that claimed the row and died (as a SIGKILLed worker would): claimed, never sent or marked.
    const conn = worker.orm.em.fork().getConnection();
    await conn.execute(`update account_mail set state = 'CLAIMED', attempts = 1, lease_until = now() + interval '1 second' where subject_id = ?`, [ids[0]]);
    expect(await sender.sendBatch()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await sender.sendBatch()).toBe(1);
    await until(() => mailsTo(emails[0]!).length === 1, 'the email');
    // The dead attempt (attempt 1) coming back to mark or release changes nothing.
    await conn.execute(`update account_mail set state = 'SENT' where subject_id = ? and attempts = 1 and state = 'CLAIMED'`, [ids[0]]);
    expect((await rowsOf(ids[0]!)).map((r) => [r.state, r.attempts])).toEqual([['SENT', 2]]);
    expect(await sender.sendBatch()).toBe(0);
    expect(mailsTo(emails[0]!)).toHaveLength(1);
  });

  it('keeps a refused email (421) unsent and sends it once when SMTP accepts again', async () => {
    const { emails, ids } = await invited(1);
    smtp.refuse({ code: 421, times: 1 });
    expect(await sender.sendBatch()).toBe(1);
    expect(mailsTo(emails[0]!)).toHaveLength(0);
    const [row] = await rowsOf(ids[0]!);
    expect(row).toMatchObject({ state: 'CLAIMED', attempts: 1 });
    // Retried after its delay (two seconds after the first failure), not in a hot loop.
    expect(await sender.sendBatch()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect(await sender.sendBatch()).toBe(1);
    expect(mailsTo(emails[0]!)).toHaveLength(1);
    expect((await rowsOf(ids[0]!))[0]).toMatchObject({ state: 'SENT', attempts: 2 });
  });

  it('sends each of many emails once with three senders racing', async () => {
    const { emails } = await invited(30);
    // Three workers with the production lease (the one above has a one-second lease for the test of a dead attempt).
    const senders = [own(), own(), own()];
    await Promise.all(senders.map(async (s) => {
      while ((await s.sendBatch()) > 0);
    }));
    const rows = await api.db.owner.em.fork().find(AccountMail, { recipient: { $in: emails } });
    expect(rows.map((r) => r.state)).toEqual(emails.map(() => 'SENT'));
    for (const email of emails) expect(mailsTo(email)).toHaveLength(1);
  });
});
