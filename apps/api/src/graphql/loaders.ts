import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ActionItemEvidence, ActionItemNote, Assessment, AssessmentReopening, AssessorAnswer, ConsensusAnswer, Evidence, EvidenceLink, User } from '@waymark/db';

function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const list = map.get(key(row)) ?? [];
    list.push(row);
    map.set(key(row), list);
  }
  return map;
}

/**
 * One set of loaders per request: nested fields read in one query per kind of row, however many
 * parents there are. They use the request's entity manager, so the tenant filter and row-level
 * security apply to them as to everything else.
 */
export function createLoaders(em: EntityManager) {
  const byAssessment = <T extends { assessmentId: string }>(load: (ids: string[]) => Promise<T[]>) =>
    new DataLoader<string, T[]>(async (ids) => {
      const grouped = groupBy(await load([...ids]), (r) => r.assessmentId);
      return ids.map((id) => grouped.get(id) ?? []);
    });
  const byItem = <T extends { itemId: string }>(load: (ids: string[]) => Promise<T[]>) =>
    new DataLoader<string, T[]>(async (ids) => {
      const grouped = groupBy(await load([...ids]), (r) => r.itemId);
      return ids.map((id) => grouped.get(id) ?? []);
    });
  const byId = <T extends { id: string }>(load: (ids: string[]) => Promise<T[]>) =>
    new DataLoader<string, T | null>(async (ids) => {
      const rows = new Map((await load([...ids])).map((r) => [r.id, r]));
      return ids.map((id) => rows.get(id) ?? null);
    });

  return {
    consensusAnswers: byAssessment((ids) => em.find(ConsensusAnswer, { assessmentId: { $in: ids } })),
    assessorAnswers: byAssessment((ids) => em.find(AssessorAnswer, { assessmentId: { $in: ids } })),
    evidenceLinks: byAssessment((ids) => em.find(EvidenceLink, { assessmentId: { $in: ids } })),
    reopenings: byAssessment((ids) => em.find(AssessmentReopening, { assessmentId: { $in: ids } }, { orderBy: { createdAt: 'asc', id: 'asc' } })),
    assessments: byId((ids) => em.find(Assessment, { id: { $in: ids } })),
    evidence: byId((ids) => em.find(Evidence, { id: { $in: ids } })),
    users: byId((ids) => em.find(User, { id: { $in: ids } })),
    itemNotes: byItem((ids) => em.find(ActionItemNote, { itemId: { $in: ids } }, { orderBy: { createdAt: 'asc', id: 'asc' } })),
    itemEvidence: byItem((ids) => em.find(ActionItemEvidence, { itemId: { $in: ids } })),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
