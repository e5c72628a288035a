import { randomUUID } from 'node:crypto';
import { isObjectType } from 'graphql';
import {
  ActionItem,
  ActionItemKind,
  ActionPlan,
  ApiKey,
  Assessment,
  AuditEntry,
  Evidence,
  Framework,
  Invitation,
  MemberRole,
  Governance,
  Membership,
  Network,
  NetworkMember,
  Organisation,
  OrganisationKind,
  Partner,
  PartnerType,
  SizeBand,
  User,
  WebhookDelivery,
  WebhookDeliveryStatus,
  WebhookEndpoint,
} from '@waymark/db';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createSchema } from '../graphql/schema';
import { type As, type TestApi, ok, startTestApi } from './harness';

/**
 * Every connection pages by keyset, forwards (first/after) and backwards (last/before): a row
 * inserted between two pages, sorting before the cursor (where offset paging would shift every
 * later row by one), is neither skipped nor repeated, and no row of the list is lost; backwards
 * gives the same list as forwards. One case per connection in the schema; a new connection without
 * its case fails the first test.
 */
let api: TestApi;
let org: Organisation;
let owner: As;
let ownerId: string;
let assessmentId: string;
let planId: string;
/** A regional body, its owner and one of its networks, for the networks' lists. */
let body: Organisation;
let bodyOwner: As;
let bodyOwnerId: string;
let networkId: string;
const TAG = `Paging ${randomUUID().slice(0, 8)}`;

const old = (minutes: number) => new Date(Date.UTC(2001, 0, 1, 0, minutes));

interface ListCase {
  /** The query with `$after` for one page of two (first: 2); `path` names the connection in the answer. */
  query: string;
  path: (data: any) => any;
  /** Rows of the list, before any page is read. */
  seed: (em: EntityManager, i: number) => void;
  /** A row that sorts before the end of the first page; `round` tells the inserts apart (1, 2). */
  insertBefore: (em: EntityManager, round: number) => void;
  /** Who reads the list (the institution's owner unless said). */
  as?: () => As;
}

const PAGE_INFO = 'pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';
const page = (field: string, args = '') =>
  `query($after: String) { ${field}(${args}${args ? ', ' : ''}first: 2, after: $after) { edges { cursor node { id } } ${PAGE_INFO} } }`;
/** The same query paging backwards: two at a time before `$before`. */
const backwards = (query: string) => query.replace('$after: String', '$before: String').replace('first: 2, after: $after', 'last: 2, before: $before');

const item = (em: EntityManager, overrides: Partial<ActionItem>) =>
  em.create(ActionItem, {
    organisationId: org.id, planId, assessmentId, itemKey: `k:${randomUUID()}`, kind: ActionItemKind.ACTION, nodeKey: '3.1.1', elementKey: '3.1',
    what: 'w', why: 'y', gap: {}, priority: 5, priorityReason: 'r', target: 't', ...overrides,
  });

const CASES: Record<string, ListCase> = {
  frameworks: {
    query: page('frameworks'),
    path: (d) => d.frameworks,
    seed: (em, i) =>
      em.create(Framework, { key: `paging-${i}`, version: '1.0.0', title: `Paging ${i}`, source: {}, document: {}, contentHash: 'x'.repeat(64), createdAt: old(10 + i) }),
    insertBefore: (em, round) => em.create(Framework, { key: `paging-first-${round}`, version: '1.0.0', title: 'First', source: {}, document: {}, contentHash: 'y'.repeat(64), createdAt: old(1) }),
  },
  assessments: {
    query: page('assessments'),
    path: (d) => d.assessments,
    seed: (em, i) => em.create(Assessment, { organisationId: org.id, frameworkId: FRAMEWORK.id, cycle: `p${i}`, createdBy: ownerId, createdAt: old(10 + i) }),
    insertBefore: (em, round) => em.create(Assessment, { organisationId: org.id, frameworkId: FRAMEWORK.id, cycle: `newest-${round}`, createdBy: ownerId }),
  },
  evidenceLibrary: {
    query: page('evidenceLibrary'),
    path: (d) => d.evidenceLibrary,
    seed: (em, i) => em.create(Evidence, { organisationId: org.id, title: `e${i}`, url: 'https://example.org', evidenceDate: '2026-01-01', createdBy: ownerId, createdAt: old(10 + i) }),
    insertBefore: (em) => em.create(Evidence, { organisationId: org.id, title: 'newest', url: 'https://example.org', evidenceDate: '2026-01-01', createdBy: ownerId }),
  },
  members: {
    query: page('members'),
    path: (d) => d.members,
    seed: () => undefined,
    insertBefore: (em) => {
      const user = em.create(User, { email: `earliest-${randomUUID()}@example.test`, name: 'Earliest', passwordHash: 'x' });
      em.create(Membership, { organisationId: org.id, userId: user.id, role: MemberRole.VIEWER, createdAt: old(1) });
    },
  },
  invitations: {
    query: page('invitations'),
    path: (d) => d.invitations,
    seed: (em, i) => em.create(Invitation, invitation(`i${i}@example.test`, old(10 + i))),
    insertBefore: (em) => em.create(Invitation, invitation('newest@example.test', new Date())),
  },
  apiKeys: {
    query: page('apiKeys'),
    path: (d) => d.apiKeys,
    seed: (em, i) => em.create(ApiKey, key(`k${i}`, old(10 + i))),
    insertBefore: (em) => em.create(ApiKey, key('newest', new Date())),
  },
  auditLog: {
    query: page('auditLog'),
    path: (d) => d.auditLog,
    seed: (em, i) => em.create(AuditEntry, { organisationId: org.id, action: 'paging.test', entityType: 'Test', entityId: String(i), at: old(10 + i) }),
    insertBefore: (em) => em.create(AuditEntry, { organisationId: org.id, action: 'paging.test', entityType: 'Test', entityId: 'newest' }),
  },
  partners: {
    query: page('partners'),
    path: (d) => d.partners,
    seed: (em, i) => em.create(Partner, { organisationId: org.id, name: `Partner ${i}`, partnerType: PartnerType.OTHER, createdBy: ownerId }),
    insertBefore: (em) => em.create(Partner, { organisationId: org.id, name: 'AAA first by name', partnerType: PartnerType.OTHER, createdBy: ownerId }),
  },
  actionItems: {
    query: page('actionItems'),
    path: (d) => d.actionItems,
    seed: (em, i) => item(em, { priority: 10 + i }),
    insertBefore: (em) => item(em, { priority: 0 }),
  },
  'actionItems by due date': {
    query: page('actionItems', 'sort: DUE_ON'),
    path: (d) => d.actionItems,
    seed: () => undefined,
    insertBefore: (em) => item(em, { priority: 99, dueOn: '2000-01-01' }),
  },
  'actionItems by element': {
    query: page('actionItems', 'sort: ELEMENT'),
    path: (d) => d.actionItems,
    seed: () => undefined,
    insertBefore: (em) => item(em, { priority: 99, elementKey: '3.0' }),
  },
  'actionItems by status': {
    query: page('actionItems', 'sort: STATUS'),
    path: (d) => d.actionItems,
    seed: () => undefined,
    insertBefore: (em) => item(em, { priority: -1 }),
  },
  webhookEndpoints: {
    query: page('webhookEndpoints'),
    path: (d) => d.webhookEndpoints,
    seed: (em, i) => em.create(WebhookEndpoint, endpoint(old(10 + i))),
    insertBefore: (em) => em.create(WebhookEndpoint, endpoint(new Date())),
  },
  webhookDeliveries: {
    query: page('webhookDeliveries'),
    path: (d) => d.webhookDeliveries,
    seed: (em, i) => em.create(WebhookDelivery, delivery(old(10 + i), WebhookDeliveryStatus.DELIVERED)),
    insertBefore: (em) => em.create(WebhookDelivery, delivery(new Date(), WebhookDeliveryStatus.PENDING)),
  },
  webhookDeadLetters: {
    query: page('webhookDeadLetters'),
    path: (d) => d.webhookDeadLetters,
    seed: (em, i) => em.create(WebhookDelivery, { ...delivery(old(10 + i), WebhookDeliveryStatus.DEAD), deadAt: old(30 + i) }),
    insertBefore: (em) => em.create(WebhookDelivery, { ...delivery(new Date(), WebhookDeliveryStatus.DEAD), deadAt: new Date() }),
  },
  'ActionPlan.items': {
    query: `query($a: ID!, $after: String) { actionPlan(assessmentId: $a) { items(first: 2, after: $after) { edges { cursor node { id } } ${PAGE_INFO} } } }`,
    path: (d) => d.actionPlan.items,
    seed: () => undefined,
    insertBefore: (em) => item(em, { priority: -2 }),
  },
  networks: {
    query: page('networks'),
    path: (d) => d.networks,
    as: () => bodyOwner,
    seed: (em, i) => em.create(Network, { organisationId: body.id, name: `Network ${i}`, createdBy: bodyOwnerId }),
    insertBefore: (em, round) => em.create(Network, { organisationId: body.id, name: `AAA first by name ${round}`, createdBy: bodyOwnerId }),
  },
  'Network.members': {
    query: `query($n: ID!, $after: String) { network(id: $n) { members(first: 2, after: $after) { edges { cursor node { id } } ${PAGE_INFO} } } }`,
    path: (d) => d.network.members,
    as: () => bodyOwner,
    seed: (em, i) => member(em, institution(em, `Member ${i}`)),
    insertBefore: (em) => member(em, institution(em, 'AAA first by name')),
  },
  networkMemberships: {
    query: page('networkMemberships'),
    path: (d) => d.networkMemberships,
    // All name the same institution: they page by membership id, so the inserted one has the lowest.
    seed: (em, i) => membership(em, `Body ${i}`),
    insertBefore: (em, round) => membership(em, 'Body first', `00000000-0000-4000-8000-00000000000${round}`),
  },
  institutionDirectory: {
    query: page('institutionDirectory', `search: "${TAG}"`),
    path: (d) => d.institutionDirectory,
    as: () => bodyOwner,
    seed: (em, i) => institution(em, `${TAG} ${i}`),
    insertBefore: (em) => institution(em, `${TAG} 0 and a half`),
  },
};

const institution = (em: EntityManager, name: string, kind: OrganisationKind = OrganisationKind.LIBRARY) =>
  em.create(Organisation, { name, slug: `paging-${randomUUID().slice(0, 8)}`, kind, sizeBand: SizeBand.MEDIUM, governance: Governance.LOCAL_AUTHORITY });
const member = (em: EntityManager, of: Organisation) =>
  em.create(NetworkMember, { organisationId: body.id, networkId, memberOrganisationId: of.id, invitedBy: bodyOwnerId });
const membership = (em: EntityManager, bodyName: string, id?: string) => {
  const other = institution(em, bodyName, OrganisationKind.REGIONAL_BODY);
  const net = em.create(Network, { organisationId: other.id, name: 'Network', createdBy: ownerId });
  return em.create(NetworkMember, { ...(id ? { id } : {}), organisationId: other.id, networkId: net.id, memberOrganisationId: org.id, invitedBy: ownerId });
};

let FRAMEWORK: Framework;
let endpointId: string;
const endpoint = (createdAt: Date) => ({
  organisationId: org.id, url: 'https://example.org/hook', eventTypes: ['plan.generated'], secretCiphertext: 'sealed', createdBy: ownerId, createdAt,
});
const delivery = (createdAt: Date, status: WebhookDeliveryStatus) => ({
  organisationId: org.id, endpointId, eventId: randomUUID(), eventType: 'plan.generated', body: '{}', status, createdAt,
});
const invitation = (email: string, createdAt: Date) => ({
  organisationId: org.id, email, role: MemberRole.VIEWER, tokenHash: 'x'.repeat(64), invitedBy: ownerId, expiresAt: new Date(Date.now() + 86_400_000), createdAt,
});
const key = (name: string, createdAt: Date) => ({ organisationId: org.id, name, prefix: 'wmk_…', secretHash: 'x'.repeat(64), scopes: [], createdBy: ownerId, createdAt });

beforeAll(async () => {
  api = await startTestApi();
  org = await api.fx.organisation();
  const actor = await api.actor(org, MemberRole.OWNER);
  owner = actor.as;
  ownerId = actor.user.id;
  FRAMEWORK = await api.fx.framework();
  const em = api.db.owner.em.fork();
  const assessment = em.create(Assessment, { organisationId: org.id, frameworkId: FRAMEWORK.id, cycle: 'plan', createdBy: ownerId });
  const plan = em.create(ActionPlan, { organisationId: org.id, assessmentId: assessment.id, generatedBy: ownerId });
  assessmentId = assessment.id;
  planId = plan.id;
  endpointId = em.create(WebhookEndpoint, endpoint(old(5))).id;
  for (let i = 0; i < 5; i++) {
    const { user } = await api.fx.member(org, MemberRole.VIEWER);
    await em.nativeUpdate(Membership, { userId: user.id }, { createdAt: old(20 + i) }, { filters: false });
  }
  body = await api.fx.organisation({ kind: OrganisationKind.REGIONAL_BODY });
  const bodyActor = await api.actor(body, MemberRole.OWNER);
  bodyOwner = bodyActor.as;
  bodyOwnerId = bodyActor.user.id;
  networkId = em.create(Network, { organisationId: body.id, name: 'The network', createdBy: bodyOwnerId }).id;
  for (const c of Object.values(CASES)) for (let i = 0; i < 5; i++) c.seed(em, i);
  await em.flush();
});
afterAll(() => api.close());

/** The ids of the whole list, read two at a time forwards; checks PageInfo on every page. */
async function ids(c: ListCase, vars: Record<string, unknown>, insert?: () => Promise<void>) {
  const seen: string[] = [];
  let after: string | null = null;
  for (let pageNo = 0; pageNo < 100; pageNo++) {
    const connection = c.path(ok(await api.gql(c.query, { ...vars, after }, c.as?.() ?? owner)));
    seen.push(...connection.edges.map((e: any) => e.node.id));
    expect(connection.pageInfo.hasPreviousPage).toBe(pageNo > 0);
    expect(connection.pageInfo.startCursor).toBe(connection.edges[0]?.cursor ?? null);
    if (pageNo === 0) await insert?.();
    if (!connection.pageInfo.hasNextPage) return seen;
    after = connection.pageInfo.endCursor;
  }
  throw new Error('more than 100 pages');
}

/** The ids of the whole list, read two at a time backwards from its end, in the list's order. */
async function idsBackwards(c: ListCase, vars: Record<string, unknown>, insert?: () => Promise<void>) {
  const pages: string[][] = [];
  let before: string | null = null;
  for (let pageNo = 0; pageNo < 100; pageNo++) {
    const connection = c.path(ok(await api.gql(backwards(c.query), { ...vars, before }, c.as?.() ?? owner)));
    pages.unshift(connection.edges.map((e: any) => e.node.id));
    expect(connection.pageInfo.hasNextPage).toBe(pageNo > 0);
    expect(connection.pageInfo.endCursor).toBe(connection.edges.at(-1)?.cursor ?? null);
    if (pageNo === 0) await insert?.();
    if (!connection.pageInfo.hasPreviousPage) return pages.flat();
    before = connection.pageInfo.startCursor;
  }
  throw new Error('more than 100 pages');
}

it('has a case for every connection in the schema', async () => {
  const schema = await createSchema();
  const connections = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const named = field.type.toString().replace(/[![\]]/g, '');
      if (named.endsWith('Connection')) connections.add(type.name === 'Query' ? field.name : `${type.name}.${field.name}`);
    }
  }
  const covered = new Set(Object.keys(CASES).map((name) => name.split(' ')[0]!));
  expect([...connections].filter((c) => !covered.has(c))).toEqual([]);
});

it.each(Object.keys(CASES))('%s: a row inserted between two pages is neither skipped nor repeated', async (name) => {
  const c = CASES[name]!;
  const vars = { a: assessmentId, n: networkId };
  const before = await ids(c, vars);
  expect(before.length).toBeGreaterThanOrEqual(4);
  expect(new Set(before).size).toBe(before.length);
  const paged = await ids(c, vars, async () => {
    const em = api.db.owner.em.fork();
    c.insertBefore(em, 1);
    await em.flush();
  });
  expect(paged).toEqual(before);
});

it.each(Object.keys(CASES))('%s: backwards gives the list forwards gives, and a row inserted between two pages is read once', async (name) => {
  const c = CASES[name]!;
  const vars = { a: assessmentId, n: networkId };
  expect(await idsBackwards(c, vars)).toEqual(await ids(c, vars));
  // The inserted row sorts near the start, not yet read when going backwards: it is read once, in its place.
  const paged = await idsBackwards(c, vars, async () => {
    const em = api.db.owner.em.fork();
    c.insertBefore(em, 2);
    await em.flush();
  });
  expect(new Set(paged).size).toBe(paged.length);
  expect(paged).toEqual(await ids(c, vars));
});

it('pages backwards within the caller\'s organisation only, whatever cursor it is given', async () => {
  const mine = await ids(CASES.partners!, {});
  const asOther = { ...CASES.partners!, as: () => bodyOwner };
  const theirs = await idsBackwards(asOther, {});
  expect(theirs.filter((id) => mine.includes(id))).toEqual([]);
  const myLast = CASES.partners!.path(ok(await api.gql(backwards(CASES.partners!.query), { before: null }, owner)));
  const fromMyCursor = CASES.partners!.path(ok(await api.gql(backwards(CASES.partners!.query), { before: myLast.pageInfo.startCursor }, bodyOwner)));
  expect(fromMyCursor.edges.filter((e: any) => mine.includes(e.node.id))).toEqual([]);
});

it('refuses mixed directions, pages past the cap and foreign cursors, in words', async () => {
  const LIST = `query($first: Int, $after: String, $last: Int, $before: String, $page: PageInput) {
    partners(first: $first, after: $after, last: $last, before: $before, page: $page) { edges { cursor } } }`;
  const { edges } = ok(await api.gql(LIST, { first: 1 }, owner)).partners;
  const cursor = edges[0].cursor as string;
  const refusals: [Record<string, unknown>, string][] = [
    [{ first: 1, last: 1 }, 'last'],
    [{ after: cursor, last: 1 }, 'last'],
    [{ before: cursor, first: 1 }, 'first'],
    [{ after: cursor, before: cursor }, 'before'],
    [{ page: { first: 1 }, first: 1 }, 'page'],
    [{ last: 101 }, 'last'],
    [{ first: -1 }, 'first'],
    [{ before: 'bm90IGEgY3Vyc29y' }, 'before'],
  ];
  for (const [vars, field] of refusals) {
    const res = await api.gql(LIST, vars, owner);
    expect([vars, res.errors?.[0]?.extensions?.code]).toEqual([vars, 'BAD_USER_INPUT']);
    expect(JSON.stringify(res.errors)).toContain(field);
  }
});

it('still answers the deprecated page argument, as first/after', async () => {
  const LIST = `query($page: PageInput, $first: Int, $after: String) { partners(page: $page, first: $first, after: $after) { edges { node { id } } pageInfo { endCursor } } }`;
  const first = ok(await api.gql(LIST, { first: 2 }, owner)).partners;
  expect(ok(await api.gql(LIST, { page: { first: 2 } }, owner)).partners).toEqual(first);
  const next = ok(await api.gql(LIST, { first: 2, after: first.pageInfo.endCursor }, owner)).partners;
  expect(ok(await api.gql(LIST, { page: { first: 2, after: first.pageInfo.endCursor } }, owner)).partners).toEqual(next);
});

it('answers first: 0 with no items and whether any exist', async () => {
  const res = ok(await api.gql(`{ partners(first: 0) { edges { cursor } pageInfo { hasNextPage startCursor } } }`, {}, owner)).partners;
  expect(res).toEqual({ edges: [], pageInfo: { hasNextPage: true, startCursor: null } });
});

it('refuses a cursor of another list or order', async () => {
  const first = CASES.actionItems!.path(ok(await api.gql(CASES.actionItems!.query, { after: null }, owner)));
  const res = await api.gql(CASES['actionItems by due date']!.query, { after: first.pageInfo.endCursor }, owner);
  expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  const other = await api.gql(CASES.partners!.query, { after: first.pageInfo.endCursor }, owner);
  expect(other.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  const back = await api.gql(backwards(CASES.partners!.query), { before: first.pageInfo.endCursor }, owner);
  expect(back.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
});
