import argon2 from 'argon2';
import { type EvidenceValue, type PracticeValue, findDisagreements, scoreAssessment } from '@waymark/domain';
import { loadBundledFrameworks, scoringShape } from '@waymark/frameworks';
import { createTestDatabase, type TestDatabase } from '@waymark/testing';
import {
  Assessment,
  AssessmentStatus,
  AssessorAnswer,
  ConsensusAnswer,
  Membership,
  MemberRole,
  Organisation,
  OrganisationKind,
  Region,
  User,
} from '../entities';
import { seedDemo } from '../seeders/demo';
import { allPracticeKeys, allPromptKeys } from '../seeders/demo-answers';

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
    const institutions = await em.find(Organisation, { kind: { $ne: OrganisationKind.REGIONAL_BODY } });
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
    // A newcomer answering YES (the README's walk-through) disagrees with what is already there.
    const newcomer = { nodeKey: '3.1.1.a', userId: 'newcomer', value: 'YES' };
    expect(findDisagreements([...started, newcomer], practiceKeys).map((d) => d.nodeKey)).toContain('3.1.1.a');

    const previous = await em.findOneOrFail(Assessment, { organisationId: northfield.id, cycle: '2025' }, unfiltered);
    const team = await em.find(AssessorAnswer, { assessmentId: previous.id }, unfiltered);
    expect(new Set(team.map((a) => a.userId)).size).toBe(2);
    expect(findDisagreements(team, [...practiceKeys, ...promptKeys]).length).toBeGreaterThanOrEqual(2);
  });

  it('shows improvement on average and one unsupported claim', async () => {
    const em = db.owner.em.fork();
    const submitted = await em.find(Assessment, { status: AssessmentStatus.SUBMITTED }, unfiltered);
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

  it('adds no rows and returns the same summary when run again', async () => {
    const before = await rowCounts();
    expect(before.evidence).toBeGreaterThan(0);
    expect(before.evidence_link).toBeGreaterThan(0);
    const again = await seedDemo(db.owner.em.fork());
    expect(again).toBe(summary);
    expect(await rowCounts()).toEqual(before);
  });
});
