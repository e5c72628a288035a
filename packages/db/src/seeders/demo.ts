import type { EntityManager } from '@mikro-orm/postgresql';
import { loadBundledFrameworks, scoringShape } from '@waymark/frameworks';
import type { ScoringElement } from '@waymark/domain';
import argon2 from 'argon2';
import {
  Assessment,
  AssessmentStatus,
  AssessorAnswer,
  ConsensusAnswer,
  Evidence,
  EvidenceLink,
  Framework,
  Membership,
  Organisation,
  Region,
  User,
} from '../entities';
import { TENANT_FILTER } from '../orm';
import {
  type CycleAnswers,
  allPracticeKeys,
  allPromptKeys,
  firstCycle,
  makeUnsupportedClaim,
  nextCycle,
  seededRandom,
  teamAnswers,
} from './demo-answers';
import {
  CYCLES,
  DEMO_ELEMENT_WITH_UNSUPPORTED_CLAIM,
  DEMO_FRAMEWORK,
  DEMO_PASSWORD,
  DEMO_REGION,
  type DemoInstitution,
  type DemoOrganisation,
  EVIDENCE,
  INSTITUTIONS,
  NORTHFIELD,
  PEOPLE,
  PLAN_DATES,
  PLAN_STORY,
  REGIONAL_BODY,
} from './demo-data';
import { addPartners, todayInLondon } from './demo-partners';
import { type LibraryItem, seedPlans } from './demo-plans';
import { describeDemo } from './demo-summary';
import { seedNetwork } from './demo-network';

export { describeDemo } from './demo-summary';

const DAY = 24 * 3600 * 1000;
const at = (iso: string, plusDays = 0) => new Date(new Date(iso).getTime() + plusDays * DAY);

interface InstitutionContext {
  em: EntityManager;
  frameworkId: string;
  shape: ScoringElement[];
  organisationId: string;
  /** Submits assessments. */
  ownerId: string;
  /** Creates assessments, agrees answers and links evidence: the manager where there is one. */
  leadId: string;
  /** Northfield only: its two assessors. */
  assessorIds?: [string, string];
  /** The plan story's institution: its 2026 assessment is submitted only once the story is told. */
  story?: boolean;
}

interface SeededInstitution {
  first: Assessment;
  /** Its 2026 assessment with agreed answers; null at Northfield, whose 2026 is a draft without them. */
  second: Assessment | null;
  library: LibraryItem[];
}

/**
 * The demo region: a regional body, ten institutions, their people, two assessment cycles each, an
 * evidence library, action plans for both cycles (all but Northfield) and partnership registers.
 * Runs as the database owner (no row-level security). Idempotent: when the regional body exists
 * already it changes nothing. Returns a description of the demo as the database holds it now.
 */
export async function seedDemo(em: EntityManager): Promise<string> {
  if (await em.findOne(Organisation, { slug: REGIONAL_BODY.slug })) return describeDemo(em);

  const framework = await em.findOne(Framework, { key: DEMO_FRAMEWORK.key, version: DEMO_FRAMEWORK.version });
  const bundled = loadBundledFrameworks().find((fw) => fw.key === DEMO_FRAMEWORK.key && fw.version === DEMO_FRAMEWORK.version);
  if (!framework || !bundled) {
    throw new Error(`demo seed needs framework ${DEMO_FRAMEWORK.key}@${DEMO_FRAMEWORK.version}: run "cli.js frameworks" first`);
  }
  const shape = scoringShape(bundled);
  // argon2 is slow on purpose: hash once, share the hash.
  const passwordHash = await argon2.hash(DEMO_PASSWORD, { type: argon2.argon2id });

  // One transaction: a failed seed leaves nothing behind, so "the regional body exists" means "all of it exists".
  await em.transactional(async (tx) => {
    const region = (await tx.findOne(Region, { code: DEMO_REGION.code })) ?? tx.create(Region, { ...DEMO_REGION });
    const organisations = new Map<string, Organisation>();
    for (const def of [REGIONAL_BODY, ...INSTITUTIONS]) organisations.set(def.slug, createOrganisation(tx, def, region.id));

    const users = await ensureUsers(tx, passwordHash);
    for (const person of PEOPLE) {
      const organisation = organisations.get(person.organisationSlug);
      const user = users.get(person.email);
      if (!organisation || !user) throw new Error(`demo seed: bad person ${person.email}`);
      tx.create(Membership, { organisationId: organisation.id, userId: user.id, role: person.role, createdAt: at(CYCLES.first.createdAt, -30) });
    }
    await tx.flush();

    const userId = (email: string) => {
      const user = users.get(email);
      if (!user) throw new Error(`demo seed: no user ${email}`);
      return user.id;
    };
    // Review dates of current work count from today, so the reminders always have something to find.
    const today = todayInLondon();
    for (const institution of INSTITUTIONS) {
      const organisationId = organisations.get(institution.slug)?.id;
      if (!organisationId) throw new Error(`demo seed: no organisation ${institution.slug}`);
      // The plan store reads through the ORM's tenant filter, as it does in the API.
      tx.setFilterParams(TENANT_FILTER, { organisationId });
      const northfield = institution.slug === NORTHFIELD;
      const ownerId = userId(northfield ? 'owner@northfield.example' : `owner@${institution.slug}.example`);
      const ctx: InstitutionContext = {
        em: tx,
        frameworkId: framework.id,
        shape,
        organisationId,
        ownerId,
        leadId: northfield ? userId('manager@northfield.example') : ownerId,
        assessorIds: northfield ? [userId('assessor@northfield.example'), userId('assessor2@northfield.example')] : undefined,
        story: institution.slug === PLAN_STORY,
      };
      const { first, second, library } = seedInstitution(ctx, institution);
      await tx.flush();

      if (second) {
        const outcome = await seedPlans(
          {
            em: tx,
            frameworkId: framework.id,
            shape,
            organisationId,
            ownerId,
            // A stream of its own, so the answers (drawn from the slug's stream) stay as they were.
            random: seededRandom(`${institution.slug}:plans`),
            partners: institution.partners,
            library,
            today,
          },
          first,
          second,
          ctx.story ? { submit: () => submit(ctx, second, CYCLES.second) } : null,
        );
        // The ORM stamps every update with the real clock: put back the story's own dates.
        if (outcome) {
          await tx.nativeUpdate(Assessment, { id: second.id, organisationId }, { updatedAt: at(CYCLES.second.submittedAt) });
          await tx.nativeUpdate(
            ConsensusAnswer,
            { id: { $in: outcome.changedAnswerIds }, organisationId },
            { updatedAt: at(PLAN_DATES.storyAnswersChanged) },
          );
        }
      }

      // Partners cited in the final 2026 answers (after the story's revisions).
      const cited = second
        ? {
            assessment: second,
            answers: await tx.find(ConsensusAnswer, { assessmentId: second.id, organisationId, nodeKey: { $like: '3.1.%' } }),
            linkedAt: at(CYCLES.second.submittedAt, -7),
          }
        : null;
      addPartners({ em: tx, organisationId, createdBy: ctx.leadId, today }, institution.slug, cited);
      await tx.flush();
    }

    const institutions = new Map(INSTITUTIONS.map((i) => [i.slug, organisations.get(i.slug)!]));
    const body = organisations.get(REGIONAL_BODY.slug)!;
    await seedNetwork(tx, { bodyId: body.id, analystId: userId('analyst@north-west-network.example'), regionId: region.id, frameworkId: framework.id, shape, institutions });
  });
  return describeDemo(em);
}

function createOrganisation(em: EntityManager, def: DemoOrganisation, regionId: string): Organisation {
  return em.create(Organisation, {
    name: def.name,
    slug: def.slug,
    kind: def.kind,
    regionId,
    sizeBand: def.sizeBand,
    governance: def.governance,
    timeZone: 'Europe/London',
    benchmarkingConsent: def.benchmarkingConsent,
    createdAt: at(CYCLES.first.createdAt, -60),
  });
}

/** Reuses an account that already has a demo address (someone may have registered it by hand). */
async function ensureUsers(em: EntityManager, passwordHash: string): Promise<Map<string, User>> {
  const existing = await em.find(User, { email: { $in: PEOPLE.map((p) => p.email) } });
  const users = new Map(existing.map((user) => [user.email, user]));
  for (const person of PEOPLE) {
    if (!users.has(person.email)) {
      users.set(
        person.email,
        em.create(User, { email: person.email, name: person.name, passwordHash, createdAt: at(CYCLES.first.createdAt, -30) }),
      );
    }
  }
  return users;
}

function seedInstitution(ctx: InstitutionContext, institution: DemoInstitution): SeededInstitution {
  const random = seededRandom(institution.slug);
  const first = firstCycle(ctx.shape, institution.profile, random);
  const second = nextCycle(ctx.shape, first, random);
  if (institution.unsupportedClaim) makeUnsupportedClaim(ctx.shape, second, DEMO_ELEMENT_WITH_UNSUPPORTED_CLAIM);

  const previous = createAssessment(ctx, CYCLES.first, null, first);
  if (ctx.assessorIds) {
    const team = teamAnswers(ctx.shape, first);
    addAssessorAnswers(ctx, previous.id, ctx.assessorIds[0], team.first, at(CYCLES.first.submittedAt, -14));
    addAssessorAnswers(ctx, previous.id, ctx.assessorIds[1], team.second, at(CYCLES.first.submittedAt, -13));
  }

  const submitted: Submitted[] = [{ assessment: previous, answers: first, submittedAt: at(CYCLES.first.submittedAt) }];
  let current: Assessment | null = null;
  if (ctx.assessorIds) {
    // Left for a newcomer to answer and submit: no agreed answers, a couple from the second assessor.
    const draft = ctx.em.create(Assessment, {
      organisationId: ctx.organisationId,
      frameworkId: ctx.frameworkId,
      cycle: CYCLES.second.cycle,
      status: AssessmentStatus.DRAFT,
      dueOn: CYCLES.northfieldDraft.dueOn,
      previousId: previous.id,
      createdBy: ctx.leadId,
      createdAt: at(CYCLES.northfieldDraft.createdAt),
      updatedAt: at(CYCLES.northfieldDraft.createdAt, 7),
    });
    // Cautious answers, so a newcomer who answers YES (as the walk-through in docs/integrating/graphql.md does) sees a disagreement.
    const [firstPart, secondPart] = allPracticeKeys(ctx.shape);
    const [firstPrompt] = allPromptKeys(ctx.shape);
    const started = new Map<string, string>();
    if (firstPart) started.set(firstPart, 'STARTED');
    if (secondPart) started.set(secondPart, 'NO');
    if (firstPrompt) started.set(firstPrompt, 'NO');
    addAssessorAnswers(ctx, draft.id, ctx.assessorIds[1], started, at(CYCLES.northfieldDraft.createdAt, 7));
  } else {
    // The plan story's 2026 stays open until its plan has been regenerated (see seedPlans).
    current = createAssessment(ctx, CYCLES.second, previous.id, second, !ctx.story);
    submitted.push({ assessment: current, answers: second, submittedAt: at(CYCLES.second.submittedAt) });
  }

  return { first: previous, second: current, library: addEvidence(ctx, institution, submitted) };
}

type Cycle = { cycle: string; createdAt: string; submittedAt: string; dueOn: string };

interface Submitted {
  assessment: Assessment;
  answers: CycleAnswers;
  /** When it is (or, for the plan story's 2026, will be) submitted. */
  submittedAt: Date;
}

/** An assessment of a cycle with its agreed answers: submitted, or left in DRAFT for `submit` to finish. */
function createAssessment(ctx: InstitutionContext, cycle: Cycle, previousId: string | null, answers: CycleAnswers, submitted = true): Assessment {
  const assessment = ctx.em.create(Assessment, {
    organisationId: ctx.organisationId,
    frameworkId: ctx.frameworkId,
    cycle: cycle.cycle,
    dueOn: cycle.dueOn,
    previousId,
    createdBy: ctx.leadId,
    createdAt: at(cycle.createdAt),
    updatedAt: at(cycle.submittedAt, -7),
  });
  if (submitted) submit(ctx, assessment, cycle);
  const answeredAt = at(cycle.submittedAt, -7);
  const common = { organisationId: ctx.organisationId, assessmentId: assessment.id, setBy: ctx.leadId, createdAt: answeredAt, updatedAt: answeredAt };
  for (const [nodeKey, value] of answers.practice) ctx.em.create(ConsensusAnswer, { ...common, nodeKey, value });
  for (const [nodeKey, draft] of answers.evidence) ctx.em.create(ConsensusAnswer, { ...common, nodeKey, ...draft });
  return assessment;
}

function submit(ctx: InstitutionContext, assessment: Assessment, cycle: Cycle): void {
  const submittedAt = at(cycle.submittedAt);
  assessment.status = AssessmentStatus.SUBMITTED;
  assessment.submittedAt = submittedAt;
  assessment.submittedBy = ctx.ownerId;
  assessment.updatedAt = submittedAt;
}

function addAssessorAnswers(ctx: InstitutionContext, assessmentId: string, userId: string, answers: Map<string, string>, when: Date) {
  for (const [nodeKey, value] of answers) {
    ctx.em.create(AssessorAnswer, { organisationId: ctx.organisationId, assessmentId, userId, nodeKey, value, createdAt: when, updatedAt: when });
  }
}

/** The evidence library, each item linked to the prompts it supports wherever the agreed answer is YES. */
function addEvidence(ctx: InstitutionContext, institution: DemoInstitution, submitted: Submitted[]): LibraryItem[] {
  return EVIDENCE.map((template) => {
    const evidence = ctx.em.create(Evidence, {
      organisationId: ctx.organisationId,
      title: template.title(institution.partners),
      url: `https://example.org/${institution.slug}/${template.path}`,
      evidenceDate: template.evidenceDate,
      expiresOn: template.expiresOn,
      createdBy: ctx.leadId,
      createdAt: at(template.evidenceDate, 3),
    });
    for (const { assessment, answers, submittedAt } of submitted) {
      // Evidence dated after a submission cannot have supported it.
      if (at(template.evidenceDate) > submittedAt) continue;
      for (const nodeKey of template.supports) {
        if (answers.evidence.get(nodeKey)?.value !== 'YES') continue;
        ctx.em.create(EvidenceLink, {
          organisationId: ctx.organisationId,
          evidenceId: evidence.id,
          assessmentId: assessment.id,
          nodeKey,
          linkedBy: ctx.leadId,
          createdAt: submittedAt,
        });
      }
    }
    return { evidence, supports: template.supports };
  });
}
