import { randomUUID } from 'node:crypto';
import { AuditEntry, MemberRole, type Organisation, Partner, PartnerLink, PartnerStatus, PartnerType } from '@waymark/db';
import { API_KEY_SCOPES } from '@waymark/domain';
import { addDays, localDate } from '@waymark/domain';
import { type As, type GqlResponse, type TestApi, errorCode, ok, startTestApi } from './harness';

let api: TestApi;
let org: Organisation;
let frameworkId: string;
let owner: As;
let manager: As;
let assessor: As;
let viewer: As;
let answerKeys: string[];
let practiceKeys: string[];

/** Fixture organisations keep the default time zone; "today" is the organisation's today. */
const today = () => localDate(new Date(), 'Europe/London');
const inDays = (n: number) => addDays(today(), n);

const FIELDS = `id name partnerType contactName contactEmail contactPhone theyBring weBring status startDate nextReviewOn reviewIntervalDays notes createdAt updatedAt`;
const GET = `query($id: ID!) { partner(id: $id) { ${FIELDS} links { partnerId assessmentId nodeKey createdAt } } }`;
const LIST = `query($first: Int, $after: String, $filter: PartnerFilter) { partners(first: $first, after: $after, filter: $filter) {
  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name status partnerType nextReviewOn } }
} }`;
const CREATE = `mutation($input: CreatePartnerInput!) { createPartner(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdatePartnerInput!) { updatePartner(id: $id, input: $input) { ${FIELDS} } }`;
const DELETE = `mutation($id: ID!) { deletePartner(id: $id) }`;
const REVIEW = `mutation($id: ID!, $note: String) { reviewPartner(id: $id, note: $note) { id nextReviewOn reviewIntervalDays } }`;
const LINK = `mutation($input: PartnerLinkInput!) { linkPartner(input: $input) { partnerId assessmentId nodeKey createdAt } }`;
const UNLINK = `mutation($input: PartnerLinkInput!) { unlinkPartner(input: $input) }`;
const ANSWERS = `query($id: ID!) { assessment(id: $id) { id answers { nodeKey value partners { id name } evidence { id } } } }`;
const CONSENSUS = `mutation($input: AnswersInput!) { setConsensusAnswers(input: $input) { id } }`;

const museum = {
  name: 'Riverside Science Museum',
  partnerType: 'INFORMAL_LEARNING_INSTITUTION',
  contactName: 'Ada Lovelace',
  contactEmail: 'ada@riverside.example',
  contactPhone: '+44 20 7946 0000',
  theyBring: 'Hands-on science kits and facilitators',
  weBring: 'Space, a family audience and reading programmes',
  status: 'ACTIVE',
  startDate: '2019-04-01',
  reviewIntervalDays: 180,
  notes: 'Met at the regional learning forum.',
};

beforeAll(async () => {
  api = await startTestApi();
  org = await api.fx.organisation({ name: 'Partners Library' });
  frameworkId = (await api.fx.framework()).id;
  owner = (await api.actor(org, MemberRole.OWNER)).as;
  manager = (await api.actor(org, MemberRole.MANAGER)).as;
  assessor = (await api.actor(org, MemberRole.ASSESSOR)).as;
  viewer = (await api.actor(org, MemberRole.VIEWER)).as;
  answerKeys = ok(await api.gql(`{ framework(key: "inspiring-learning-partnerships") { answerKeys } }`, {}, viewer)).framework.answerKeys;
  practiceKeys = answerKeys.filter((k) => !/\.g\d/.test(k));
});
afterAll(() => api.close());

async function createPartner(input: Record<string, unknown>, as: As = assessor): Promise<any> {
  return ok(await api.gql(CREATE, { input }, as)).createPartner;
}

async function newAssessment(cycle: string, as: As = manager): Promise<string> {
  return ok(await api.gql(`mutation($input: CreateAssessmentInput!) { createAssessment(input: $input) { id } }`, { input: { frameworkId, cycle } }, as)).createAssessment.id;
}

async function auditOf(entityId: string) {
  return api.db.owner.em.fork().find(AuditEntry, { entityId }, { orderBy: { at: 'asc' }, filters: false });
}

function expectBadInput(res: GqlResponse, field: string) {
  expect(errorCode(res)).toBe('BAD_USER_INPUT');
  expect(res.errors![0]!.message).toContain(field);
}

describe('the partnership register', () => {
  it('creates, reads, updates (only the fields given) and deletes a partnership, auditing each change', async () => {
    const created = await createPartner({ ...museum, nextReviewOn: inDays(30) });
    expect(created).toMatchObject({ ...museum, nextReviewOn: inDays(30) });
    expect(ok(await api.gql(GET, { id: created.id }, viewer)).partner).toMatchObject({ ...museum, links: [] });

    const updated = ok(await api.gql(UPDATE, { id: created.id, input: { contactPhone: null, notes: '  Renewed for two years.  ', status: 'PAUSED' } }, assessor)).updatePartner;
    expect(updated).toMatchObject({
      ...museum, contactPhone: null, notes: 'Renewed for two years.', status: 'PAUSED', nextReviewOn: inDays(30), createdAt: created.createdAt,
    });
    expect(new Date(updated.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(created.updatedAt).getTime());

    const listed = ok(await api.gql(LIST, {}, viewer)).partners.edges.map((e: any) => e.node.id);
    expect(listed).toContain(created.id);

    expect(ok(await api.gql(DELETE, { id: created.id }, manager)).deletePartner).toBe(true);
    const gone = await api.gql(GET, { id: created.id }, viewer);
    expect(errorCode(gone)).toBe('NOT_FOUND');
    expect(errorCode(await api.gql(DELETE, { id: created.id }, manager))).toBe('NOT_FOUND');

    const rows = await auditOf(created.id);
    expect(rows.map((r) => r.action)).toEqual(['partner.create', 'partner.update', 'partner.delete']);
    expect(rows.every((r) => r.organisationId === org.id)).toBe(true);
    expect(rows[0]!.before).toBeNull();
    expect(rows[0]!.after).toMatchObject({ name: museum.name, contactEmail: museum.contactEmail });
    expect(rows[1]!.before).toMatchObject({ contactPhone: museum.contactPhone, status: 'ACTIVE' });
    expect(rows[1]!.after).toMatchObject({ contactPhone: null, status: 'PAUSED' });
    expect(rows[2]!.before).toMatchObject({ name: museum.name, links: [] });
    expect(rows[2]!.after).toBeNull();
  });

  it('answers NOT_FOUND for a missing or malformed id', async () => {
    for (const id of [randomUUID(), 'not-a-uuid', "'; drop table partner; --"]) {
      expect(errorCode(await api.gql(GET, { id }, viewer))).toBe('NOT_FOUND');
      expect(errorCode(await api.gql(UPDATE, { id, input: { notes: 'x' } }, manager))).toBe('NOT_FOUND');
      expect(errorCode(await api.gql(REVIEW, { id }, manager))).toBe('NOT_FOUND');
    }
  });

  it('filters by status, partner type and review due date, ordered by name, with cursor paging', async () => {
    const other = await api.fx.organisation();
    const as = (await api.actor(other, MemberRole.MANAGER)).as;
    const make = (name: string, partnerType: string, status: string, nextReviewOn: string | null) =>
      createPartner({ name, partnerType, status, nextReviewOn }, as);
    const school = await make('Hillside Primary School', 'SCHOOL_OR_UNIVERSITY', 'ACTIVE', inDays(10));
    const youth = await make('Youth Arts Collective', 'YOUTH_SERVING_ORGANISATION', 'ACTIVE', inDays(60));
    const cafe = await make('Corner Café Book Club', 'INDIVIDUAL_BUSINESS_OR_COMMUNITY_GROUP', 'PROSPECTIVE', null);
    const uni = await make('Bayside University', 'SCHOOL_OR_UNIVERSITY', 'PAUSED', inDays(5));
    const ended = await make('Archive Friends', 'OTHER', 'ENDED', null);
    // An overdue review (the API refuses to set a past date, so it is written directly).
    const em = api.db.owner.em.fork();
    await em.nativeUpdate(Partner, { id: uni.id }, { nextReviewOn: inDays(-3) }, { filters: false });

    const names = async (filter?: Record<string, unknown>, page?: Record<string, unknown>) => {
      const list = ok(await api.gql(LIST, { filter, page }, as)).partners;
      return list.edges.map((e: any) => e.node.name);
    };
    expect(await names()).toEqual(['Archive Friends', 'Bayside University', 'Corner Café Book Club', 'Hillside Primary School', 'Youth Arts Collective']);
    expect(await names({ status: ['ACTIVE'] })).toEqual(['Hillside Primary School', 'Youth Arts Collective']);
    expect(await names({ status: ['ACTIVE', 'PAUSED'] })).toEqual(['Bayside University', 'Hillside Primary School', 'Youth Arts Collective']);
    expect(await names({ partnerType: ['SCHOOL_OR_UNIVERSITY'] })).toEqual(['Bayside University', 'Hillside Primary School']);
    expect(await names({ reviewDueBy: inDays(10) })).toEqual(['Bayside University', 'Hillside Primary School']);
    expect(await names({ reviewDueBy: today() })).toEqual(['Bayside University']);
    expect(await names({ status: ['ACTIVE'], partnerType: ['SCHOOL_OR_UNIVERSITY'], reviewDueBy: inDays(30) })).toEqual(['Hillside Primary School']);
    expect(await names({ status: [], partnerType: [] })).toHaveLength(5);
    expect(await names({ status: ['ENDED'] })).toEqual(['Archive Friends']);

    // Paging walks the whole list once, in order, whatever the page size.
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = ok(await api.gql(LIST, { first: 2, after }, as)).partners;
      expect(page.totalCount).toBe(5);
      seen.push(...page.edges.map((e: any) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual([ended.id, uni.id, cafe.id, school.id, youth.id]);
    expect(errorCode(await api.gql(LIST, { first: 2, after: 'bogus' }, as))).toBe('BAD_USER_INPUT');
    expect(errorCode(await api.gql(LIST, { first: 101 }, as))).toBe('BAD_USER_INPUT');
    expect(errorCode(await api.gql(LIST, { filter: { status: ['FINISHED'] } }, as))).toBe('BAD_USER_INPUT');
  });

  it('records a review: the next one falls due the review interval from today, and the note is audited', async () => {
    const p = await createPartner({ name: 'Reviewed Trust', partnerType: 'OTHER', nextReviewOn: inDays(3), reviewIntervalDays: 90 });
    const reviewed = ok(await api.gql(REVIEW, { id: p.id, note: 'Annual review meeting: renewed.' }, assessor)).reviewPartner;
    expect(reviewed).toEqual({ id: p.id, nextReviewOn: inDays(90), reviewIntervalDays: 90 });
    expect(ok(await api.gql(GET, { id: p.id }, viewer)).partner.nextReviewOn).toBe(inDays(90));
    const review = (await auditOf(p.id)).find((r) => r.action === 'partner.review')!;
    expect(review.before).toMatchObject({ nextReviewOn: inDays(3) });
    expect(review.after).toMatchObject({ nextReviewOn: inDays(90), reviewedOn: today(), note: 'Annual review meeting: renewed.' });

    // No interval: nothing to move the date by.
    const noInterval = await createPartner({ name: 'No Interval Ltd', partnerType: 'OTHER' });
    expectBadInput(await api.gql(REVIEW, { id: noInterval.id }, assessor), 'reviewIntervalDays');
    // An ended partnership has no review to come.
    const ended = await createPartner({ name: 'Ended Partnership', partnerType: 'OTHER', status: 'ENDED', reviewIntervalDays: 30 });
    expect(errorCode(await api.gql(REVIEW, { id: ended.id }, assessor))).toBe('CONFLICT');
    expect(ok(await api.gql(GET, { id: ended.id }, viewer)).partner.nextReviewOn).toBeNull();
    expectBadInput(await api.gql(REVIEW, { id: p.id, note: 'x'.repeat(4001) }, assessor), 'note');
  });

  it('cites a partnership on two answers, shows it on both consensus answers, and unlinks it', async () => {
    const id = await newAssessment('links');
    const p = await createPartner({ name: 'Linked Museum', partnerType: 'INFORMAL_LEARNING_INSTITUTION' });
    const q = await createPartner({ name: 'Another Partner', partnerType: 'OTHER' });
    const keys = ['3.1.3', '3.1.g3.1'];
    for (const nodeKey of keys) {
      const link = ok(await api.gql(LINK, { input: { partnerId: p.id, assessmentId: id, nodeKey } }, assessor)).linkPartner;
      expect(link).toMatchObject({ partnerId: p.id, assessmentId: id, nodeKey });
    }
    ok(await api.gql(LINK, { input: { partnerId: q.id, assessmentId: id, nodeKey: '3.1.3' } }, assessor));
    // Linking again is a no-op.
    ok(await api.gql(LINK, { input: { partnerId: p.id, assessmentId: id, nodeKey: '3.1.3' } }, assessor));
    ok(await api.gql(CONSENSUS, { input: { assessmentId: id, answers: [{ nodeKey: '3.1.3', value: 'YES' }, { nodeKey: '3.1.g3.1', value: 'YES' }, { nodeKey: '3.2.1', value: 'NO' }] } }, assessor));

    const answers = ok(await api.gql(ANSWERS, { id }, viewer)).assessment.answers;
    const partnersOf = (key: string) => answers.find((a: any) => a.nodeKey === key).partners.map((x: any) => x.name);
    expect(partnersOf('3.1.3')).toEqual(['Another Partner', 'Linked Museum']);
    expect(partnersOf('3.1.g3.1')).toEqual(['Linked Museum']);
    expect(partnersOf('3.2.1')).toEqual([]);
    const links = ok(await api.gql(GET, { id: p.id }, viewer)).partner.links;
    expect(links.map((l: any) => [l.assessmentId, l.nodeKey])).toEqual([[id, '3.1.3'], [id, '3.1.g3.1']]);

    expect(ok(await api.gql(UNLINK, { input: { partnerId: p.id, assessmentId: id, nodeKey: '3.1.3' } }, assessor)).unlinkPartner).toBe(true);
    expect(errorCode(await api.gql(UNLINK, { input: { partnerId: p.id, assessmentId: id, nodeKey: '3.1.3' } }, assessor))).toBe('NOT_FOUND');
    const after = ok(await api.gql(ANSWERS, { id }, viewer)).assessment.answers;
    expect(after.find((a: any) => a.nodeKey === '3.1.3').partners.map((x: any) => x.name)).toEqual(['Another Partner']);

    const actions = (await api.db.owner.em.fork().find(AuditEntry, { organisationId: org.id, entityType: 'PartnerLink' }, { filters: false })).map((r) => r.action);
    expect(actions.filter((a) => a === 'partner.link')).toHaveLength(3);
    expect(actions.filter((a) => a === 'partner.unlink')).toHaveLength(1);
  });

  it('refuses an unknown node key, a missing assessment and a submitted one', async () => {
    const id = await newAssessment('bad-links');
    const p = await createPartner({ name: 'Link Errors Ltd', partnerType: 'OTHER' });
    for (const nodeKey of ['9.9.9', '3.1', '3.1.g3', 'nonsense']) {
      expectBadInput(await api.gql(LINK, { input: { partnerId: p.id, assessmentId: id, nodeKey } }, assessor), 'nodeKey');
    }
    expectBadInput(await api.gql(LINK, { input: { partnerId: p.id, assessmentId: id, nodeKey: 'x'.repeat(41) } }, assessor), 'nodeKey');
    expect(errorCode(await api.gql(LINK, { input: { partnerId: p.id, assessmentId: randomUUID(), nodeKey: '3.1.3' } }, assessor))).toBe('NOT_FOUND');
    expect(errorCode(await api.gql(LINK, { input: { partnerId: randomUUID(), assessmentId: id, nodeKey: '3.1.3' } }, assessor))).toBe('NOT_FOUND');
    expect(await api.db.owner.em.fork().count(PartnerLink, { partnerId: p.id }, { filters: false })).toBe(0);
  });

  it('refuses to delete a partnership cited by a submitted assessment, and to change its links while locked', async () => {
    const id = await newAssessment('submitted');
    const p = await createPartner({ name: 'Cited Partner', partnerType: 'YOUTH_SERVING_ORGANISATION' });
    ok(await api.gql(LINK, { input: { partnerId: p.id, assessmentId: id, nodeKey: '3.1.3' } }, assessor));
    ok(await api.gql(CONSENSUS, { input: { assessmentId: id, answers: practiceKeys.map((nodeKey) => ({ nodeKey, value: 'YES' })) } }, assessor));
    ok(await api.gql(`mutation($id: ID!) { submitAssessment(id: $id) { status } }`, { id }, manager));

    const refused = await api.gql(DELETE, { id: p.id }, manager);
    expect(errorCode(refused)).toBe('CONFLICT');
    expect(refused.errors![0]!.message).toContain(id);
    expect(refused.errors![0]!.extensions!.assessmentIds).toEqual([id]);
    expect(errorCode(await api.gql(UNLINK, { input: { partnerId: p.id, assessmentId: id, nodeKey: '3.1.3' } }, manager))).toBe('CONFLICT');
    expect(errorCode(await api.gql(LINK, { input: { partnerId: p.id, assessmentId: id, nodeKey: '3.2.1' } }, manager))).toBe('CONFLICT');
    expect(ok(await api.gql(GET, { id: p.id }, viewer)).partner.links).toHaveLength(1);

    // Once reopened, it can go, and its links with it.
    ok(await api.gql(`mutation($id: ID!) { reopenAssessment(id: $id, reason: "Partner withdrew its consent") { status } }`, { id }, manager));
    expect(ok(await api.gql(DELETE, { id: p.id }, manager)).deletePartner).toBe(true);
    expect(await api.db.owner.em.fork().count(PartnerLink, { partnerId: p.id }, { filters: false })).toBe(0);
    const deleted = (await auditOf(p.id)).find((r) => r.action === 'partner.delete')!;
    expect((deleted.before as any).links).toHaveLength(1);
  });
});

describe('validation', () => {
  it('names the field in a BAD_USER_INPUT error and saves nothing', async () => {
    const base = { name: 'Valid Name', partnerType: 'OTHER' };
    const cases: [Record<string, unknown>, string][] = [
      [{ nextReviewOn: inDays(-1) }, 'nextReviewOn'],
      [{ nextReviewOn: '2001-01-01' }, 'nextReviewOn'],
      [{ contactEmail: 'not an email' }, 'contactEmail'],
      [{ contactEmail: 'a@' }, 'contactEmail'],
      [{ name: '' }, 'name'],
      [{ name: '   ' }, 'name'],
      [{ name: 'x'.repeat(201) }, 'name'],
      [{ theyBring: 'x'.repeat(4001) }, 'theyBring'],
      [{ weBring: 'x'.repeat(4001) }, 'weBring'],
      [{ notes: 'x'.repeat(4001) }, 'notes'],
      [{ reviewIntervalDays: 0 }, 'reviewIntervalDays'],
      [{ reviewIntervalDays: 1096 }, 'reviewIntervalDays'],
      [{ status: 'ENDED', nextReviewOn: inDays(10) }, 'nextReviewOn'],
      [{ status: 'ENDED', nextReviewOn: today() }, 'nextReviewOn'],
      [{ startDate: '2026-02-30' }, 'startDate'],
      [{ partnerType: 'LIBRARY' }, 'partnerType'],
    ];
    const before = await api.db.owner.em.fork().count(Partner, { organisationId: org.id }, { filters: false });
    for (const [bad, field] of cases) {
      const res = await api.gql(CREATE, { input: { ...base, ...bad } }, assessor);
      expect({ bad, code: errorCode(res) }).toEqual({ bad, code: 'BAD_USER_INPUT' });
      expect(res.errors![0]!.message).toContain(field);
    }
    expect(await api.db.owner.em.fork().count(Partner, { organisationId: org.id }, { filters: false })).toBe(before);

    // The edges: today is not the past; a start date may be; 1 and 1095 days are allowed.
    const okay = await createPartner({ ...base, name: 'Edge Cases', nextReviewOn: today(), startDate: '1999-12-31', reviewIntervalDays: 1095 });
    expect(okay).toMatchObject({ nextReviewOn: today(), startDate: '1999-12-31', reviewIntervalDays: 1095 });
    ok(await api.gql(UPDATE, { id: okay.id, input: { reviewIntervalDays: 1 } }, assessor));
  });

  it('checks nextReviewOn only when it is set or changed, and keeps ENDED partnerships without a review to come', async () => {
    const p = await createPartner({ name: 'Overdue Partner', partnerType: 'OTHER', nextReviewOn: inDays(20) });
    // An overdue review date, left alone by an update of other fields.
    await api.db.owner.em.fork().nativeUpdate(Partner, { id: p.id }, { nextReviewOn: inDays(-10) }, { filters: false });
    expect(ok(await api.gql(UPDATE, { id: p.id, input: { notes: 'Still overdue' } }, assessor)).updatePartner.nextReviewOn).toBe(inDays(-10));
    expect(ok(await api.gql(UPDATE, { id: p.id, input: { nextReviewOn: inDays(-10) } }, assessor)).updatePartner.nextReviewOn).toBe(inDays(-10));
    expectBadInput(await api.gql(UPDATE, { id: p.id, input: { nextReviewOn: inDays(-11) } }, assessor), 'nextReviewOn');
    expectBadInput(await api.gql(UPDATE, { id: p.id, input: { contactEmail: 'bad@' } }, assessor), 'contactEmail');
    expectBadInput(await api.gql(UPDATE, { id: p.id, input: { name: null } }, assessor), 'name');
    expectBadInput(await api.gql(UPDATE, { id: p.id, input: { partnerType: null } }, assessor), 'partnerType');
    expectBadInput(await api.gql(UPDATE, { id: p.id, input: { status: null } }, assessor), 'status');

    // Ending a partnership with a review still to come is refused until the date is cleared.
    const q = await createPartner({ name: 'Ending Partner', partnerType: 'OTHER', nextReviewOn: inDays(20) });
    const refused = await api.gql(UPDATE, { id: q.id, input: { status: 'ENDED' } }, assessor);
    expectBadInput(refused, 'nextReviewOn');
    expect(refused.errors![0]!.message).toMatch(/ENDED/);
    const stored = await api.db.owner.em.fork().findOneOrFail(Partner, { id: q.id }, { filters: false });
    expect(stored.status).toBe(PartnerStatus.ACTIVE);
    expect(ok(await api.gql(UPDATE, { id: q.id, input: { status: 'ENDED', nextReviewOn: null } }, assessor)).updatePartner).toMatchObject({ status: 'ENDED', nextReviewOn: null });
    expectBadInput(await api.gql(UPDATE, { id: q.id, input: { nextReviewOn: inDays(5) } }, assessor), 'nextReviewOn');
  });
});

describe('who may do what', () => {
  it('lets a viewer read but not write', async () => {
    const p = await createPartner({ name: 'Viewer Visible', partnerType: 'OTHER', reviewIntervalDays: 30 });
    expect(ok(await api.gql(GET, { id: p.id }, viewer)).partner.name).toBe('Viewer Visible');
    const id = await newAssessment('viewer');
    const attempts: [string, Record<string, unknown>][] = [
      [CREATE, { input: { name: 'Nope', partnerType: 'OTHER' } }],
      [UPDATE, { id: p.id, input: { notes: 'Nope' } }],
      [DELETE, { id: p.id }],
      [REVIEW, { id: p.id }],
      [LINK, { input: { partnerId: p.id, assessmentId: id, nodeKey: '3.1.3' } }],
      [UNLINK, { input: { partnerId: p.id, assessmentId: id, nodeKey: '3.1.3' } }],
    ];
    for (const [query, variables] of attempts) expect(errorCode(await api.gql(query, variables, viewer))).toBe('FORBIDDEN');
    expect(errorCode(await api.gql(CREATE, { input: { name: 'Nope', partnerType: 'OTHER' } }, {}))).toBe('UNAUTHENTICATED');
    expect(await api.db.owner.em.fork().findOneOrFail(Partner, { id: p.id }, { filters: false })).toMatchObject({ notes: null, nextReviewOn: null });
  });

  it('lets an API key with partners:read read but not write', async () => {
    const p = await createPartner({ name: 'Key Visible', partnerType: 'OTHER' });
    const create = `mutation($scopes: [String!]!) { createApiKey(name: "register sync", scopes: $scopes) { secret } }`;
    const reader = { apiKey: ok(await api.gql(create, { scopes: ['partners:read'] }, owner)).createApiKey.secret as string };
    expect(ok(await api.gql(GET, { id: p.id }, reader)).partner.name).toBe('Key Visible');
    expect(ok(await api.gql(LIST, {}, reader)).partners.totalCount).toBeGreaterThan(0);
    expect(errorCode(await api.gql(CREATE, { input: { name: 'Nope', partnerType: 'OTHER' } }, reader))).toBe('FORBIDDEN');
    expect(errorCode(await api.gql(UPDATE, { id: p.id, input: { notes: 'Nope' } }, reader))).toBe('FORBIDDEN');
    expect(errorCode(await api.gql(DELETE, { id: p.id }, reader))).toBe('FORBIDDEN');

    // A writer key acts for the organisation, and the audit row names the key.
    const writer = { apiKey: ok(await api.gql(create, { scopes: ['partners:write'] }, owner)).createApiKey.secret as string };
    expect(errorCode(await api.gql(GET, { id: p.id }, writer))).toBe('FORBIDDEN');
    const made = ok(await api.gql(`mutation($input: CreatePartnerInput!) { createPartner(input: $input) { id } }`, { input: { name: 'By Key', partnerType: 'OTHER' } }, writer)).createPartner;
    const [row] = await auditOf(made.id);
    expect(row).toMatchObject({ action: 'partner.create', actorUserId: null });
    expect(row!.actorApiKeyId).not.toBeNull();
  });
});

describe('tenant isolation', () => {
  it("never lets organisation B see or change organisation A's partnerships", async () => {
    const a = await createPartner({ ...museum, name: 'Alpha Only Partner', nextReviewOn: inDays(40) }, manager);
    const assessmentA = await newAssessment('isolation');
    ok(await api.gql(LINK, { input: { partnerId: a.id, assessmentId: assessmentA, nodeKey: '3.1.3' } }, manager));
    const readA = async () => {
      const em = api.db.owner.em.fork();
      const partner = await em.findOneOrFail(Partner, { id: a.id }, { filters: false });
      const links = await em.find(PartnerLink, { partnerId: a.id }, { filters: false, orderBy: { nodeKey: 'asc' } });
      return JSON.stringify({ partner, links });
    };
    const before = await readA();

    const orgB = await api.fx.organisation({ name: 'Beta Gallery' });
    const actors: [string, As][] = [];
    for (const role of [MemberRole.OWNER, MemberRole.MANAGER, MemberRole.ASSESSOR, MemberRole.VIEWER]) actors.push([role, (await api.actor(orgB, role)).as]);
    const bOwner = actors[0]![1];
    const bKey = ok(await api.gql(`mutation($s: [String!]!) { createApiKey(name: "b", scopes: $s) { secret } }`, { s: [...API_KEY_SCOPES] }, bOwner)).createApiKey.secret;
    actors.push(['API key', { apiKey: bKey }]);
    // B's own partner, to try to link to A's assessment.
    const b = await createPartner({ name: 'Beta Partner', partnerType: 'OTHER' }, bOwner);
    // And A's own user, signed in, but acting for B.
    const { user: aUser } = await api.actor(org, MemberRole.VIEWER);
    await api.fx.member(orgB, MemberRole.OWNER, aUser);
    actors.push(['A member acting for B', { token: await api.tokenFor(aUser), organisationId: orgB.id }]);

    const attempts: [string, string, Record<string, unknown>][] = [
      ['partner', GET, { id: a.id }],
      ['updatePartner', UPDATE, { id: a.id, input: { name: 'Hijacked', nextReviewOn: inDays(100) } }],
      ['deletePartner', DELETE, { id: a.id }],
      ['reviewPartner', REVIEW, { id: a.id, note: 'not mine' }],
      ['linkPartner', LINK, { input: { partnerId: a.id, assessmentId: assessmentA, nodeKey: '3.2.1' } }],
      ['linkPartner (B partner, A assessment)', LINK, { input: { partnerId: b.id, assessmentId: assessmentA, nodeKey: '3.2.1' } }],
      ['unlinkPartner', UNLINK, { input: { partnerId: a.id, assessmentId: assessmentA, nodeKey: '3.1.3' } }],
    ];
    const failures: string[] = [];
    for (const [who, as] of actors) {
      for (const [name, query, variables] of attempts) {
        const res = await api.gql(query, variables, as);
        const code = errorCode(res);
        const allowed = who === MemberRole.OWNER || who === 'API key' ? ['NOT_FOUND'] : ['NOT_FOUND', 'FORBIDDEN'];
        if (!allowed.includes(String(code))) failures.push(`${name} as ${who} answered ${code ?? 'with data'}`);
        if (JSON.stringify(res).includes('Alpha Only Partner') || JSON.stringify(res).includes(museum.contactEmail)) failures.push(`${name} as ${who} leaked A's partner`);
      }
      const list = await api.gql(LIST, {}, as);
      const ids = (list.data?.partners?.edges ?? []).map((e: any) => e.node.id);
      if (ids.includes(a.id)) failures.push(`partners as ${who} listed A's partner`);
      if (list.data && ids.some((id: string) => id !== b.id)) failures.push(`partners as ${who} listed a partner not of B`);
    }
    expect(failures).toEqual([]);
    expect(await readA()).toEqual(before);
    const bAudit = await api.db.owner.em.fork().find(AuditEntry, { entityId: a.id, organisationId: { $ne: org.id } }, { filters: false });
    expect(bAudit).toEqual([]);
    // A still sees its partner, with its one link.
    expect(ok(await api.gql(GET, { id: a.id }, viewer)).partner).toMatchObject({ name: 'Alpha Only Partner', links: [{ nodeKey: '3.1.3' }] });
  });
});

describe('reading partners on answers', () => {
  it('costs the same number of SQL statements however many partners and links there are', async () => {
    const assessmentWith = async (cycle: string, partners: number) => {
      const id = await newAssessment(cycle);
      const keys = answerKeys.slice(0, 12);
      const em = api.db.owner.em.fork();
      const { user } = await api.actor(org, MemberRole.ASSESSOR);
      for (let i = 0; i < partners; i++) {
        const p = em.create(Partner, { organisationId: org.id, name: `Bulk ${cycle} ${i}`, partnerType: PartnerType.OTHER, createdBy: user.id });
        for (const nodeKey of keys.slice(0, 1 + (i % keys.length))) {
          em.create(PartnerLink, { organisationId: org.id, partnerId: p.id, assessmentId: id, nodeKey, linkedBy: user.id });
        }
      }
      await em.flush();
      ok(await api.gql(CONSENSUS, { input: { assessmentId: id, answers: keys.map((nodeKey) => ({ nodeKey, value: practiceKeys.includes(nodeKey) ? 'YES' : 'NO' })) } }, assessor));
      return id;
    };
    const statementsFor = async (id: string) => {
      ok(await api.gql(ANSWERS, { id }, viewer));
      const before = api.statements.length;
      const data = ok(await api.gql(ANSWERS, { id }, viewer));
      expect(data.assessment.answers.length).toBeGreaterThan(0);
      return api.statements.length - before;
    };
    const small = await assessmentWith('few-partners', 1);
    const large = await assessmentWith('many-partners', 15);
    expect(await statementsFor(large)).toBe(await statementsFor(small));
    const links = ok(await api.gql(`{ partners(first: 100) { edges { node { id links { nodeKey } } } } }`, {}, viewer)).partners.edges;
    expect(links.length).toBeGreaterThan(15);
  });
});
