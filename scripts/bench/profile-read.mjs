// Not part of npm run bench: profiles one read (node --cpu-prof scripts/bench/profile-read.mjs).
// PROFILE_QUERY=typename (`{ __typename }` signed in), list (the assessments list) or whole (the default);
// PROFILE_REQUESTS (100) sets how many sequential requests are measured.
import { performance } from 'node:perf_hooks';
import './stmt-time.mjs';
import { answerKeys } from './pure.mjs';
import { createBenchDatabase, migrateBenchDatabase, ownerClient } from './db.mjs';
import { seedAnsweredAssessment, seedAssessmentList } from './data.mjs';
import { startApi } from './server.mjs';
import { ASSESSMENT_LIST, TYPENAME, WHOLE_ASSESSMENT } from './load.mjs';

const db = await createBenchDatabase();
try {
  await migrateBenchDatabase(db);
  const owner = await ownerClient(db);
  const answered = await seedAnsweredAssessment(owner, answerKeys());
  await seedAssessmentList(owner, answered, answerKeys());
  await owner.end();
  const api = await startApi(db.env);
  const headers = { ...(await api.headersFor(answered.owner, answered.organisation.id)), 'content-type': 'application/json' };
  const queries = { typename: { query: TYPENAME }, list: { query: ASSESSMENT_LIST }, whole: { query: WHOLE_ASSESSMENT, variables: { id: answered.assessmentId } } };
  const body = JSON.stringify(queries[process.env.PROFILE_QUERY ?? 'whole']);
  for (let i = 0; i < 20; i++) await (await fetch(`${api.origin}/graphql`, { method: 'POST', headers, body })).text();
  globalThis.__stmtTiming.start();
  const start = performance.now();
  for (let i = 0; i < Number(process.env.PROFILE_REQUESTS ?? 100); i++) await (await fetch(`${api.origin}/graphql`, { method: 'POST', headers, body })).text();
  console.log(`sequential: ${((performance.now() - start) / Number(process.env.PROFILE_REQUESTS ?? 100)).toFixed(1)} ms/request`);
  globalThis.__stmtTiming.report(Number(process.env.PROFILE_REQUESTS ?? 100));
  await api.stop();
} finally {
  await db.drop();
}
