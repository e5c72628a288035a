// Where `npm start` keeps its state and which ports it uses: the one place start reads them.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Everything `npm start` keeps between runs; another folder gives a second, independent stack. */
export const STATE_DIR = path.resolve(ROOT, process.env.WAYMARK_STATE_DIR || '.waymark');
export const PG_DIR = path.join(STATE_DIR, 'postgres');
export const REDIS_DIR = path.join(STATE_DIR, 'redis');
export const MAIL_DIR = path.join(STATE_DIR, 'mail');
export const PG_PORT = Number(process.env.WAYMARK_EMBEDDED_PG_PORT || 54329);
export const PG_PASSWORD = 'waymark';
export const REDIS_PORT = Number(process.env.WAYMARK_REDIS_PORT || 63790);
export const API_PORT = Number(process.env.PORT || 4000);
/** The mail sink's port: this one when free, else any free one (unless it was asked for explicitly). */
export const MAIL_SINK_PORT = Number(process.env.WAYMARK_MAIL_SINK_PORT || 2525);
export const MAIL_SINK_PORT_EXPLICIT = Boolean(process.env.WAYMARK_MAIL_SINK_PORT);
export const DB_CLI = 'packages/db/dist/cli.js';
export const APPS = [
  { name: 'api', entry: 'apps/api/dist/main.js' },
  { name: 'worker', entry: 'apps/worker/dist/main.js' },
];
/** The apps drain within their own deadline (SHUTDOWN_DEADLINE_MS, 10 s by default); this is the backstop. */
export const APP_STOP_DEADLINE_MS = 20_000;

/** A path as messages show it: relative inside the repository, absolute elsewhere. */
export const shown = (file) => (file.startsWith(ROOT + path.sep) ? path.relative(ROOT, file) : file);
