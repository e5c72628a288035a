import type { EntityManager } from '@mikro-orm/postgresql';
import type { ScoringElement } from '@waymark/domain';
import { keepSubmittedScores } from '../benchmarks/scores';
import { Assessment, AssessmentStatus, ConsensusAnswer, Network, NetworkMember, NetworkMemberStatus, Organisation } from '../entities';
import { loadFrameworkTree } from '../frameworks/tree';
import { TENANT_FILTER } from '../orm';
import { firstCycle, seededRandom } from './demo-answers';
import { CYCLES, DEMO_NETWORK, NETWORK_INSTITUTIONS, type NetworkInstitution } from './demo-data';

const at = (iso: string) => new Date(iso);

/**
 * The regional body's network: the demo institutions and a further group with no logins, each with
 * a submitted 2026 assessment, and the scores every submitted demo assessment keeps for benchmarks
 * (the API keeps them on submit; the seed writes assessments directly, so it keeps them here).
 */
export async function seedNetwork(
  em: EntityManager,
  input: { bodyId: string; analystId: string; regionId: string; frameworkId: string; shape: readonly ScoringElement[]; institutions: Map<string, Organisation> },
): Promise<void> {
  const members = new Map(input.institutions);
  for (const def of NETWORK_INSTITUTIONS) {
    const organisation = em.create(Organisation, {
      name: def.name, slug: def.slug, kind: def.kind, regionId: input.regionId, sizeBand: def.sizeBand, governance: def.governance,
      benchmarkingConsent: def.benchmarkingConsent, createdAt: at(CYCLES.first.createdAt),
    });
    members.set(def.slug, organisation);
  }
  await em.flush();
  for (const def of NETWORK_INSTITUTIONS) addSubmission(em, def, members.get(def.slug)!.id, input);
  await em.flush();

  const tree = await loadFrameworkTree(em, input.frameworkId);
  for (const organisation of members.values()) {
    em.setFilterParams(TENANT_FILTER, { organisationId: organisation.id });
    const submitted = await em.find(Assessment, { organisationId: organisation.id, status: AssessmentStatus.SUBMITTED });
    for (const assessment of submitted) {
      const answers = await em.find(ConsensusAnswer, { organisationId: organisation.id, assessmentId: assessment.id });
      await keepSubmittedScores(em, assessment, tree, answers);
    }
  }

  em.setFilterParams(TENANT_FILTER, { organisationId: input.bodyId });
  const network = em.create(Network, { organisationId: input.bodyId, name: DEMO_NETWORK.name, createdBy: input.analystId, createdAt: at(CYCLES.first.createdAt) });
  for (const [slug, organisation] of members) {
    const status = slug === DEMO_NETWORK.invited ? NetworkMemberStatus.INVITED : slug === DEMO_NETWORK.declined ? NetworkMemberStatus.DECLINED : NetworkMemberStatus.MEMBER;
    em.create(NetworkMember, {
      organisationId: input.bodyId, networkId: network.id, memberOrganisationId: organisation.id, status, invitedBy: input.analystId,
      respondedAt: status === NetworkMemberStatus.INVITED ? null : at(CYCLES.first.createdAt), createdAt: at(CYCLES.first.createdAt),
    });
  }
  await em.flush();
}

function addSubmission(em: EntityManager, def: NetworkInstitution, organisationId: string, input: { analystId: string; frameworkId: string; shape: readonly ScoringElement[] }) {
  const answers = firstCycle(input.shape, def.profile, seededRandom(def.slug));
  const submittedAt = at(CYCLES.second.submittedAt);
  const assessment = em.create(Assessment, {
    organisationId, frameworkId: input.frameworkId, cycle: CYCLES.second.cycle, dueOn: CYCLES.second.dueOn, status: AssessmentStatus.SUBMITTED,
    submittedAt, submittedBy: input.analystId, createdBy: input.analystId, createdAt: at(CYCLES.second.createdAt), updatedAt: submittedAt,
  });
  const common = { organisationId, assessmentId: assessment.id, setBy: input.analystId, createdAt: submittedAt, updatedAt: submittedAt };
  for (const [nodeKey, value] of answers.practice) em.create(ConsensusAnswer, { ...common, nodeKey, value });
  for (const [nodeKey, draft] of answers.evidence) em.create(ConsensusAnswer, { ...common, nodeKey, ...draft });
}
