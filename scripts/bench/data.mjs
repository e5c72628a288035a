// Benchmark data, written as the database owner with plain SQL: going through the API or the ORM
// would make setup slower than the benchmarks themselves. Table and column names are those of
// packages/db/src/migrations.
import { randomUUID } from 'node:crypto';

const FRAMEWORK_KEY = 'inspiring-learning-partnerships';
const PRACTICE = ['YES', 'STARTED', 'NO'];
const EVIDENCE = ['YES', 'NO', 'NOT_APPLICABLE'];
// Never used to log in (the bench signs session tokens), but the column must hold something hash-shaped.
const UNUSABLE_PASSWORD_HASH = '$argon2id$v=19$m=65536,t=3,p=4$YmVuY2gtb25seQ$bm90LWEtcmVhbC1oYXNoLWJlbmNoLW9ubHk';

/** Multi-row INSERTs in batches that stay under PostgreSQL's 65,535 bind parameters. */
async function insertRows(client, table, columns, rows) {
  const perBatch = Math.floor(60_000 / columns.length);
  for (let start = 0; start < rows.length; start += perBatch) {
    const batch = rows.slice(start, start + perBatch);
    const params = [];
    const tuples = batch.map((row) => `(${columns.map((c) => `$${params.push(row[c] ?? null)}`).join(', ')})`);
    await client.query(`insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values ${tuples.join(', ')}`, params);
  }
}

async function organisationWithOwner(client, { name, slug }) {
  const now = new Date();
  const organisation = { id: randomUUID(), name, slug, kind: 'LIBRARY', size_band: 'LARGE', governance: 'LOCAL_AUTHORITY', created_at: now };
  await insertRows(client, 'organisation', Object.keys(organisation), [organisation]);
  const owner = await member(client, organisation.id, 'OWNER', `owner@${slug}.bench`);
  return { organisation, owner };
}

async function member(client, organisationId, role, email) {
  const user = { id: randomUUID(), created_at: new Date(), email, name: email.split('@')[0], password_hash: UNUSABLE_PASSWORD_HASH };
  await insertRows(client, 'app_user', Object.keys(user), [user]);
  await insertRows(client, 'membership', ['id', 'created_at', 'organisation_id', 'user_id', 'role'], [
    { id: randomUUID(), created_at: new Date(), organisation_id: organisationId, user_id: user.id, role },
  ]);
  return user;
}

/**
 * One organisation whose one assessment is answered in full: a consensus answer for every answerable
 * key, five assessors' own answers for every key (they disagree on some), and a piece of evidence
 * linked to every answer. This is the largest assessment a team can produce, so its read is the
 * worst case for the whole-assessment query.
 */
export async function seedAnsweredAssessment(client, { practiceKeys, promptKeys, assessors = 5 }) {
  const { organisation, owner } = await organisationWithOwner(client, { name: 'Bench Central Library', slug: 'bench-central-library' });
  const team = [];
  for (let i = 1; i <= assessors; i++) team.push(await member(client, organisation.id, 'ASSESSOR', `assessor${i}@bench-central-library.bench`));

  const framework = (await client.query('select id from framework where key = $1 order by published_at desc limit 1', [FRAMEWORK_KEY])).rows[0];
  if (!framework) throw new Error(`framework ${FRAMEWORK_KEY} was not imported`);
  const now = new Date();
  const assessment = {
    id: randomUUID(), created_at: now, organisation_id: organisation.id, framework_id: framework.id, cycle: '2026',
    status: 'DRAFT', created_by: owner.id, updated_at: now,
  };
  await insertRows(client, 'assessment', Object.keys(assessment), [assessment]);

  const keys = [...practiceKeys.map((key) => ({ key, scale: PRACTICE })), ...promptKeys.map((key) => ({ key, scale: EVIDENCE }))];
  const base = { created_at: now, updated_at: now, organisation_id: organisation.id, assessment_id: assessment.id };
  const consensus = keys.map(({ key, scale }, i) => ({
    ...base, id: randomUUID(), node_key: key, value: scale[i % scale.length], area_for_improvement: i % 7 === 0,
    note: `Agreed at the team meeting (${key}).`, set_by: owner.id,
  }));
  // Assessors 1-3 agree with the consensus, 4 and 5 drift on some keys: disagreements exist to list.
  const own = keys.flatMap(({ key, scale }, i) =>
    team.map((user, a) => ({
      ...base, id: randomUUID(), node_key: key, value: scale[(i + (a >= 3 ? a : 0)) % scale.length], area_for_improvement: false,
      note: null, user_id: user.id,
    })),
  );
  const evidence = keys.map(({ key }) => ({
    id: randomUUID(), created_at: now, organisation_id: organisation.id, title: `Evidence for ${key}`,
    url: `https://example.org/evidence/${key}`, description: 'Minutes of the partnership review.', evidence_date: '2026-01-15',
    created_by: owner.id,
  }));
  const links = keys.map(({ key }, i) => ({
    id: randomUUID(), created_at: now, organisation_id: organisation.id, evidence_id: evidence[i].id, assessment_id: assessment.id,
    node_key: key, linked_by: owner.id,
  }));
  await insertRows(client, 'consensus_answer', Object.keys(consensus[0]), consensus);
  await insertRows(client, 'assessor_answer', Object.keys(own[0]), own);
  await insertRows(client, 'evidence', Object.keys(evidence[0]), evidence);
  await insertRows(client, 'evidence_link', Object.keys(links[0]), links);
  return {
    organisation, owner, assessmentId: assessment.id,
    counts: { consensus: consensus.length, assessorAnswers: own.length, evidence: evidence.length, links: links.length },
  };
}

/**
 * An organisation with `rows` evidence items, for the export benchmark. The rows are generated by
 * the server (generate_series): 200,000 rows take a couple of seconds instead of a minute of
 * client-side INSERTs. Text lengths vary like real titles, links and notes do.
 */
export async function seedLargeOrganisation(client, rows) {
  const slug = `bench-large-${rows}`;
  const { organisation, owner } = await organisationWithOwner(client, { name: `Bench Large Library (${rows} evidence rows)`, slug });
  await client.query(
    `insert into evidence (id, created_at, organisation_id, title, url, file_reference, description, evidence_date, expires_on, created_by)
     select gen_random_uuid(), now() - make_interval(secs => i), $1,
            'Partnership evidence #' || i || repeat(' - workshop', i % 4),
            'https://example.org/evidence/' || i,
            case when i % 3 = 0 then 'shared-drive/partnerships/' || i || '.pdf' end,
            'Notes from a partnership meeting: what each side brought and what changed. ' || repeat('Follow-up agreed. ', i % 5),
            date '2025-01-01' + (i % 365),
            case when i % 4 = 0 then date '2027-01-01' + (i % 365) end,
            $2
       from generate_series(1, $3::int) as i`,
    [organisation.id, owner.id, rows],
  );
  return { organisation, owner, rows };
}

/**
 * More assessments of the answered organisation (one per earlier cycle), each answered in full, so a
 * page of the assessments list carries 20 assessments with their answers and scores.
 */
export async function seedAssessmentList(client, answered, { practiceKeys, promptKeys }, count = 19) {
  const framework = (await client.query('select framework_id from assessment where id = $1', [answered.assessmentId])).rows[0].framework_id;
  const keys = [...practiceKeys.map((key) => ({ key, scale: PRACTICE })), ...promptKeys.map((key) => ({ key, scale: EVIDENCE }))];
  for (let n = 0; n < count; n++) {
    const when = new Date(Date.UTC(2025 - n, 5, 1));
    const assessment = {
      id: randomUUID(), created_at: when, organisation_id: answered.organisation.id, framework_id: framework, cycle: String(2025 - n),
      status: 'SUBMITTED', created_by: answered.owner.id, submitted_at: when, submitted_by: answered.owner.id, updated_at: when,
    };
    await insertRows(client, 'assessment', Object.keys(assessment), [assessment]);
    const rows = keys.map(({ key, scale }, i) => ({
      id: randomUUID(), created_at: when, updated_at: when, organisation_id: answered.organisation.id, assessment_id: assessment.id,
      node_key: key, value: scale[(i + n) % scale.length], area_for_improvement: false, note: null, set_by: answered.owner.id,
    }));
    await insertRows(client, 'consensus_answer', Object.keys(rows[0]), rows);
  }
  return count;
}

/** An action plan for the answered assessment: `items` items by priority, owned, dated, with three notes each. */
export async function seedPlan(client, answered, items = 40) {
  const now = new Date();
  const org = answered.organisation.id;
  const plan = { id: randomUUID(), created_at: now, organisation_id: org, assessment_id: answered.assessmentId, generated_at: now, generated_by: answered.owner.id, generations: 1 };
  await insertRows(client, 'action_plan', Object.keys(plan), [plan]);
  const rows = Array.from({ length: items }, (_, i) => ({
    id: randomUUID(), created_at: now, updated_at: now, organisation_id: org, plan_id: plan.id, assessment_id: answered.assessmentId,
    item_key: `action:bench.${i}`, kind: 'ACTION', node_key: '3.1.2', element_key: '3.1',
    what: `Agree with partner ${i} what each side brings, and write it down`, why: 'Part b is at NO: no written agreement yet.',
    gap: JSON.stringify({ parts: [{ key: '3.1.2.b', value: 'NO' }] }), guidance: '[]', footnotes: '[]',
    priority: i + 1, priority_reason: 'A part at NO', target: 'YES next cycle', owner_user_id: answered.owner.id,
    due_on: '2027-03-31', next_review_on: '2027-01-15', review_interval_days: 60, status: i % 3 ? 'OPEN' : 'IN_PROGRESS',
  }));
  await insertRows(client, 'action_item', Object.keys(rows[0]), rows);
  const notes = rows.flatMap((item, i) =>
    [0, 1, 2].map((k) => ({
      id: randomUUID(), created_at: new Date(now.getTime() - (3 - k) * 86_400_000), organisation_id: org, item_id: item.id,
      author_id: answered.owner.id, body: `Progress note ${k + 1} on item ${i}: met the partner, agreed next steps.`,
    })),
  );
  await insertRows(client, 'action_item_note', Object.keys(notes[0]), notes);
  return { planId: plan.id, items, notes: notes.length };
}
