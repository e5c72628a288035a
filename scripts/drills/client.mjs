// GraphQL over HTTP as a client sees it: every request ends as acknowledged, refused (an answer
// with errors) or unanswered (no answer at all: connection refused or reset, or a timeout).
export async function gql(url, member, query, variables = {}, timeoutMs = 15_000) {
  const started = Date.now();
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${member.token}`, 'x-organisation-id': member.organisationId },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      body = { errors: [{ message: text.slice(0, 200) }] };
    }
    const ms = Date.now() - started;
    if (res.status === 200 && !body.errors?.length && body.data) return { outcome: 'acknowledged', status: res.status, data: body.data, ms };
    const error = body.errors?.[0];
    return { outcome: 'refused', status: res.status, code: error?.extensions?.code ?? null, message: error?.message ?? '', ms };
  } catch (error) {
    return { outcome: 'unanswered', status: null, code: error?.name === 'TimeoutError' ? 'CLIENT_TIMEOUT' : (error?.cause?.code ?? error?.name), ms: Date.now() - started };
  }
}

/** Must succeed (drill set-up): the data, or an error naming what the API said. */
export async function must(url, member, query, variables) {
  const result = await gql(url, member, query, variables);
  if (result.outcome !== 'acknowledged') throw new Error(`set-up request failed: ${JSON.stringify(result)}`);
  return result.data;
}

export function tally(results) {
  const counts = { sent: results.length, acknowledged: 0, refused: 0, unanswered: 0 };
  const answers = {};
  for (const entry of results) {
    const r = entry.result ?? entry;
    counts[r.outcome] += 1;
    if (r.outcome !== 'acknowledged') {
      const key = `${r.status ?? 'no answer'} ${r.code ?? ''}`.trim();
      answers[key] = (answers[key] ?? 0) + 1;
    }
  }
  return { ...counts, failures: answers };
}

export const FRAMEWORK_QUERY = `{ framework(key: "inspiring-learning-partnerships") { id answerKeys } }`;
export const CREATE_ASSESSMENT = `mutation($i: CreateAssessmentInput!) { createAssessment(input: $i) { id } }`;
