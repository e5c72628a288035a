// Drill (e): PostgreSQL frozen (SIGSTOP: connections stay open, nothing answers) under a light load,
// with the API told to give up on the database after 2 s (DATABASE_STATEMENT_TIMEOUT_MS,
// DATABASE_ACQUIRE_TIMEOUT_MS). A hung database must not hang requests: each should fail within
// about that time, then work again after the thaw, leaving no partial writes.
import { gql, tally } from './client.mjs';
import { firstResult, sleep, startLoad } from './load.mjs';
import { Report } from './report.mjs';
import { createMembers, startStack } from './stack.mjs';

export const name = 'postgres-frozen';
export const purpose = 'PostgreSQL frozen for 8 s: requests fail fast instead of hanging, then recover';

const FREEZE_MS = 8000;
const GIVE_UP_MS = 2000;
// Timeouts are not exact: a request may wait for a pooled connection and then for its statement.
const BOUND_MS = 2 * GIVE_UP_MS + 1000;
const CREATE_EVIDENCE = `mutation($i: EvidenceInput!) { createEvidence(input: $i) { id } }`;
const READ = `{ evidenceLibrary(first: 3) { totalCount } }`;

export async function run({ log }) {
  const report = new Report(name, purpose);
  const stack = await startStack({
    log,
    apiEnv: { DATABASE_STATEMENT_TIMEOUT_MS: String(GIVE_UP_MS), DATABASE_ACQUIRE_TIMEOUT_MS: String(GIVE_UP_MS) },
  });
  try {
    const { organisationId, members } = await createMembers(stack, { count: 3 });
    const apiPid = stack.api.pid;
    const load = startLoad(
      members.map((member, c) => (i) => {
        const tag = `drill-e ${c}-${i}`;
        if (i % 2 === 1) return { describe: { kind: 'read', tag }, send: () => gql(stack.url, member, READ, {}, 30_000) };
        const input = { title: tag, url: 'https://example.org/e', evidenceDate: '2026-03-01' };
        return { describe: { kind: 'write', tag }, send: () => gql(stack.url, member, CREATE_EVIDENCE, { i: input }, 30_000) };
      }),
      { pauseMs: 50 },
    );
    await sleep(1500);
    const frozenAt = Date.now();
    stack.postgres.freeze();
    log(`PostgreSQL frozen for ${FREEZE_MS} ms`);
    await sleep(FREEZE_MS);
    stack.postgres.thaw();
    const thawedAt = Date.now();
    const firstOk = await firstResult(load.results, (r) => r.sentAt >= thawedAt && r.result.outcome === 'acknowledged', 30_000);
    await sleep(1000);
    const results = await load.stop();

    const during = results.filter((r) => r.sentAt >= frozenAt && r.sentAt < thawedAt);
    const overlapping = results.filter((r) => r.endedAt > frozenAt && r.sentAt < thawedAt);
    const slowest = Math.max(0, ...overlapping.map((r) => r.result.ms));
    const evidence = new Map((await stack.owner.query('select id, title from evidence where organisation_id = $1', [organisationId])).rows.map((r) => [r.title, r.id]));
    const audited = new Set((await stack.owner.query(`select entity_id from audit_entry where organisation_id = $1 and action = 'evidence.create'`, [organisationId])).rows.map((r) => r.entity_id));
    const writes = results.filter((r) => r.kind === 'write');
    const lost = writes.filter((r) => r.result.outcome === 'acknowledged' && !(evidence.has(r.tag) && audited.has(evidence.get(r.tag))));
    const ghosts = writes.filter((r) => r.result.outcome === 'refused' && evidence.has(r.tag));
    const unaudited = [...evidence.values()].filter((id) => !audited.has(id));
    const t = tally(overlapping);

    report.check(`no request overlapping the freeze took longer than ${BOUND_MS} ms (the API gives up on the database after ${GIVE_UP_MS} ms)`, slowest <= BOUND_MS,
      `slowest ${slowest} ms; ${during.length} requests sent while frozen`);
    // A request sent shortly before the thaw may still be waiting when the database answers again:
    // it is then simply served. Every other one must have failed fast with a 503 and a typed code.
    const failedFast = (r) => r.result.status === 503 && r.result.code && r.result.code !== 'INTERNAL_SERVER_ERROR';
    const servedAfterThaw = (r) => r.result.outcome === 'acknowledged' && r.endedAt >= thawedAt;
    report.check('requests sent while frozen were answered with 503 and a typed code (or served once thawed)', during.length > 0 && during.some(failedFast) && during.every((r) => failedFast(r) || servedAfterThaw(r)),
      Object.entries(tally(during).failures).map(([k, v]) => `${v} x ${k}`).join(', ') || `${tally(during).acknowledged} acknowledged`);
    report.check('the same API process answers again after the thaw', firstOk && stack.api.pid === apiPid,
      firstOk ? `first acknowledged request ${firstOk.endedAt - thawedAt} ms after the thaw` : 'none within 30 s');
    report.check('no partial writes: acknowledged writes saved with their audit row, refused ones absent, no row without its audit row',
      lost.length === 0 && ghosts.length === 0 && unaudited.length === 0, `${lost.length} lost, ${ghosts.length} refused but saved, ${unaudited.length} unaudited`);
    report.figure('requests overlapping the freeze', { sent: t.sent, acknowledged: t.acknowledged, refused: t.refused, unanswered: t.unanswered });
    report.figure('their failures by answer', t.failures);
    report.figure('all requests', tally(results));
    if (!report.passed) report.figure('API errors logged (distinct)', stack.api.distinctErrors());
  } finally {
    stack.postgres.thaw();
    await stack.stop();
  }
  return report;
}
