import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { buildSchema } from 'graphql';
import { Client } from 'pg';
import { MemberRole, type User } from '@waymark/db';
import { type As, type TestApi, startTestApi } from './harness';
import { type OrganisationData, digester, seedOrganisationData } from './world';
import { type FuzzRequest, fuzzRequests } from './fuzz/documents';

/**
 * Property-based fuzzing of the real server over HTTP. Requests are generated from the schema
 * (fuzz/documents.ts) and sent with one of the credentials below; every answer must be a typed
 * one: no 5xx, no INTERNAL_SERVER_ERROR, no error without a code, no stack trace or file path,
 * nothing of the other organisation, and no change to any data unless a mutation succeeded (and
 * then only to the caller's own organisation).
 *
 * `npm test` runs a fixed-seed slice (FUZZ_RUNS, 1,000 by default); `npm run fuzz` runs 10,000 or
 * more with a seed it prints (FUZZ_SEED repeats a run).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = process.env.FUZZ_SEED === 'random' ? Date.now() % 2 ** 31 : Number(process.env.FUZZ_SEED ?? 20261201);

let api: TestApi;
let owner: Client;
let mine: OrganisationData;
let theirs: OrganisationData;
const credentials: [string, As][] = [];
/** The people behind the signed-in credentials: a request may sign them out (everywhere, or by a password change). */
const people = new Map<number, User>();
const THEIR_MARKERS = ['Victim secret', 'Victim Library', 'victim-owner@victim.test'];

/** Their values the caller has itself sent at some point (so may legitimately see again). */
const echoes = new Set<string>();

const STACK = /\bat [\w.<>]+ \(|\.(ts|js|mjs):\d+|node_modules|\/work\/|\/src\//;

beforeAll(async () => {
  api = await startTestApi();
  const myOrg = await api.fx.organisation({ name: 'Fuzzing Archive' });
  const theirOrg = await api.fx.organisation({ name: 'Victim Library' });
  mine = await seedOrganisationData(api, myOrg, 'Fuzz own');
  theirs = await seedOrganisationData(api, theirOrg, 'Victim secret', 'victim-owner@victim.test');
  for (const role of [MemberRole.OWNER, MemberRole.MANAGER, MemberRole.ASSESSOR, MemberRole.VIEWER]) {
    const { user, as } = await api.actor(myOrg, role);
    people.set(credentials.length, user);
    credentials.push([role, as]);
  }
  credentials.push(['API key', { apiKey: mine.apiKeySecret }]);
  credentials.push(['anonymous', {}]);
  // A member of the caller's organisation naming the other organisation, and a forged token.
  people.set(credentials.length, people.get(0)!);
  credentials.push(['foreign organisation header', { ...credentials[0]![1], organisationId: theirOrg.id }]);
  credentials.push(['forged token', { token: 'eyJhbGciOiJIUzI1NiJ9.eyJ1c2VySWQiOiJ4In0.bad' }]);
  owner = new Client({ connectionString: api.db.ownerUrl });
  await owner.connect();
});
afterAll(async () => {
  await owner?.end();
  await api?.close();
});

/** What is wrong with one answer, if anything. */
function problemsWith(request: FuzzRequest, headers: Record<string, string>, status: number, text: string): string[] {
  const problems: string[] = [];
  if (status >= 500) problems.push(`HTTP ${status}`);
  let body: { data?: unknown; errors?: { message?: string; extensions?: { code?: unknown } }[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return [...problems, `not JSON: ${text.slice(0, 200)}`];
  }
  for (const error of body.errors ?? []) {
    const code = error.extensions?.code;
    if (typeof code !== 'string') problems.push(`an error without extensions.code: ${error.message}`);
    else if (code === 'INTERNAL_SERVER_ERROR') problems.push(`INTERNAL_SERVER_ERROR: ${error.message}`);
  }
  if (STACK.test(text)) problems.push(`a stack trace or file path: ${STACK.exec(text)![0]}`);
  // The caller may have sent an id of theirs, now or in an earlier request (a note's text, say), and
  // may see it again ("Assessment <id> was not found"); anything else of theirs is a leak.
  const sent = JSON.stringify({ request, headers });
  const secrets = [...Object.values(theirs).filter((v) => v !== theirs.framework), ...THEIR_MARKERS];
  for (const secret of secrets) if (sent.includes(secret)) echoes.add(secret);
  const leaks = secrets.filter((s) => text.includes(s) && !echoes.has(s));
  if (leaks.length) problems.push(`showed the other organisation's ${leaks.join(', ')}`);
  return problems;
}

it(`answers ${RUNS} generated requests with typed errors only, shows nothing of another organisation and changes nothing it refused`, async () => {
  const schema = buildSchema(readFileSync(path.join(__dirname, '../../schema.graphql'), 'utf8'));
  const ids = {
    own: {
      assessment: [mine.draft, mine.submitted], evidence: [mine.evidence], partner: [mine.partner], item: [mine.item], plan: [mine.plan],
      invitation: [mine.invitation], apiKey: [mine.apiKey], membership: [mine.membership], framework: [mine.framework], user: [mine.ownerUser, mine.assessorUser],
    },
    foreign: Object.entries(theirs).filter(([k]) => k !== 'apiKeySecret').map(([, v]) => v),
  };
  const digest = await digester(owner);
  let myDigest = await digest(mine.org);
  const theirDigest = await digest(theirs.org);
  const outcomes = new Map<string, number>();
  const timing = { request: 0, digest: 0 };

  await fc.assert(
    fc.asyncProperty(fuzzRequests(schema, ids), fc.nat(credentials.length - 1), async (request, who) => {
      const [name, as] = credentials[who]!;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (as.token) headers.authorization = `Bearer ${as.token}`;
      if (as.apiKey) headers['x-api-key'] = as.apiKey;
      if (as.organisationId) headers['x-organisation-id'] = as.organisationId;
      const t0 = Date.now();
      const res = await fetch(api.url, { method: 'POST', headers, body: JSON.stringify({ query: request.query, variables: request.variables, extensions: request.extensions }) });
      const text = await res.text();
      const problems = problemsWith(request, headers, res.status, text);

      const succeeded = res.status < 400 && !(JSON.parse(text) as { errors?: unknown[] }).errors?.length;
      const outcome = succeeded ? 'ok' : String((JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code);
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);

      const t1 = Date.now();
      const after = await digest(mine.org);
      const changed = Object.keys(after).filter((t) => after[t] !== myDigest[t]);
      if (changed.length && !(request.mutation && succeeded)) problems.push(`a ${succeeded ? 'query' : 'refused request'} changed ${changed.join(', ')}`);
      myDigest = after;
      // A generated signOutEverywhere or password change ends the caller's sessions, as it should;
      // the person signs in again, or every later request of theirs would only test refusal.
      const person = people.get(who);
      if (outcome === 'UNAUTHENTICATED' && person) credentials[who] = [name, { ...as, token: await api.tokenFor(person) }];
      const theirsNow = await digest(theirs.org);
      const touched = Object.keys(theirsNow).filter((t) => theirsNow[t] !== theirDigest[t]);
      if (touched.length) problems.push(`changed the other organisation's ${touched.join(', ')}`);
      timing.request += t1 - t0;
      timing.digest += Date.now() - t1;

      if (problems.length) throw new Error(`${request.field} as ${name}: ${problems.join('; ')}\n${(request.query ?? '(no query)').slice(0, 2000)}\n${JSON.stringify(request.variables).slice(0, 2000)}\n${JSON.stringify(request.extensions ?? null).slice(0, 500)}\n${text.slice(0, 1000)}`);
    }),
    { numRuns: RUNS, seed: SEED, endOnFailure: true },
  );
  const answers = [...outcomes].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ');
  console.log(`fuzz: ${RUNS} requests, seed ${SEED}, ${(timing.request / RUNS).toFixed(1)} ms a request (+${(timing.digest / RUNS).toFixed(1)} ms of checks): ${answers}`);
  // The run exercised both sides: successes and refusals of several kinds.
  expect(outcomes.get('ok') ?? 0).toBeGreaterThan(RUNS / 50);
  expect(outcomes.get('BAD_USER_INPUT') ?? 0).toBeGreaterThan(RUNS / 10);
}, 60 * 60 * 1000);
