// `npm run dev`: the whole stack as `npm start` runs it (API on :4000 with PostgreSQL, Redis, the
// worker and the demo), plus Vite's dev server on :5173 with hot reload, which forwards /graphql
// and /exports to the API. Ctrl-C stops both.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const stack = spawn(process.execPath, [path.join(root, 'scripts/start.mjs')], { cwd: root, stdio: 'inherit' });
const vite = await createServer({ root: path.join(root, 'apps/web') });
await vite.listen();
vite.printUrls();
console.log('web: hot reload at http://localhost:5173/ (the built app stays at http://localhost:4000/)');

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await vite.close();
  stack.kill('SIGINT');
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
stack.on('exit', (code) => {
  void vite.close().then(() => process.exit(code ?? 0));
});
