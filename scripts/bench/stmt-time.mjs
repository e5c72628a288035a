// For profile-read.mjs with PROFILE_STATEMENTS=1: times every statement the API in this process
// sends, grouped by its text, to tell the database's share of a request from the server's own.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const pg = require(require.resolve('pg', { paths: [new URL('../../packages/db/', import.meta.url).pathname] }));
const stats = new Map();
let timing = false;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function timedQuery(...args) {
  const text = typeof args[0] === 'string' ? args[0] : args[0]?.text;
  const start = performance.now();
  const result = query.apply(this, args);
  if (timing && typeof result?.then === 'function') {
    result.then(() => {
      const entry = stats.get(text) ?? { count: 0, ms: 0 };
      entry.count++;
      entry.ms += performance.now() - start;
      stats.set(text, entry);
    }, () => {});
  }
  return result;
};

export function startTiming() {
  stats.clear();
  timing = true;
}

/** Prints each statement's time and count per request, slowest first, and the total. */
export function reportTiming(requests) {
  timing = false;
  const rows = [...stats].sort((a, b) => b[1].ms - a[1].ms);
  for (const [text, { count, ms }] of rows) {
    console.log(`${(ms / requests).toFixed(3)} ms  ${(count / requests).toFixed(1)}x  ${String(text).replace(/\s+/g, ' ').slice(0, 160)}`);
  }
  const total = rows.reduce((sum, [, { ms }]) => sum + ms, 0);
  const count = rows.reduce((sum, [, entry]) => sum + entry.count, 0);
  console.log(`statements: ${(total / requests).toFixed(2)} ms and ${(count / requests).toFixed(1)} a request`);
}
