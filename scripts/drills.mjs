// `npm run drills`: fault drills against a private stack each (their own PostgreSQL, Redis and API,
// see scripts/drills/stack.mjs). `npm run drills -- postgres-restart` runs one. Exits non-zero when a
// drill fails, so CI or a release check can run it.
import * as apiKilled from './drills/api-killed.mjs';
import * as npmStart from './drills/npm-start.mjs';
import * as postgresFrozen from './drills/postgres-frozen.mjs';
import * as postgresRestart from './drills/postgres-restart.mjs';
import { redisCutOff, redisFrozen, redisRestarted } from './drills/redis-faults.mjs';

const DRILLS = [postgresRestart, postgresFrozen, redisFrozen, redisRestarted, redisCutOff, apiKilled, npmStart];

const wanted = process.argv.slice(2);
const chosen = wanted.length ? DRILLS.filter((d) => wanted.includes(d.name)) : DRILLS;
if (chosen.length === 0) {
  console.error(`No such drill: ${wanted.join(', ')}. Drills: ${DRILLS.map((d) => d.name).join(', ')}`);
  process.exit(2);
}

const reports = [];
for (const drill of chosen) {
  const started = Date.now();
  console.log(`\n== ${drill.name}: ${drill.purpose}`);
  try {
    const report = await drill.run({ log: (message) => console.log(`   [${drill.name}] ${message}`) });
    report.figure('drill took (s)', ((Date.now() - started) / 1000).toFixed(1));
    report.print();
    reports.push(report);
  } catch (error) {
    console.log(`\nFAIL  ${drill.name}: the drill itself could not run: ${error?.stack ?? error}`);
    reports.push({ name: drill.name, passed: false });
  }
}
console.log(`\n${reports.filter((r) => r.passed).length} of ${reports.length} drills passed: ${reports.map((r) => `${r.name} ${r.passed ? 'PASS' : 'FAIL'}`).join(', ')}`);
process.exit(reports.every((r) => r.passed) ? 0 : 1);
