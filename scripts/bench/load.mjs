// GraphQL throughput and latency against the in-process API, with the SQL statements each request
// costs (counted by the server, not guessed).

// The whole-assessment read of apps/api/src/__tests__/query-count.test.ts: answers, each assessor's
// view, evidence per answer, disagreements, missing keys and scores. The heaviest read a client makes.
export const WHOLE_ASSESSMENT = `query($id: ID!) { assessment(id: $id) {
  id cycle status framework { key nodes { key } }
  answers { nodeKey value note evidence { id title url } }
  assessorAnswers { nodeKey value userId }
  myAnswers { nodeKey }
  disagreements { nodeKey values { value userIds } }
  missingKeys
  scores { practice evidence complete elements { elementKey practice evidence actions { actionKey practice } } }
  reopenings { reason }
} }`;

// The lightest authenticated read: one count, for the fixed cost of a request (auth, transaction, GraphQL).
export const FRAMEWORK_COUNT = '{ frameworks { totalCount } }';

export async function graphqlLoad({ api, client, label, query, variables = {}, headers, requests, connections, warmup = 50 }) {
  const body = JSON.stringify({ query, variables });
  // Statements are counted around the measured requests only: the client runs the warm-up first and
  // sends nothing else meanwhile, so (after - before) / requests is the cost of one request.
  const result = await client.run('load', { url: `${api.origin}/graphql`, headers, body, requests: 0, connections, warmup });
  if (result.firstError) throw new Error(`${label}: the request fails, so there is nothing to measure: ${result.firstError}`);
  const before = api.counter.statements;
  // CPU of this process (the API) only: the client runs in its own process, PostgreSQL in its own.
  const cpuBefore = process.cpuUsage();
  const measured = await client.run('load', { url: `${api.origin}/graphql`, headers, body, requests, connections, warmup: 0 });
  const cpu = process.cpuUsage(cpuBefore);
  const statements = api.counter.statements - before;
  return { label, ...measured, statementsPerRequest: statements / requests, apiCpuMsPerRequest: (cpu.user + cpu.system) / 1000 / requests };
}
