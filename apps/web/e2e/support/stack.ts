import { existsSync } from 'node:fs';
import path from 'node:path';
import { Organisation, seedDemo } from '@waymark/db';
import { type SmtpReceiver, bodyOf, createTestDatabase, demoTemplateName, startSmtpReceiver, testConfig, until, withAdminClient } from '@waymark/testing';
import { startTestApi, type TestApi } from '@waymark/api/testing';
import { type WaymarkWorker, startWorker } from '@waymark/worker/testing';

export const DEMO_PASSWORD = 'waymark-demo';
const DIST = path.resolve(__dirname, '../../dist/index.html');

export interface Stack {
  api: TestApi;
  /** Where the API serves the built web app, e.g. http://127.0.0.1:43121 */
  baseUrl: string;
  orgId(slug: string): Promise<string>;
  /** A session token for a demo user, for setting the stage over the API. */
  login(email: string): Promise<{ token: string; as: (orgId: string) => { token: string; organisationId: string } }>;
  /** With `mail`: the real worker sending to a real SMTP sink, links pointing at this web app. */
  mail: Mail | null;
  close(): Promise<void>;
}

export interface Mail {
  smtp: SmtpReceiver;
  worker: WaymarkWorker;
  /** The link in the latest email to `address` (waits for it), as the person would click it. */
  linkTo(address: string, count?: number): Promise<string>;
}

/**
 * The real API over a fresh database with the demo seed (the data `npm start` shows), serving
 * the web app built by `npm run build` from its own port, as in production.
 */
export async function startStack(options: { mail?: boolean } = {}): Promise<Stack> {
  if (!existsSync(DIST)) throw new Error('apps/web/dist is missing: run `npm run build` first (npm test does)');
  const api = await startTestApi({ template: await demoTemplate() });
  const baseUrl = new URL(api.url).origin;
  const mail = options.mail ? await startMail(api, baseUrl) : null;
  return {
    api,
    baseUrl,
    mail,
    async orgId(slug) {
      const org = await api.db.owner.em.fork().findOneOrFail(Organisation, { slug });
      return org.id;
    },
    async login(email) {
      const res = await api.gql<{ login: { token: string } }>('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: email, p: DEMO_PASSWORD });
      const token = res.data?.login.token;
      if (!token) throw new Error(`login failed for ${email}: ${JSON.stringify(res.errors)}`);
      return { token, as: (organisationId: string) => ({ token, organisationId }) };
    },
    async close() {
      await mail?.worker.stop();
      await mail?.smtp.close();
      await api.close();
    },
  };
}

async function startMail(api: TestApi, baseUrl: string): Promise<Mail> {
  const smtp = await startSmtpReceiver();
  const worker = await startWorker({ ...api.db.config, WEB_BASE_URL: `${baseUrl}/`, SMTP_URL: smtp.url, WORKER_HEALTH_PORT: 0 }, { schedulers: false });
  return {
    smtp,
    worker,
    linkTo(address, count = 1) {
      const link = new RegExp(`${baseUrl.replace(/[.]/g, '\\.')}/[a-z-]+#token=[A-Za-z0-9_-]+`);
      return until(() => {
        const mails = smtp.messages.filter((m) => m.to.includes(address));
        const latest = mails.length >= count ? mails[mails.length - 1] : undefined;
        return latest ? link.exec(bodyOf(latest))?.[0] : undefined;
      }, `an email with a link to ${address}`, 20_000, 100);
    },
  };
}

/**
 * The run's template with the demo seed, made by the first test file that asks and cloned by
 * every one after it: seeding takes about 20 seconds, a clone well under one. A lock in
 * PostgreSQL (named after the run's template) makes the other worker wait rather than seed too.
 */
async function demoTemplate(): Promise<string> {
  const template = process.env.WAYMARK_TEST_TEMPLATE;
  if (!template) throw new Error('WAYMARK_TEST_TEMPLATE is not set: run tests through jest (global setup builds it)');
  const name = demoTemplateName(template);
  await withAdminClient(testConfig().DATABASE_URL, async (admin) => {
    await admin.query('select pg_advisory_lock(hashtext($1))', [name]);
    try {
      const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
      if (rowCount) return;
      const db = await createTestDatabase();
      await seedDemo(db.owner.em.fork());
      await db.owner.close(true);
      // Renamed only once it is whole, so a file that finds the name finds every row.
      await admin.query(`alter database "${db.name}" rename to "${name}"`);
    } finally {
      await admin.query('select pg_advisory_unlock(hashtext($1))', [name]);
    }
  });
  return name;
}
