// A local SMTP server for `npm start` without SMTP_URL: every message the worker sends is written
// as an .eml file (open it with any mail program) instead of leaving the machine.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { portInUse } from './checks.mjs';
import { fail, log, warn } from './output.mjs';
import { MAIL_DIR, MAIL_SINK_PORT, MAIL_SINK_PORT_EXPLICIT, shown } from './settings.mjs';

const fileName = () => `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}.eml`;
const subjectOf = (raw) => raw.split(/\r?\n\r?\n/, 1)[0].replace(/\r?\n[ \t]+/g, ' ').match(/^Subject:[ \t]*(.*)$/im)?.[1] ?? '(no subject)';

function listen(server, port) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.removeListener('error', reject);
      resolve(server.server.address().port);
    });
  });
}

export async function startMailSink() {
  mkdirSync(MAIL_DIR, { recursive: true });
  const server = new SMTPServer({
    // Loopback only and no TLS: the worker's credentials, if any, are accepted as they are.
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? 'anonymous' }),
    onData: (stream, session, callback) => {
      const chunks = [];
      stream.on('data', (chunk) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const to = session.envelope.rcptTo.map((r) => r.address);
        // The envelope, which Bcc recipients appear only in, goes in front as ordinary trace headers.
        const envelope = `Return-Path: <${session.envelope.mailFrom ? session.envelope.mailFrom.address : ''}>\r\nX-Original-To: ${to.join(', ')}\r\n`;
        const file = path.join(MAIL_DIR, fileName());
        try {
          writeFileSync(file, envelope + raw);
          log(`Mail to ${to.join(', ')}: "${subjectOf(raw)}" -> ${shown(file)}`);
          callback();
        } catch (error) {
          warn(`The mail sink could not write ${file}: ${error.message}`);
          callback(Object.assign(new Error('Mail sink cannot store the message'), { responseCode: 451 }));
        }
      });
    },
  });
  server.on('error', (error) => warn(`mail sink: ${error.message}`));
  let port = MAIL_SINK_PORT;
  if (await portInUse(port)) {
    if (MAIL_SINK_PORT_EXPLICIT) throw fail(`Port ${port} (WAYMARK_MAIL_SINK_PORT) is already in use. Choose another, or set SMTP_URL.`);
    port = 0;
  }
  port = await listen(server, port);
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    folder: MAIL_DIR,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
