// Drill (c): the API SIGKILLed while clients send setConsensusAnswers batches that each write every
// answer of an assessment (one row per answer plus the audit row). Afterwards every batch is all
// or nothing: each assessment's agreed answers all come from one batch, the one its last audit row
// records, and every acknowledged batch has its audit row.
import { CREATE_ASSESSMENT, FRAMEWORK_QUERY, gql, must, tally } from './client.mjs';
import { sleep, startLoad } from './load.mjs';
import { Report } from './report.mjs';
import { createMembers, startStack } from './stack.mjs';

export const name = 'api-killed';
export const purpose = 'the API SIGKILLed mid-write (3 times): every multi-row batch all or nothing';

const CLIENTS = 4;
const ROUNDS = 3;
const SET_CONSENSUS = `mutation($i: AnswersInput!) { setConsensusAnswers(input: $i) { id } }`;

export async function run({ log }) {
  const report = new Report(name, purpose);
  const stack = await startStack({ log });
  try {
    const { members } = await createMembers(stack, { count: CLIENTS });
    const framework = (await must(stack.url, members[0], FRAMEWORK_QUERY)).framework;
    const keys = framework.answerKeys;
    // One assessment per client, so a client's batches are sequential and its last one is knowable.
    const assessments = [];
    for (const [c, member] of members.entries()) {
      assessments.push((await must(stack.url, member, CREATE_ASSESSMENT, { i: { frameworkId: framework.id, cycle: `2026-${c}` } })).createAssessment.id);
    }
    const batch = (c, round, i) => {
      const tag = `drill-c ${c}-${round}-${i}`;
      // Values change from batch to batch, so an update touches every row, not only the note.
      const answers = keys.map((nodeKey, k) => ({ nodeKey, value: (i + k) % 3 === 0 ? 'NO' : 'YES', note: tag }));
      return { tag, variables: { i: { assessmentId: assessments[c], answers } } };
    };

    const all = [];
    const kills = [];
    for (let round = 0; round < ROUNDS; round++) {
      const load = startLoad(
        members.map((member, c) => (i) => {
          const { tag, variables } = batch(c, round, i);
          return { describe: { tag, assessmentId: assessments[c] }, send: () => gql(stack.url, member, SET_CONSENSUS, variables) };
        }),
        { pauseMs: 0 },
      );
      await sleep(1200 + Math.floor(Math.random() * 400));
      const inFlight = [...load.inFlight].map((r) => r.tag);
      await stack.api.kill('SIGKILL');
      const killedAt = Date.now();
      const results = await load.stop();
      all.push(...results);
      const restartMs = await stack.api.start();
      kills.push({ inFlight, restartMs, killedAt });
      log(`kill ${round + 1}: ${inFlight.length} batches in flight; API healthy again ${restartMs} ms after restart`);
    }
    // One more batch each after the last restart: the API must work normally again.
    const afterwards = [];
    for (const [c, member] of members.entries()) {
      const { tag, variables } = batch(c, ROUNDS, 0);
      afterwards.push({ tag, assessmentId: assessments[c], result: await gql(stack.url, member, SET_CONSENSUS, variables) });
    }
    all.push(...afterwards);

    const audits = (await stack.owner.query(
      `select entity_id, "after", "at" from audit_entry where action = 'assessment.consensus.set' and entity_id = any($1) order by "at", id`,
      [assessments],
    )).rows;
    const rows = (await stack.owner.query('select assessment_id, node_key, value, note from consensus_answer where assessment_id = any($1)', [assessments])).rows;
    const auditTags = new Map();
    for (const a of audits) {
      const tags = new Set(a.after.map((x) => x.note));
      const tag = tags.size === 1 ? [...tags][0] : null;
      auditTags.set(tag, (auditTags.get(tag) ?? 0) + 1);
    }
    const splitAudits = audits.filter((a) => a.after.length !== keys.length || new Set(a.after.map((x) => x.note)).size !== 1);
    const mixed = (answerRows) => assessments.filter((id) => {
      const mine = answerRows.filter((r) => r.assessment_id === id);
      const last = audits.filter((a) => a.entity_id === id).at(-1);
      if (!last) return mine.length > 0;
      const byKey = new Map(last.after.map((x) => [x.nodeKey, x]));
      return mine.length !== keys.length || mine.some((r) => r.note !== last.after[0].note || byKey.get(r.node_key)?.value !== r.value);
    });
    const mixedAssessments = mixed(rows);
    // A control: the same check on a copy with one answer from another batch must object.
    const tampered = rows.map((r, i) => (i === 0 ? { ...r, note: 'drill-c another batch' } : r));
    const lost = all.filter((r) => r.result.outcome === 'acknowledged' && auditTags.get(r.tag) !== 1);
    const ghosts = all.filter((r) => r.result.outcome === 'refused' && auditTags.has(r.tag));
    const inFlight = kills.flatMap((k) => k.inFlight);
    const inFlightCommitted = inFlight.filter((tag) => auditTags.has(tag)).length;
    const t = tally(all);

    report.check('every audited batch holds all its answers from that one batch', splitAudits.length === 0, `${audits.length} audited batches of ${keys.length} answers, ${splitAudits.length} split`);
    report.check('each assessment\'s agreed answers all come from its last audited batch (no half-written batch)', mixedAssessments.length === 0,
      `${assessments.length} assessments, ${mixedAssessments.length} mixed`);
    report.check('control: that check does catch one answer left from another batch', mixed(tampered).length === 1);
    report.check('every acknowledged batch is saved with exactly one audit row; no refused batch was saved', lost.length === 0 && ghosts.length === 0,
      `${lost.length} acknowledged but not saved, ${ghosts.length} refused but saved`);
    report.check('batches were in flight at each kill (otherwise nothing was proved)', kills.every((k) => k.inFlight.length > 0), kills.map((k) => k.inFlight.length).join(' / '));
    report.check('after a restart the API takes writes again', afterwards.every((r) => r.result.outcome === 'acknowledged'),
      afterwards.map((r) => r.result.outcome).join(', '));

    report.figure('requests', { sent: t.sent, acknowledged: t.acknowledged, refused: t.refused, unanswered: t.unanswered });
    report.figure('answers per batch', keys.length);
    report.figure('batches in flight at the kills', inFlight.length);
    report.figure('of which committed before the kill', inFlightCommitted);
    report.figure('API restart -> /healthz (ms)', kills.map((k) => k.restartMs));
    if (!report.passed) report.figure('API errors logged (distinct)', stack.api.distinctErrors());
  } finally {
    await stack.stop();
  }
  return report;
}
