// Drill (a): PostgreSQL stopped and started again under a write load. Clients keep sending
// createEvidence and recordAnswers over HTTP. Afterwards: every acknowledged mutation is in the
// database with its audit row, every refused one left nothing, audit rows match the changes one to
// one, and the same API process answers again without being restarted.
import { CREATE_ASSESSMENT, FRAMEWORK_QUERY, gql, must, tally } from './client.mjs';
import { firstResult, sleep, startLoad } from './load.mjs';
import { Report } from './report.mjs';
import { createMembers, startStack } from './stack.mjs';

export const name = 'postgres-restart';
export const purpose = 'PostgreSQL stopped and started (3 times) under a write load';

const CLIENTS = 4;
const DOWN_MS = 2000;
const ROUNDS = 3;
const CREATE_EVIDENCE = `mutation($i: EvidenceInput!) { createEvidence(input: $i) { id title } }`;
const RECORD_ANSWERS = `mutation($i: AnswersInput!) { recordAnswers(input: $i) { nodeKey note } }`;

export async function run({ log }) {
  const report = new Report(name, purpose);
  // The load retries at once while PostgreSQL is down; this drill is about outages, not the per-person rate limit.
  const stack = await startStack({ log, apiEnv: { RATE_LIMIT_PER_MINUTE: '1000000' } });
  try {
    const { organisationId, members } = await createMembers(stack, { count: CLIENTS });
    const framework = (await must(stack.url, members[0], FRAMEWORK_QUERY)).framework;
    const assessmentId = (await must(stack.url, members[0], CREATE_ASSESSMENT, { i: { frameworkId: framework.id, cycle: '2026' } })).createAssessment.id;
    const keys = framework.answerKeys.slice(0, 2);
    const apiPid = stack.api.pid;

    // Even requests create evidence, odd ones record answers; the tag says which request wrote what.
    const load = startLoad(
      members.map((member, c) => (i) => {
        const tag = `drill-a ${c}-${i}`;
        if (i % 2 === 0) {
          const input = { title: tag, url: 'https://example.org/evidence', evidenceDate: '2026-01-15' };
          return { describe: { kind: 'evidence', tag, member }, send: () => gql(stack.url, member, CREATE_EVIDENCE, { i: input }) };
        }
        const answers = keys.map((nodeKey, k) => ({ nodeKey, value: (i + k) % 4 === 1 ? 'NO' : 'YES', note: tag }));
        return { describe: { kind: 'answers', tag, member }, send: () => gql(stack.url, member, RECORD_ANSWERS, { i: { assessmentId, answers } }) };
      }),
    );
    // Several outages: a commit meeting the shutdown is a narrow window, so it is given more chances.
    const outages = [];
    for (let round = 0; round < ROUNDS; round++) {
      await sleep(1500);
      const stoppedAt = Date.now();
      await stack.postgres.stop();
      await sleep(DOWN_MS);
      await stack.postgres.restart();
      const upAt = Date.now();
      const firstOk = await firstResult(load.results, (r) => r.sentAt >= upAt && r.result.outcome === 'acknowledged', 30_000);
      outages.push({ stoppedAt, upAt, recoveryMs: firstOk ? firstOk.endedAt - upAt : null });
      log(`outage ${round + 1}: PostgreSQL down ${upAt - stoppedAt} ms, first acknowledged mutation ${outages.at(-1).recoveryMs ?? 'never'} ms after it was back`);
    }
    await sleep(1000);
    const results = await load.stop();

    // What the database holds, read as the owner (row-level security does not hide anything from it).
    const evidence = (await stack.owner.query('select id, title from evidence where organisation_id = $1', [organisationId])).rows;
    const audits = (await stack.owner.query(
      `select id, action, entity_id, actor_user_id, "after", "at" from audit_entry where organisation_id = $1 and action in ('evidence.create', 'assessment.answers.record') order by "at", id`,
      [organisationId],
    )).rows;
    const answerRows = (await stack.owner.query('select user_id, node_key, note from assessor_answer where assessment_id = $1', [assessmentId])).rows;

    const evidenceByTitle = new Map(evidence.map((e) => [e.title, e]));
    const evidenceAudits = audits.filter((a) => a.action === 'evidence.create');
    const answerAudits = audits.filter((a) => a.action === 'assessment.answers.record');
    const auditsByEntity = groupBy(evidenceAudits, (a) => a.entity_id);
    const answerAuditsByTag = groupBy(answerAudits, (a) => a.after?.[0]?.note);

    const problems = { evidence: [], answers: [] };
    const when = (r) => {
      const o = outages.findLast((x) => x.stoppedAt <= r.endedAt) ?? outages[0];
      return `sent ${r.sentAt - o.stoppedAt} ms and answered ${r.endedAt - o.stoppedAt} ms after a stop began`;
    };
    let unansweredCommitted = 0;
    for (const r of results) {
      const outcome = r.result.outcome;
      if (r.kind === 'evidence') {
        const row = evidenceByTitle.get(r.tag);
        const auditCount = row ? (auditsByEntity.get(row.id)?.length ?? 0) : 0;
        if (outcome === 'acknowledged' && (!row || row.id !== r.result.data.createEvidence.id || auditCount !== 1)) problems.evidence.push(`${r.tag}: acknowledged, row ${row ? 'present' : 'missing'}, ${auditCount} audit rows, ${when(r)}`);
        if (outcome === 'refused' && row) problems.evidence.push(`${r.tag}: refused (${r.result.status} ${r.result.code}) but its row was written`);
        if (outcome === 'unanswered' && row) unansweredCommitted += 1;
      } else {
        const rows = answerAuditsByTag.get(r.tag) ?? [];
        if (outcome === 'acknowledged' && rows.length !== 1) problems.answers.push(`${r.tag}: acknowledged with ${rows.length} audit rows, ${when(r)}`);
        if (outcome === 'refused' && rows.length > 0) problems.answers.push(`${r.tag}: refused (${r.result.status} ${r.result.code}) but written`);
        if (outcome === 'unanswered' && rows.length > 0) unansweredCommitted += 1;
      }
    }
    const orphanRows = evidence.filter((e) => (auditsByEntity.get(e.id)?.length ?? 0) !== 1);
    const orphanAudits = evidenceAudits.filter((a) => !evidence.some((e) => e.id === a.entity_id));
    const splitBatches = answerAudits.filter((a) => a.after.length !== keys.length || new Set(a.after.map((x) => x.note)).size !== 1);
    // Each client's answers end as its last audited batch wrote them (requests of a client are sequential).
    const stateMismatches = members.filter((m) => {
      const last = answerAudits.filter((a) => a.actor_user_id === m.userId).at(-1);
      const current = answerRows.filter((row) => row.user_id === m.userId);
      if (!last) return current.length > 0;
      return current.length !== keys.length || current.some((row) => row.note !== last.after[0].note);
    });

    const all = tally(results);
    const duringOutage = results.filter((r) => outages.some((o) => r.sentAt >= o.stoppedAt && r.sentAt < o.upAt));
    const recovered = outages.every((o) => o.recoveryMs !== null);
    const failures = results.filter((r) => r.result.outcome !== 'acknowledged');

    report.check('every acknowledged mutation is in the database with exactly one audit row; every refused one left nothing',
      problems.evidence.length === 0 && problems.answers.length === 0, [...problems.evidence, ...problems.answers].slice(0, 5).join('; '));
    report.check('evidence rows and their audit rows match one to one', orphanRows.length === 0 && orphanAudits.length === 0,
      `${evidence.length} evidence rows, ${evidenceAudits.length} audit rows, ${orphanRows.length} rows without exactly one audit row, ${orphanAudits.length} audit rows without a row`);
    report.check('every recorded batch of answers is whole, and each person\'s answers are what their last audited batch wrote',
      splitBatches.length === 0 && stateMismatches.length === 0, `${answerAudits.length} audited batches, ${splitBatches.length} split, ${stateMismatches.length} people whose answers differ`);
    report.check('the same API process answers again by itself after each outage', recovered && stack.api.pid === apiPid,
      recovered ? `first acknowledged mutation ${outages.map((o) => o.recoveryMs).join(' / ')} ms after PostgreSQL accepted connections` : 'no acknowledged mutation within 30 s of an outage');
    report.check('the load did fail while PostgreSQL was down (otherwise this drill proved nothing)', duringOutage.some((r) => r.result.outcome !== 'acknowledged'),
      `${duringOutage.length} requests sent while down`);
    report.check('every failed request got an answer (no client timeouts, no dropped connections)', all.unanswered === 0, `${all.unanswered} unanswered`);
    report.check('failures answered 503 with a typed code, never 500', failures.every((r) => r.result.status === 503 && r.result.code && r.result.code !== 'INTERNAL_SERVER_ERROR'),
      Object.entries(all.failures).map(([k, v]) => `${v} x ${k}`).join(', '));

    report.figure('requests', { sent: all.sent, acknowledged: all.acknowledged, refused: all.refused, unanswered: all.unanswered });
    report.figure('failures by answer', all.failures);
    report.figure('outages: PostgreSQL down for (ms)', outages.map((o) => o.upAt - o.stoppedAt));
    report.figure('recovery: PostgreSQL up -> first acknowledged mutation (ms)', outages.map((o) => o.recoveryMs));
    report.figure('unanswered requests that had committed', unansweredCommitted);
    report.figure('slowest failed request (ms)', Math.max(0, ...failures.map((r) => r.result.ms)));
    if (!report.passed) report.figure('API errors logged (distinct)', stack.api.distinctErrors());
  } finally {
    await stack.stop();
  }
  return report;
}

function groupBy(items, key) {
  const map = new Map();
  for (const item of items) {
    const k = key(item);
    if (!map.has(k)) map.set(k, []);
    map.get(k).push(item);
  }
  return map;
}
