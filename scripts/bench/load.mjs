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

// A page of the organisation's assessments, each with its answers and scores: what a dashboard lists.
export const ASSESSMENT_LIST = `{ assessments(first: 20) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node {
  id cycle status previous { id } answers { nodeKey value } scores { practice evidence complete }
} } } }`;

// The action plan as its page shows it: items by priority, each with its owner and history.
export const PLAN_PAGE = `query($a: ID!) { actionItems(filter: { assessmentId: $a }, first: 50) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node {
  id itemKey kind what why priority status dueOn nextReviewOn owner { id name email } notes { body createdAt author { name } }
} } } }`;

// The lightest signed-in request: the fixed cost of one (credential, transaction, GraphQL, answer).
export const TYPENAME = '{ __typename }';

// The lightest read that touches a table.
export const FRAMEWORK_COUNT = '{ frameworks { totalCount } }';

export async function graphqlLoad({ api, client, label, query, variables = {}, headers, requests, connections, warmup = 50 }) {
  const body = JSON.stringify({ query, variables });
  if (!requests) return { label };
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
