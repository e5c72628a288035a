import { createClient, fetchExchange, gql } from '@urql/core';
import { type Organisation, Partner, PartnerType } from '@waymark/db';
import { type As, type TestApi, MemberRole, startTestApi } from './harness';

/**
 * A Relay client's view: urql (@urql/core, no cache exchange so every page is a real request) over
 * HTTP against the real API, paging a list forwards with first/after and backwards with
 * last/before, as the Relay Cursor Connections spec describes.
 */
let api: TestApi;
let org: Organisation;
let owner: As;
const names = Array.from({ length: 7 }, (_, i) => `Relay partner ${String(i).padStart(2, '0')}`);

const PARTNERS = gql`
  query Partners($first: Int, $after: String, $last: Int, $before: String) {
    partners(first: $first, after: $after, last: $last, before: $before) {
      edges { cursor node { id name } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
`;

interface Page {
  edges: { cursor: string; node: { id: string; name: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

beforeAll(async () => {
  api = await startTestApi();
  org = await api.fx.organisation();
  const actor = await api.actor(org, MemberRole.OWNER);
  owner = actor.as;
  const em = api.db.owner.em.fork();
  for (const name of names) em.create(Partner, { organisationId: org.id, name, partnerType: PartnerType.OTHER, createdBy: actor.user.id });
  await em.flush();
});
afterAll(() => api.close());

const client = () =>
  createClient({
    url: api.url,
    exchanges: [fetchExchange],
    preferGetMethod: false,
    fetchOptions: { headers: { authorization: `Bearer ${owner.token}`, 'x-organisation-id': org.id } },
  });

async function partners(variables: Record<string, unknown>): Promise<Page> {
  const result = await client().query(PARTNERS, variables).toPromise();
  if (result.error) throw result.error;
  return (result.data as { partners: Page }).partners;
}

it('pages forwards with first/after and backwards with last/before through the same list', async () => {
  const forwards: string[] = [];
  let page = await partners({ first: 3 });
  expect(page.pageInfo.hasPreviousPage).toBe(false);
  forwards.push(...page.edges.map((e) => e.node.name));
  while (page.pageInfo.hasNextPage) {
    page = await partners({ first: 3, after: page.pageInfo.endCursor });
    expect(page.pageInfo.hasPreviousPage).toBe(true);
    forwards.push(...page.edges.map((e) => e.node.name));
  }
  expect(forwards).toEqual(names);

  const backwards: string[][] = [];
  page = await partners({ last: 3 });
  expect(page.pageInfo.hasNextPage).toBe(false);
  backwards.unshift(page.edges.map((e) => e.node.name));
  while (page.pageInfo.hasPreviousPage) {
    page = await partners({ last: 3, before: page.pageInfo.startCursor });
    expect(page.pageInfo.hasNextPage).toBe(true);
    backwards.unshift(page.edges.map((e) => e.node.name));
  }
  expect(backwards).toEqual([names.slice(0, 1), names.slice(1, 4), names.slice(4)]);
});

it('turns back from the middle: last/before from a forward page gives the items before it', async () => {
  const second = await partners({ first: 2, after: (await partners({ first: 2 })).pageInfo.endCursor });
  expect(second.edges.map((e) => e.node.name)).toEqual(names.slice(2, 4));
  const back = await partners({ last: 2, before: second.pageInfo.startCursor });
  expect(back.edges.map((e) => e.node.name)).toEqual(names.slice(0, 2));
  expect(back.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
});

it('is refused in words, as a GraphQL error urql reads, when first and last are mixed', async () => {
  const result = await client().query(PARTNERS, { first: 1, last: 1 }).toPromise();
  expect(result.error?.graphQLErrors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(result.error?.graphQLErrors[0]?.message).toMatch(/last/);
});
