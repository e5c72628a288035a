import argon2 from 'argon2';
import {
  CARRIED_FORWARD,
  type EvidenceValue,
  type ItemStatus,
  type PracticeValue,
  canChangeStatus,
  findDisagreements,
  scoreAssessment,
} from '@waymark/domain';
import { loadBundledFrameworks, scoringShape } from '@waymark/frameworks';
import { createTestDatabase, type TestDatabase } from '@waymark/testing';
import {
  ActionItem,
  ActionItemNote,
  ActionItemStatus,
  ActionPlan,
  Assessment,
  AssessmentStatus,
  AssessorAnswer,
  ConsensusAnswer,
  Framework,
  Membership,
  MemberRole,
  Network,
  NetworkMember,
  NetworkMemberStatus,
  Organisation,
  OrganisationKind,
  Partner,
  PartnerLink,
  PartnerStatus,
  PartnerType,
  Region,
  SubmittedScore,
  User,
} from '../entities';
import { seedDemo } from '../seeders/demo';
import { allPracticeKeys, allPromptKeys } from '../seeders/demo-answers';
import { CYCLES, DEMO_NETWORK, INSTITUTIONS, NETWORK_INSTITUTIONS, NORTHFIELD, PLAN_DATES, PLAN_STORY } from '../seeders/demo-data';

/** The demo data `npm start` loads: complete enough to explore every feature, and safe to load twice. */
let db: TestDatabase;
let summary: string;

const framework = loadBundledFrameworks().find((fw) => fw.key === 'inspiring-learning-partnerships' && fw.version === '1.0.0');
if (!framework) throw new Error('bundled framework missing');
const shape = scoringShape(framework);
const practiceKeys = allPracticeKeys(shape);
const promptKeys = allPromptKeys(shape);

// The owner bypasses row-level security; the ORM's tenant filter is switched off for these reads.
const unfiltered = { filters: false } as const;

async function rowCounts(): Promise<Record<string, number>> {
  const connection = db.owner.em.getConnection();
  const tables = await connection.execute<{ table_name: string }[]>(
    `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  const counts: Record<string, number> = {};
  for (const { table_name } of tables) {
    const [row] = await connection.execute<{ n: string }[]>(`select count(*) as n from "${table_name}"`);
    counts[table_name] = Number(row?.n);
  }
  return counts;
}

async function consensusOf(assessmentId: string) {
  const answers = await db.owner.em.fork().find(ConsensusAnswer, { assessmentId }, unfiltered);
  const practice = new Map<string, PracticeValue>();
  const evidence = new Map<string, EvidenceValue>();
  for (const answer of answers) {
    if (promptKeys.includes(answer.nodeKey)) evidence.set(answer.nodeKey, answer.value as EvidenceValue);
    else practice.set(answer.nodeKey, answer.value as PracticeValue);
  }
  return { answers, practice, evidence };
}

/** The plans of one organisation, with their assessments' cycles and their items. */
async function plansOf(organisationId: string) {
  const em = db.owner.em.fork();
  const assessments = await em.find(Assessment, { organisationId }, unfiltered);
  const plans = await em.find(ActionPlan, { organisationId }, unfiltered);
  const items = await em.find(ActionItem, { organisationId }, unfiltered);
  const cycleOf = new Map(assessments.map((a) => [a.id, a.cycle]));
  return plans.map((plan) => ({ plan, cycle: cycleOf.get(plan.assessmentId), items: items.filter((i) => i.planId === plan.id) }));
}

const londonToday = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

beforeAll(async () => {
  db = await createTestDatabase();
  summary = await seedDemo(db.owner.em.fork());
});

afterAll(async () => {
  await db?.drop();
});

describe('demo seed', () => {
  it('creates a region, a regional body and institutions of every kind', async () => {
    const em = db.owner.em.fork();
    const region = await em.findOneOrFail(Region, { code: 'NW' });
    const organisations = await em.find(Organisation, {});
    const institutions = organisations.filter((o) => o.kind !== OrganisationKind.REGIONAL_BODY);
    expect(institutions.length).toBeGreaterThanOrEqual(8);
    for (const kind of [OrganisationKind.LIBRARY, OrganisationKind.MUSEUM, OrganisationKind.ARCHIVE]) {
      expect(institutions.filter((o) => o.kind === kind).length).toBeGreaterThanOrEqual(3);
    }
    expect(organisations.find((o) => o.slug === 'north-west-network')?.kind).toBe(OrganisationKind.REGIONAL_BODY);
    expect(organisations.every((o) => o.regionId === region.id && o.timeZone === 'Europe/London')).toBe(true);
    expect(new Set(institutions.map((o) => o.benchmarkingConsent))).toEqual(new Set(['NONE', 'ANONYMOUS', 'NAMED']));
    expect(new Set(institutions.map((o) => o.sizeBand)).size).toBeGreaterThanOrEqual(3);
  });

  it('creates people in every role who can sign in with the demo password', async () => {
    const em = db.owner.em.fork();
    const memberships = await em.find(Membership, {}, unfiltered);
    const byRole = new Map(memberships.map((m) => [m.role, m.userId]));
    expect([...byRole.keys()].sort()).toEqual(Object.values(MemberRole).sort());
    const users = await em.find(User, { id: [...byRole.values()] }, { populate: ['passwordHash'] });
    expect(users).toHaveLength(5);
    for (const user of users) {
      expect(user.passwordHash).toMatch(/^\$argon2id\$/);
      await expect(argon2.verify(user.passwordHash, 'waymark-demo')).resolves.toBe(true);
    }
    const northfield = await em.findOneOrFail(Organisation, { slug: 'northfield-central-library' });
    const team = await em.find(Membership, { organisationId: northfield.id }, unfiltered);
    expect(team.map((m) => m.role).sort()).toEqual(['ASSESSOR', 'ASSESSOR', 'MANAGER', 'OWNER', 'VIEWER']);
    expect(summary).toContain('Demo logins (password: waymark-demo)');
    expect(summary).toContain('assessor@northfield.example');
  });

  it('gives every institution a complete submitted 2025 and a 2026 that follows it', async () => {
    const em = db.owner.em.fork();
    const institutions = await em.find(Organisation, { slug: INSTITUTIONS.map((i) => i.slug) });
    for (const institution of institutions) {
      const assessments = await em.find(Assessment, { organisationId: institution.id }, { ...unfiltered, orderBy: { cycle: 'asc' } });
      expect(assessments.map((a) => a.cycle)).toEqual(['2025', '2026']);
      const [first, second] = assessments as [Assessment, Assessment];
      expect(first.status).toBe(AssessmentStatus.SUBMITTED);
      expect(first.submittedAt?.getUTCFullYear()).toBe(2025);
      expect(first.submittedBy).not.toBeNull();
      expect(second.previousId).toBe(first.id);
      const { practice, evidence, answers } = await consensusOf(first.id);
      expect([...practice.keys()].sort()).toEqual([...practiceKeys].sort());
      expect([...evidence.keys()].sort()).toEqual([...promptKeys].sort());
      expect(answers.every((a) => a.organisationId === institution.id)).toBe(true);
      expect(scoreAssessment(shape, { practice, evidence }).complete).toBe(true);
    }
  });

  it('leaves Northfield 2026 as a draft with no agreed answers, after a 2025 where the team disagreed', async () => {
    const em = db.owner.em.fork();
    const northfield = await em.findOneOrFail(Organisation, { slug: 'northfield-central-library' });
    const draft = await em.findOneOrFail(Assessment, { organisationId: northfield.id, cycle: '2026' }, unfiltered);
    expect(draft.status).toBe(AssessmentStatus.DRAFT);
    expect(await em.count(ConsensusAnswer, { assessmentId: draft.id }, unfiltered)).toBe(0);
    const started = await em.find(AssessorAnswer, { assessmentId: draft.id }, unfiltered);
    expect(started.length).toBeGreaterThan(0);
    // A newcomer answering YES (docs/integrating/graphql.md's walk-through) disagrees with what is already there.
    const newcomer = { nodeKey: '3.1.1.a', userId: 'newcomer', value: 'YES' };
    expect(findDisagreements([...started, newcomer], practiceKeys).map((d) => d.nodeKey)).toContain('3.1.1.a');

    const previous = await em.findOneOrFail(Assessment, { organisationId: northfield.id, cycle: '2025' }, unfiltered);
    const team = await em.find(AssessorAnswer, { assessmentId: previous.id }, unfiltered);
    expect(new Set(team.map((a) => a.userId)).size).toBe(2);
    expect(findDisagreements(team, [...practiceKeys, ...promptKeys]).length).toBeGreaterThanOrEqual(2);
  });

  it('shows improvement on average and one unsupported claim', async () => {
    const em = db.owner.em.fork();
    const storied = await em.find(Organisation, { slug: INSTITUTIONS.map((i) => i.slug) });
    const submitted = await em.find(Assessment, { status: AssessmentStatus.SUBMITTED, organisationId: storied.map((o) => o.id) }, unfiltered);
    const mean = async (cycle: string) => {
      const figures = await Promise.all(
        submitted.filter((a) => a.cycle === cycle).map(async (a) => scoreAssessment(shape, await consensusOf(a.id)).practice),
      );
      return figures.reduce((sum, figure) => sum + figure, 0) / figures.length;
    };
    expect(await mean('2026')).toBeGreaterThan(await mean('2025'));

    const harbourside = await em.findOneOrFail(Organisation, { slug: 'harbourside-maritime-museum' });
    const claim = await em.findOneOrFail(Assessment, { organisationId: harbourside.id, cycle: '2026' }, unfiltered);
    expect(scoreAssessment(shape, await consensusOf(claim.id)).unsupportedClaims).toContain('3.2');
  });

  it('gives every institution but Northfield plans for both cycles, the open 2025 work carried into 2026', async () => {
    const em = db.owner.em.fork();
    const institutions = await em.find(Organisation, { slug: INSTITUTIONS.map((i) => i.slug) });
    const done2025: ActionItem[] = [];
    for (const institution of institutions) {
      const plans = await plansOf(institution.id);
      if (institution.slug === NORTHFIELD) {
        expect(plans).toEqual([]);
        continue;
      }
      expect(plans.map((p) => p.cycle).sort()).toEqual(['2025', '2026']);
      const first = plans.find((p) => p.cycle === '2025')!;
      const second = plans.find((p) => p.cycle === '2026')!;
      for (const { items } of plans) {
        expect(items.length).toBeGreaterThan(0);
        expect(new Set(items.map((i) => i.itemKey)).size).toBe(items.length);
      }
      expect(first.plan.generatedAt).toEqual(new Date(PLAN_DATES.first));

      // Worked on: owners (the institution's own members only), dates, resources, measures.
      const members = new Set((await em.find(Membership, { organisationId: institution.id }, unfiltered)).map((m) => m.userId));
      const owned = first.items.filter((i) => i.ownerUserId);
      expect(owned.length).toBeGreaterThan(0);
      for (const item of [...first.items, ...second.items].filter((i) => i.ownerUserId)) {
        expect(members.has(item.ownerUserId!)).toBe(true);
        expect(item.dueOn).not.toBeNull();
        expect(item.successMeasure).not.toBeNull();
      }
      expect(first.items.some((i) => i.status !== ActionItemStatus.OPEN)).toBe(true);
      for (const item of [...first.items, ...second.items]) expect(item.doneAt !== null).toBe(item.status === ActionItemStatus.DONE);
      done2025.push(...first.items.filter((i) => i.status === ActionItemStatus.DONE));

      // Carried forward: every 2025 item still open, and only those, continues as a 2026 item of the
      // same key, and its 2025 copy is closed as CARRIED_FORWARD: no piece of work is open twice.
      const byId = new Map(first.items.map((i) => [i.id, i]));
      const carried = second.items.filter((i) => i.carriedFromId);
      expect(carried.length).toBeGreaterThan(0);
      for (const item of carried) {
        const from = byId.get(item.carriedFromId!);
        expect(from?.itemKey).toBe(item.itemKey);
        expect(from?.status).toBe(ActionItemStatus.CARRIED_FORWARD);
      }
      const closedAsCarried = first.items.filter((i) => i.status === ActionItemStatus.CARRIED_FORWARD);
      expect(carried.map((i) => i.carriedFromId).sort()).toEqual(closedAsCarried.map((i) => i.id).sort());
      expect(first.items.filter((i) => CARRIED_FORWARD.includes(i.status as ItemStatus) && !i.resolvedByAssessmentAt)).toEqual([]);
    }
    // "Median days to done" has something to count, in both years.
    const years = new Set(done2025.map((i) => i.doneAt!.getUTCFullYear()));
    expect([...years].sort()).toEqual([2025, 2026]);
  });

  it('records progress notes whose status changes are all allowed ones', async () => {
    const em = db.owner.em.fork();
    const notes = await em.find(ActionItemNote, {}, unfiltered);
    const changes = notes.filter((n) => n.statusTo);
    expect(changes.length).toBeGreaterThan(0);
    expect(notes.some((n) => !n.statusTo)).toBe(true);
    // People's changes follow STATUS_TRANSITIONS; Waymark's own are closing carried work and a new
    // item following last cycle's decision (it has no status before).
    const byWaymark = (n: ActionItemNote) =>
      (n.statusTo === ActionItemStatus.CARRIED_FORWARD && CARRIED_FORWARD.includes(n.statusFrom as ItemStatus)) || n.statusFrom === null;
    for (const note of changes) expect(byWaymark(note) || canChangeStatus(note.statusFrom as ItemStatus, note.statusTo as ItemStatus)).toBe(true);
    expect(changes.some((n) => n.statusTo === ActionItemStatus.CARRIED_FORWARD)).toBe(true);
    const reached = new Set(changes.map((n) => n.statusTo));
    for (const status of [ActionItemStatus.IN_PROGRESS, ActionItemStatus.DONE, ActionItemStatus.DEFERRED, ActionItemStatus.DROPPED]) {
      expect(reached).toContain(status);
    }
  });

  it('regenerates one institution\'s 2026 plan after its answers changed: no duplicates, no lost edits', async () => {
    const em = db.owner.em.fork();
    const story = await em.findOneOrFail(Organisation, { slug: PLAN_STORY });
    const owner = await em.findOneOrFail(User, { email: `owner@${PLAN_STORY}.example` });
    const assessment = await em.findOneOrFail(Assessment, { organisationId: story.id, cycle: '2026' }, unfiltered);
    expect(assessment.status).toBe(AssessmentStatus.SUBMITTED);
    expect(assessment.submittedAt).toEqual(new Date(CYCLES.second.submittedAt));

    const { plan, items } = (await plansOf(story.id)).find((p) => p.cycle === '2026')!;
    const regeneratedAt = new Date(PLAN_DATES.storyRegenerated);
    expect(plan.generations).toBeGreaterThanOrEqual(2);
    expect(plan.generatedAt).toEqual(regeneratedAt);
    expect(new Set(items.map((i) => i.itemKey)).size).toBe(items.length);

    // The answers changed before the regeneration, and the plan followed: a gap closed, one opened.
    const changed = await em.find(ConsensusAnswer, { assessmentId: assessment.id, updatedAt: new Date(PLAN_DATES.storyAnswersChanged) }, unfiltered);
    expect(changed.map((a) => a.value).sort()).toEqual(expect.arrayContaining(['STARTED', 'YES']));
    const resolved = items.filter((i) => i.resolvedByAssessmentAt?.getTime() === regeneratedAt.getTime());
    expect(resolved.length).toBeGreaterThanOrEqual(1);
    const added = items.filter((i) => i.createdAt.getTime() === regeneratedAt.getTime());
    expect(added.length).toBeGreaterThanOrEqual(1);
    for (const item of added) {
      expect(item.carriedFromId).toBeNull();
      expect(item.resolvedByAssessmentAt).toBeNull();
      expect(changed.map((a) => a.nodeKey).some((key) => key === item.nodeKey || key.startsWith(`${item.nodeKey}.`))).toBe(true);
    }

    // The two items given an owner and notes before the regeneration still have them.
    const notes = await em.find(ActionItemNote, { itemId: { $in: items.map((i) => i.id) } }, unfiltered);
    const editedAt = new Date(PLAN_DATES.storyEdited).getTime();
    const editedIds = new Set(notes.filter((n) => n.createdAt.getTime() >= editedAt && n.createdAt < regeneratedAt).map((n) => n.itemId));
    expect(editedIds.size).toBe(2);
    for (const item of items.filter((i) => editedIds.has(i.id))) {
      expect(item.ownerUserId).toBe(owner.id);
      expect(item.dueOn).not.toBeNull();
      expect(item.reviewIntervalDays).not.toBeNull();
      expect(item.resources).not.toBeNull();
      expect(item.successMeasure).not.toBeNull();
      expect(item.resolvedByAssessmentAt).toBeNull();
      expect(notes.filter((n) => n.itemId === item.id).length).toBeGreaterThanOrEqual(1);
    }

    expect(summary).toContain(`owner@${PLAN_STORY}.example`);
    expect(summary).toMatch(/carried forward/);
  });

  it('gives the regional body a network of the demo institutions and more, each submission with its kept scores', async () => {
    const em = db.owner.em.fork();
    const body = await em.findOneOrFail(Organisation, { slug: 'north-west-network' });
    const [network] = await em.find(Network, { organisationId: body.id }, unfiltered);
    expect(network?.name).toBe(DEMO_NETWORK.name);
    const members = await em.find(NetworkMember, { networkId: network!.id }, unfiltered);
    expect(members).toHaveLength(INSTITUTIONS.length + NETWORK_INSTITUTIONS.length);
    const byStatus = (status: NetworkMemberStatus) => members.filter((m) => m.status === status).length;
    expect([byStatus(NetworkMemberStatus.MEMBER), byStatus(NetworkMemberStatus.INVITED), byStatus(NetworkMemberStatus.DECLINED)]).toEqual([members.length - 2, 1, 1]);
    const submitted = await em.find(Assessment, { status: AssessmentStatus.SUBMITTED }, unfiltered);
    const kept = await em.find(SubmittedScore, {}, unfiltered);
    expect(kept.map((k) => k.assessmentId).sort()).toEqual(submitted.map((a) => a.id).sort());
    for (const score of kept.slice(0, 5)) {
      const answers = await consensusOf(score.assessmentId);
      expect(score.practice).toBeCloseTo(scoreAssessment(shape, answers).practice, 9);
    }
  });

  it('gives every institution a partnership register, some reviews due soon, cited in its 2026 answers', async () => {
    const em = db.owner.em.fork();
    const institutions = await em.find(Organisation, { slug: INSTITUTIONS.map((i) => i.slug) });
    const partners = await em.find(Partner, {}, unfiltered);
    const links = await em.find(PartnerLink, {}, unfiltered);
    const today = londonToday();
    const in30Days = new Date(Date.parse(`${today}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
    expect(new Set(partners.map((p) => p.partnerType))).toEqual(new Set(Object.values(PartnerType)));
    expect(new Set(partners.map((p) => p.status))).toEqual(new Set(Object.values(PartnerStatus)));
    expect(partners.some((p) => p.nextReviewOn && p.nextReviewOn >= today && p.nextReviewOn <= in30Days)).toBe(true);
    for (const partner of partners) {
      expect(partner.theyBring && partner.weBring && partner.contactName && partner.contactEmail).toBeTruthy();
      if (partner.status === PartnerStatus.ENDED) expect(partner.nextReviewOn).toBeNull();
      else expect(partner.nextReviewOn! >= today).toBe(true);
    }
    for (const institution of institutions) {
      const own = partners.filter((p) => p.organisationId === institution.id);
      expect(own.length).toBeGreaterThanOrEqual(2);
      expect(own.length).toBeLessThanOrEqual(4);
      const cited = links.filter((l) => l.organisationId === institution.id);
      if (institution.slug === NORTHFIELD) {
        expect(cited).toEqual([]);
        continue;
      }
      const second = await em.findOneOrFail(Assessment, { organisationId: institution.id, cycle: '2026' }, unfiltered);
      expect(new Set(cited.map((l) => l.partnerId)).size).toBeGreaterThanOrEqual(2);
      const answered = new Set((await consensusOf(second.id)).answers.map((a) => a.nodeKey));
      for (const link of cited) {
        expect(link.assessmentId).toBe(second.id);
        expect(link.nodeKey.startsWith('3.1.')).toBe(true);
        expect(answered.has(link.nodeKey)).toBe(true);
        expect(own.map((p) => p.id)).toContain(link.partnerId);
      }
    }
  });

  it('adds no rows and returns the same summary when run again', async () => {
    const before = await rowCounts();
    for (const table of ['evidence', 'evidence_link', 'action_plan', 'action_item', 'action_item_note', 'action_item_evidence', 'partner', 'partner_link']) {
      expect(before[table]).toBeGreaterThan(0);
    }
    const again = await seedDemo(db.owner.em.fork());
    expect(again).toBe(summary);
    expect(await rowCounts()).toEqual(before);
  });

  it('describes the demo as it is now, not as it was seeded', async () => {
    expect(summary).toMatch(/Northfield Central Library[^\n]*\n(\s+2025 SUBMITTED[^\n]*\n)?\s+2026 DRAFT, 0 agreed answers/);
    const em = db.owner.em.fork();
    const northfield = await em.findOneOrFail(Organisation, { slug: 'northfield-central-library' });
    const draft = await em.findOneOrFail(Assessment, { organisationId: northfield.id, cycle: '2026' }, unfiltered);
    const framework = await em.findOneOrFail(Framework, { id: draft.frameworkId });
    const someone = await em.findOneOrFail(User, { email: 'manager@northfield.example' });
    em.create(ConsensusAnswer, { organisationId: northfield.id, assessmentId: draft.id, nodeKey: '3.1.1.a', value: 'YES', setBy: someone.id });
    await em.flush();
    const now = await seedDemo(db.owner.em.fork());
    expect(now).toMatch(/2026 DRAFT, 1 agreed answers/);
    expect(framework.key).toBe('inspiring-learning-partnerships');
  });
});
