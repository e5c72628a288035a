// Drill (b): Redis killed, then frozen. The API does not need Redis (rate limits fall back to
// memory), so GraphQL reads and writes must keep working, promptly, in the same API process.
import { CREATE_ASSESSMENT, FRAMEWORK_QUERY, gql, must, tally } from './client.mjs';
import { Report } from './report.mjs';
import { createMembers, startStack } from './stack.mjs';

export const name = 'redis-stopped';
export const purpose = 'Redis killed, then frozen: GraphQL reads and writes keep working';

const PER_PHASE = 20;
// A request that waits this long on a dead Redis is as good as failed for a person at a screen.
const SLOW_MS = 2000;
const CREATE_EVIDENCE = `mutation($i: EvidenceInput!) { createEvidence(input: $i) { id } }`;
const READ = `query($a: ID!) { assessment(id: $a) { id status missingKeys } evidenceLibrary(page: { first: 5 }) { totalCount edges { node { id title } } } }`;

async function phase(stack, member, assessmentId, label) {
  const results = [];
  for (let i = 0; i < PER_PHASE; i++) {
    const title = `drill-b ${label} ${i}`;
    const write = await gql(stack.url, member, CREATE_EVIDENCE, { i: { title, fileReference: `shelf ${i}`, evidenceDate: '2026-02-01' } }, 10_000);
    results.push({ kind: 'write', title, result: write });
    results.push({ kind: 'read', result: await gql(stack.url, member, READ, { a: assessmentId }, 10_000) });
  }
  return results;
}

export async function run({ log }) {
  const report = new Report(name, purpose);
  const stack = await startStack({ log });
  try {
    const { organisationId, members } = await createMembers(stack, { count: 1 });
    const [member] = members;
    const framework = (await must(stack.url, member, FRAMEWORK_QUERY)).framework;
    const assessmentId = (await must(stack.url, member, CREATE_ASSESSMENT, { i: { frameworkId: framework.id, cycle: '2026' } })).createAssessment.id;
    const apiPid = stack.api.pid;

    const phases = {};
    phases.before = await phase(stack, member, assessmentId, 'before');
    await stack.redis.kill();
    log('Redis killed');
    phases.killed = await phase(stack, member, assessmentId, 'killed');
    await stack.redis.restart();
    stack.redis.freeze();
    log('Redis restarted, then frozen (SIGSTOP)');
    phases.frozen = await phase(stack, member, assessmentId, 'frozen');
    stack.redis.thaw();
    phases.after = await phase(stack, member, assessmentId, 'after');

    const all = Object.values(phases).flat();
    const titles = new Set((await stack.owner.query('select title from evidence where organisation_id = $1', [organisationId])).rows.map((r) => r.title));
    const lost = all.filter((r) => r.kind === 'write' && r.result.outcome === 'acknowledged' && !titles.has(r.title));
    for (const [label, results] of Object.entries(phases)) {
      const t = tally(results);
      const slowest = Math.max(...results.map((r) => r.result.ms));
      report.check(`${label}: every read and write acknowledged, none slower than ${SLOW_MS} ms`, t.acknowledged === t.sent && slowest <= SLOW_MS,
        `${t.acknowledged}/${t.sent} acknowledged, slowest ${slowest} ms${t.refused + t.unanswered ? `, failures ${JSON.stringify(t.failures)}` : ''}`);
    }
    report.check('every acknowledged write is in the database', lost.length === 0, `${lost.length} missing`);
    report.check('the same API process served every phase', stack.api.pid === apiPid);
    const t = tally(all);
    report.figure('requests', { sent: t.sent, acknowledged: t.acknowledged, refused: t.refused, unanswered: t.unanswered });
    report.figure('median request while Redis was down or frozen (ms)', median([...phases.killed, ...phases.frozen].map((r) => r.result.ms)));
    if (!report.passed) report.figure('API errors logged (distinct)', stack.api.distinctErrors());
  } finally {
    stack.redis.thaw();
    await stack.stop();
  }
  return report;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
