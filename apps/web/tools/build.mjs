// `npm run build` for the web app, as the root build calls it: Vite builds app/ into dist/ unless
// dist/ is newer than every input (then it says so and prints the last first-load figure), so the
// root build stays fast when nothing changed.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const inputs = ['app', 'public', 'index.html', 'vite.config.mjs', 'tools', 'package.json', '../../packages/domain/src/figures', '../../packages/domain/src/limits', '../../packages/domain/src/scoring/types.ts'];
const newest = (target) => {
  const full = path.join(here, target);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(full).map((name) => newest(path.join(target, name))));
};
const stamp = path.join(here, 'dist', 'first-load.txt');
const started = performance.now();

if (!process.argv.includes('--force') && existsSync(stamp) && statSync(stamp).mtimeMs > Math.max(...inputs.map(newest))) {
  console.log(`${readFileSync(stamp, 'utf8').trim()} [up to date]`);
} else {
  await build({ root: here, logLevel: 'warn' });
  console.log(`build apps/web: vite in ${Math.round(performance.now() - started)} ms`);
}
