// A local SMTP server for `npm start` without SMTP_URL: every message the worker sends is written
// as an .eml file (open it with any mail program) instead of leaving the machine. The SMTP server
// itself (options, reading each message, its subject) is the tests' one, from the built
// @waymark/testing (packages/testing/src/services/smtp-server.ts, which imports nothing else of that
// package); `npm start` builds before it runs.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { portInUse } from './checks.mjs';
import { fail, log, warn } from './output.mjs';
import { MAIL_DIR, MAIL_SINK_PORT, MAIL_SINK_PORT_EXPLICIT, ROOT, shown } from './settings.mjs';

const require = createRequire(import.meta.url);
const { smtpServer } = require(path.join(ROOT, 'packages/testing/dist/services/smtp-server.js'));

const fileName = () => `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}.eml`;

export async function startMailSink() {
  mkdirSync(MAIL_DIR, { recursive: true });
  let port = MAIL_SINK_PORT;
  if (await portInUse(port)) {
    if (MAIL_SINK_PORT_EXPLICIT) throw fail(`Port ${port} (WAYMARK_MAIL_SINK_PORT) is already in use. Choose another, or set SMTP_URL.`);
    port = 0;
  }
  const server = await smtpServer({
    port,
    onMessage: ({ from, to, raw, subject }) => {
      // The envelope, which Bcc recipients appear only in, goes in front as ordinary trace headers.
      const envelope = `Return-Path: <${from ?? ''}>\r\nX-Original-To: ${to.join(', ')}\r\n`;
      const file = path.join(MAIL_DIR, fileName());
      try {
        writeFileSync(file, envelope + raw);
      } catch (error) {
        warn(`The mail sink could not write ${file}: ${error.message}`);
        throw Object.assign(new Error('Mail sink cannot store the message'), { responseCode: 451 });
      }
      log(`Mail to ${to.join(', ')}: "${subject ?? '(no subject)'}" -> ${shown(file)}`);
    },
    onError: (error) => warn(`mail sink: ${error.message}`),
  });
  return { url: server.url, port: server.port, folder: MAIL_DIR, close: server.close };
}
