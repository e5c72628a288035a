import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { STATE_DIR } from './settings.mjs';

/**
 * Development secrets, made once per data folder and kept beside it (.waymark/secrets.json, readable
 * by this user only): nothing that signs tokens or opens a database is written in the repository.
 * Variables set in the environment win.
 */
export function developmentSecrets() {
  const file = path.join(STATE_DIR, 'secrets.json');
  mkdirSync(STATE_DIR, { recursive: true });
  let secrets = {};
  if (existsSync(file)) secrets = JSON.parse(readFileSync(file, 'utf8'));
  let changed = false;
  for (const name of ['AUTH_TOKEN_SECRET', 'DATABASE_APP_PASSWORD', 'DATABASE_ANALYTICS_PASSWORD']) {
    if (!secrets[name]) {
      secrets[name] = randomBytes(48).toString('base64url');
      changed = true;
    }
  }
  if (changed) writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}
