import { existsSync } from 'node:fs';
import nodemailer from 'nodemailer';
import { Client } from 'pg';
import { redisPing } from './services/redis';
import { alive } from './services/process';
import { smtpServer, type SmtpMessage } from './services/smtp-server';
import {
  type HttpReceiver, type PostgresService, type RedisService, type SmtpReceiver,
  startHttpReceiver, startPostgres, startRedis, startSmtpReceiver, startTcpProxy,
} from './services';

async function query(pg: PostgresService, sql: string, timeoutMs = 5000) {
  const client = new Client({ connectionString: pg.url(), connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.query(sql)).rows;
  } finally {
    await client.end().catch(() => undefined);
  }
}

describe('a private PostgreSQL', () => {
  let pg: PostgresService;
  beforeAll(async () => {
    pg = await startPostgres();
  });
  afterAll(() => pg?.close());

  it('keeps committed rows through a SIGKILL and answers again after a restart', async () => {
    await query(pg, 'create table t (n int); insert into t values (1)');
    const before = pg.pid!;
    await pg.kill();
    expect(alive(before)).toBe(false);
    expect(pg.running).toBe(false);
    await expect(query(pg, 'select 1', 1000)).rejects.toThrow();
    await pg.restart();
    expect(pg.pid).not.toBe(before);
    expect(await query(pg, 'select n from t')).toEqual([{ n: 1 }]);
  });

  it('freezes (nothing answers, connections stay open) and thaws', async () => {
    const client = new Client({ connectionString: pg.url() });
    await client.connect();
    try {
      pg.freeze();
      const pending = client.query('select 42 as n');
      const early = await Promise.race([pending.then(() => 'answered'), new Promise((r) => setTimeout(() => r('silent'), 500))]);
      expect(early).toBe('silent');
      pg.thaw();
      expect((await pending).rows).toEqual([{ n: 42 }]);
    } finally {
      pg.thaw();
      await client.end();
    }
  });

  it('stops gracefully and starts again on the same port', async () => {
    await pg.stop();
    await expect(query(pg, 'select 1', 1000)).rejects.toThrow();
    await pg.restart();
    expect(await query(pg, 'select count(*)::int as c from t')).toEqual([{ c: 1 }]);
  });

  it('removes its folder and leaves no process when closed', async () => {
    const other = await startPostgres();
    const pid = other.pid!;
    await other.close();
    expect(alive(pid)).toBe(false);
    expect(existsSync(other.dataDir)).toBe(false);
  });
});

describe('a private Redis', () => {
  let redis: RedisService;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(() => redis?.close());

  it('is its own server: killing it leaves the machine’s Redis alone', async () => {
    const shared = await redisPing(6379);
    await redis.kill();
    expect(await redisPing(redis.port)).toBe(false);
    expect(await redisPing(6379)).toBe(shared);
    await redis.restart();
    expect(await redisPing(redis.port)).toBe(true);
  });

  it('freezes and thaws', async () => {
    redis.freeze();
    expect(await redisPing(redis.port, 300)).toBe(false);
    redis.thaw();
    expect(await redisPing(redis.port)).toBe(true);
  });

  it('is cut off by a stalled proxy, which holds what was sent until it resumes', async () => {
    const proxy = await startTcpProxy(redis.port);
    try {
      expect(await redisPing(proxy.port)).toBe(true);
      proxy.stall();
      expect(await redisPing(proxy.port, 300)).toBe(false);
      const held = redisPing(proxy.port, 5_000);
      await new Promise((r) => setTimeout(r, 300));
      proxy.resume();
      expect(await held).toBe(true);
      expect(await redisPing(proxy.port)).toBe(true);
    } finally {
      await proxy.close();
    }
  });

  it('stops on SIGTERM', async () => {
    const pid = redis.pid!;
    await redis.stop();
    expect(alive(pid)).toBe(false);
    await redis.restart();
    expect(redis.running).toBe(true);
  });
});

describe('the SMTP receiver', () => {
  let smtp: SmtpReceiver;
  beforeAll(async () => {
    smtp = await startSmtpReceiver();
  });
  afterAll(() => smtp?.close());

  const send = (subject: string) =>
    nodemailer.createTransport({ url: smtp.url, auth: { user: 'u', pass: 'p' } } as never).sendMail({
      from: 'waymark@example.test', to: ['a@example.test', 'b@example.test'], subject, text: 'body',
    });

  it('records every message with its envelope', async () => {
    await send('First');
    const [mail] = await smtp.waitForMessages(1);
    expect(mail).toMatchObject({ from: 'waymark@example.test', to: ['a@example.test', 'b@example.test'], subject: 'First' });
    expect(mail!.raw).toContain('body');
  });

  it('refuses with a 4xx for a number of messages, then accepts again', async () => {
    smtp.clear();
    smtp.refuse({ times: 2 });
    await expect(send('Refused 1')).rejects.toMatchObject({ responseCode: 451 });
    await expect(send('Refused 2')).rejects.toMatchObject({ responseCode: 451 });
    await send('Accepted');
    expect(smtp.refused).toBe(2);
    expect(smtp.messages.map((m) => m.subject)).toEqual(['Accepted']);
  });

  it('refuses for a while', async () => {
    smtp.refuse({ forMs: 200, code: 421 });
    await expect(send('During')).rejects.toMatchObject({ responseCode: 421 });
    await new Promise((r) => setTimeout(r, 250));
    await send('After');
    expect(smtp.messages.at(-1)?.subject).toBe('After');
  });

  it('reads a folded subject as one line', async () => {
    const long = Array.from({ length: 20 }, (_, i) => `word${i}`).join(' ');
    await send(long);
    const mail = smtp.messages.at(-1)!;
    expect(mail.raw).toMatch(/^Subject: .*\r?\n[ \t]+/m);
    expect(mail.subject).toBe(long);
  });
});

describe('the shared SMTP server (npm start\'s mail sink is built on it too)', () => {
  it('answers a message its onMessage refuses with that error', async () => {
    const seen: SmtpMessage[] = [];
    const server = await smtpServer({
      onMessage: (message) => {
        seen.push(message);
        throw Object.assign(new Error('Cannot store the message'), { responseCode: 451 });
      },
    });
    try {
      const sent = nodemailer.createTransport({ url: server.url } as never).sendMail({ from: 'sink@example.test', to: 'c@example.test', subject: 'Kept?', text: 'body' });
      await expect(sent).rejects.toMatchObject({ responseCode: 451 });
      expect(seen).toMatchObject([{ from: 'sink@example.test', to: ['c@example.test'], subject: 'Kept?' }]);
    } finally {
      await server.close();
    }
  });
});

describe('the HTTP receiver', () => {
  let receiver: HttpReceiver;
  beforeAll(async () => {
    receiver = await startHttpReceiver();
  });
  afterAll(() => receiver?.close());

  const post = (body: string) => fetch(`${receiver.url}/hooks/x`, { method: 'POST', body, headers: { 'webhook-id': body } });

  it('records requests and fails on demand', async () => {
    receiver.fail({ times: 2 });
    const statuses = [];
    for (const body of ['a', 'b', 'c']) statuses.push((await post(body)).status);
    expect(statuses).toEqual([503, 503, 204]);
    expect(receiver.requests.map((r) => [r.method, r.path, r.body, r.headers['webhook-id'], r.status])).toEqual([
      ['POST', '/hooks/x', 'a', 'a', 503],
      ['POST', '/hooks/x', 'b', 'b', 503],
      ['POST', '/hooks/x', 'c', 'c', 204],
    ]);
  });

  it('fails until told to succeed', async () => {
    receiver.fail({ status: 500 });
    expect((await post('d')).status).toBe(500);
    expect((await post('e')).status).toBe(500);
    receiver.succeed();
    expect((await post('f')).status).toBe(204);
  });
});
