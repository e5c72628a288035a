// Not part of npm run bench: profiles one read (node --cpu-prof scripts/bench/profile-read.mjs).
// PROFILE_QUERY=typename (`{ __typename }` signed in), list (the assessments list), plan (the action
// plan page) or whole (the default); PROFILE_REQUESTS (100) sets how many sequential requests are
// measured; PROFILE_STATEMENTS=1 also times each SQL statement (stmt-time.mjs); PROFILE_TARGET=floor
// sends the same requests to the hand-written floor instead, to compare the two profiles.
import { performance } from 'node:perf_hooks';
import { answerKeys } from './pure.mjs';
import { createBenchDatabase, migrateBenchDatabase, ownerClient } from './db.mjs';
import { seedAnsweredAssessment, seedAssessmentList, seedPlan } from './data.mjs';
import { startApi } from './server.mjs';
import { startFloor } from './floor/server.mjs';
import { ASSESSMENT_LIST, PLAN_PAGE, TYPENAME, WHOLE_ASSESSMENT } from './load.mjs';

const timing = process.env.PROFILE_STATEMENTS === '1' ? await import('./stmt-time.mjs') : null;
const requests = Number(process.env.PROFILE_REQUESTS ?? 100);
const db = await createBenchDatabase();
try {
  await migrateBenchDatabase(db);
  const owner = await ownerClient(db);
  const answered = await seedAnsweredAssessment(owner, answerKeys());
  await seedAssessmentList(owner, answered, answerKeys());
  if (process.env.PROFILE_QUERY === 'plan') await seedPlan(owner, answered);
  await owner.end();
  const api = await startApi(db.env);
  const headers = { ...(await api.headersFor(answered.owner, answered.organisation.id)), 'content-type': 'application/json' };
  const queries = {
    typename: { query: TYPENAME },
    list: { query: ASSESSMENT_LIST },
    plan: { query: PLAN_PAGE, variables: { a: answered.assessmentId } },
    whole: { query: WHOLE_ASSESSMENT, variables: { id: answered.assessmentId } },
  };
  const body = JSON.stringify(queries[process.env.PROFILE_QUERY ?? 'whole']);
  const floor = process.env.PROFILE_TARGET === 'floor' ? await startFloor({ connectionString: api.appUrl, poolMax: api.poolMax, secret: api.tokenSecret }) : null;
  const origin = floor?.origin ?? api.origin;
  for (let i = 0; i < 20; i++) await (await fetch(`${origin}/graphql`, { method: 'POST', headers, body })).text();
  timing?.startTiming();
  const start = performance.now();
  for (let i = 0; i < requests; i++) await (await fetch(`${origin}/graphql`, { method: 'POST', headers, body })).text();
  console.log(`sequential: ${((performance.now() - start) / requests).toFixed(1)} ms/request`);
  timing?.reportTiming(requests);
  await floor?.stop();
  await api.stop();
} finally {
  await db.drop();
}
