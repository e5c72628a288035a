// Times every statement the API sends (in this process), grouped by text. Copy next to profile-read.mjs.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
const require = createRequire(import.meta.url);
const pg = require(require.resolve('pg', { paths: [new URL('../../packages/db/', import.meta.url).pathname] }));
const stats = new Map();
let on = false;
const original = pg.Client.prototype.query;
pg.Client.prototype.query = function (...args) {
  const text = typeof args[0] === 'string' ? args[0] : args[0]?.text;
  const start = performance.now();
  const result = original.apply(this, args);
  if (on && result && typeof result.then === 'function') {
    result.then(() => {
      const s = stats.get(text) ?? { n: 0, ms: 0 };
      s.n++; s.ms += performance.now() - start; stats.set(text, s);
    }, () => {});
  }
  return result;
};
globalThis.__stmtTiming = { start() { on = true; stats.clear(); }, report(requests) {
  on = false;
  const rows = [...stats].sort((a, b) => b[1].ms - a[1].ms);
  let total = 0;
  for (const [text, s] of rows) { total += s.ms; console.log(`${(s.ms / requests).toFixed(3)} ms/req  ${(s.n / requests).toFixed(1)}/req  ${String(text).replace(/\s+/g, ' ').slice(0, 200)}`); }
  console.log(`total statement time ${(total / requests).toFixed(2)} ms/req, ${rows.reduce((a, [, s]) => a + s.n, 0) / requests} statements/req`);
} };
