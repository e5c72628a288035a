import type { EntityManager } from '@mikro-orm/postgresql';
import { answerableKeys, scoreAssessment } from '@waymark/domain';
import { type Assessment, type ConsensusAnswer, SubmittedElementScore, SubmittedPartAnswer, SubmittedScore } from '../entities';
import { type FrameworkTree, consensusMaps } from '../frameworks/tree';

/**
 * Keeps a submitted assessment's scores as benchmarks will use them, in the submitting
 * transaction: overall and per element (the one scoring function's results), and each action
 * part's agreed answer. A resubmission (after a reopening) replaces what the last one kept. The API
 * calls this on submit; the demo seed does the same for the assessments it submits.
 */
export async function keepSubmittedScores(em: EntityManager, assessment: Assessment, tree: FrameworkTree, answers: readonly ConsensusAnswer[]): Promise<SubmittedScore> {
  const { organisationId } = assessment;
  const maps = consensusMaps(answers, tree);
  const score = scoreAssessment(tree.scoring, maps);
  await em.nativeDelete(SubmittedScore, { organisationId, assessmentId: assessment.id });
  const kept = em.create(SubmittedScore, {
    organisationId, assessmentId: assessment.id, frameworkId: assessment.frameworkId, cycle: assessment.cycle,
    submittedAt: assessment.submittedAt ?? new Date(), practice: score.practice, evidence: score.evidence,
  });
  for (const element of score.elements) {
    em.create(SubmittedElementScore, { organisationId, scoreId: kept.id, elementKey: element.elementKey, practice: element.practice, evidence: element.evidence });
  }
  for (const element of tree.scoring) {
    for (const action of element.actions) {
      for (const partKey of answerableKeys(action)) {
        const value = maps.practice.get(partKey);
        if (value) em.create(SubmittedPartAnswer, { organisationId, scoreId: kept.id, partKey, value });
      }
    }
  }
  return kept;
}

/** A reopened assessment leaves every benchmark until it is submitted again. */
export async function withdrawSubmittedScores(em: EntityManager, organisationId: string, assessmentId: string): Promise<void> {
  await em.nativeUpdate(SubmittedScore, { organisationId, assessmentId, withdrawnAt: null }, { withdrawnAt: new Date() });
}
