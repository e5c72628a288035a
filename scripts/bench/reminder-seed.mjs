// Organisations whose owners each have `itemsEach` live action items due within the week: one
// digest per owner, `itemsEach` lines long. Written as the database owner with set-based SQL (a
// 100,000-item seed takes seconds). Shared by `npm run bench:reminders` and `npm run chaos`.
export async function seedReminders(client, { orgs: ORGS, owners: OWNERS, itemsEach: ITEMS_EACH }) {
  const t = Date.now();
  await client.query(`create temporary table bench_org as
    select gen_random_uuid() as id, n from generate_series(1, ${ORGS}) n`);
  await client.query(`insert into organisation (id, name, slug, kind, size_band, governance, time_zone, created_at)
    select id, 'Bench ' || n, 'bench-' || n, 'LIBRARY', 'SMALL', 'CHARITY', 'Europe/London', now() from bench_org`);
  await client.query(`create temporary table bench_user as
    select gen_random_uuid() as id, o.id as organisation_id, o.n as org_n, u as user_n
      from bench_org o cross join generate_series(1, ${OWNERS}) u`);
  await client.query(`insert into app_user (id, created_at, email, name, password_hash)
    select id, now(), 'owner-' || org_n || '-' || user_n || '@bench.test', 'Owner ' || org_n || '.' || user_n, 'x' from bench_user`);
  await client.query(`insert into membership (id, created_at, organisation_id, user_id, role)
    select gen_random_uuid(), now(), organisation_id, id, 'ASSESSOR' from bench_user`);
  const framework = (await client.query(`select id from framework order by key limit 1`)).rows[0].id;
  await client.query(`create temporary table bench_assessment as
    select gen_random_uuid() as id, gen_random_uuid() as plan_id, u.organisation_id, u.id as by_id from bench_user u where u.user_n = 1`);
  await client.query(`insert into assessment (id, created_at, organisation_id, framework_id, cycle, status, created_by, updated_at)
    select id, now(), organisation_id, $1, 'bench', 'DRAFT', by_id, now() from bench_assessment`, [framework]);
  await client.query(`insert into action_plan (id, created_at, organisation_id, assessment_id, generated_at, generated_by, generations)
    select plan_id, now(), organisation_id, id, now(), by_id, 1 from bench_assessment`);
  await client.query(`insert into action_item (id, created_at, organisation_id, plan_id, assessment_id, item_key, kind, node_key, element_key,
      what, why, gap, guidance, footnotes, priority, priority_reason, target, owner_user_id, due_on, status, updated_at)
    select gen_random_uuid(), now(), u.organisation_id, a.plan_id, a.id, 'bench:' || u.user_n || ':' || i, 'ACTION', '3.1.1', '3.1',
      'Agree the partnership plan with partner ' || i, 'gap', '{}', '[]', '[]', i, 'bench', 'YES', u.id, current_date + (i % 7), 'OPEN', now()
      from bench_user u join bench_assessment a on a.organisation_id = u.organisation_id cross join generate_series(1, ${ITEMS_EACH}) i`);
  await client.query('analyze');
  return Date.now() - t;
}
