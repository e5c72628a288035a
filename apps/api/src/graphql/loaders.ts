import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  ActionItemEvidence,
  ActionItemNote,
  Assessment,
  AssessmentReopening,
  AssessorAnswer,
  ConsensusAnswer,
  Evidence,
  EvidenceLink,
  Partner,
  PartnerLink,
  User,
} from '@waymark/db';

/** Rows grouped under the parent id they belong to (answers of an assessment, notes of an item ...). */
function grouped<T>(load: (ids: string[]) => Promise<T[]>, key: keyof T) {
  return new DataLoader<string, T[]>(async (ids) => {
    const groups = new Map<unknown, T[]>();
    for (const row of await load([...ids])) {
      const list = groups.get(row[key]) ?? [];
      list.push(row);
      groups.set(row[key], list);
    }
    return ids.map((id) => groups.get(id) ?? []);
  });
}

function byId<T extends { id: string }>(load: (ids: string[]) => Promise<T[]>) {
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = new Map((await load([...ids])).map((r) => [r.id, r]));
    return ids.map((id) => rows.get(id) ?? null);
  });
}

// Loaders only serve reads: their rows need no identity map or change tracking, which is most of
// the cost of hydrating hundreds of answers.
const readOnly = { disableIdentityMap: true } as const;
const oldestFirst = { ...readOnly, orderBy: { createdAt: 'asc', id: 'asc' } } as const;

/**
 * One set of loaders per request: nested fields read in one query per kind of row, however many
 * parents there are. They use the request's entity manager, so the tenant filter and row-level
 * security apply to them as to everything else.
 */
export function createLoaders(em: EntityManager) {
  return {
    consensusAnswers: grouped((ids) => em.find(ConsensusAnswer, { assessmentId: { $in: ids } }, readOnly), 'assessmentId'),
    assessorAnswers: grouped((ids) => em.find(AssessorAnswer, { assessmentId: { $in: ids } }, readOnly), 'assessmentId'),
    evidenceLinks: grouped((ids) => em.find(EvidenceLink, { assessmentId: { $in: ids } }, readOnly), 'assessmentId'),
    reopenings: grouped((ids) => em.find(AssessmentReopening, { assessmentId: { $in: ids } }, oldestFirst), 'assessmentId'),
    partnerLinksByAssessment: grouped((ids) => em.find(PartnerLink, { assessmentId: { $in: ids } }, oldestFirst), 'assessmentId'),
    partnerLinksByPartner: grouped((ids) => em.find(PartnerLink, { partnerId: { $in: ids } }, oldestFirst), 'partnerId'),
    itemNotes: grouped((ids) => em.find(ActionItemNote, { itemId: { $in: ids } }, oldestFirst), 'itemId'),
    itemEvidence: grouped((ids) => em.find(ActionItemEvidence, { itemId: { $in: ids } }, readOnly), 'itemId'),
    assessments: byId((ids) => em.find(Assessment, { id: { $in: ids } }, readOnly)),
    evidence: byId((ids) => em.find(Evidence, { id: { $in: ids } }, readOnly)),
    partners: byId((ids) => em.find(Partner, { id: { $in: ids } }, readOnly)),
    users: byId((ids) => em.find(User, { id: { $in: ids } }, readOnly)),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
