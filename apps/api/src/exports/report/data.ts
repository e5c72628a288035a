import type { FrameworkTree } from '@waymark/db';
import { type AssessmentScore, groupBy, localDate } from '@waymark/domain';
import { Loaders } from '../../graphql/loader';
import { assessmentById, consensusByAssessment, findAssessment, reopeningsByAssessment, scoresOf } from '../../modules/assessments/reads';
import type { AssessmentRow, ConsensusRow, ReopeningRow } from '../../modules/assessments/types';
import { evidenceByAssessment } from '../../modules/evidence/reads';
import type { EvidenceRow } from '../../modules/evidence/types';
import { treeOf } from '../../modules/frameworks/reads';
import { partnersByAssessment } from '../../modules/partners/reads';
import type { PartnerRow } from '../../modules/partners/types';
import { type OrganisationRow, organisationOf } from '../files';
import type { PlanView } from '../plan/arrange';
import { loadPlan } from '../plan/load';
import type { ExportContext } from '../route';

/** An assessment with its framework and the scores of its agreed answers. */
export interface ScoredAssessment {
  assessment: AssessmentRow;
  tree: FrameworkTree;
  score: AssessmentScore;
}

/** Everything the report shows, read on the read path (plain rows) in the download's session. */
export interface ReportData extends ScoredAssessment {
  organisation: OrganisationRow;
  /** The cycle before (the assessment's `previous_id`), for the comparison of scores. */
  previous: ScoredAssessment | null;
  answers: ReadonlyMap<string, ConsensusRow>;
  evidence: { item: EvidenceRow; nodeKeys: string[] }[];
  evidenceByNode: ReadonlyMap<string, EvidenceRow[]>;
  partnersByNode: ReadonlyMap<string, PartnerRow[]>;
  /** Null when no plan has been generated. */
  plan: PlanView | null;
  reopenings: ReopeningRow[];
  /** The organisation's today, in its time zone: what "overdue" is judged on. */
  today: string;
  generatedAt: Date;
}

/** The assessment of the request's organisation, or NOT_FOUND (also for another organisation's or a malformed id). */
export async function loadReport(ctx: ExportContext, id: string): Promise<ReportData> {
  const { db } = ctx;
  const loaders = new Loaders(() => db);
  const generatedAt = new Date();
  const [assessment, organisation] = await Promise.all([findAssessment(db, id), organisationOf(db)]);
  const today = localDate(generatedAt, organisation.timeZone);
  const answers = (assessmentId: string | null) => (assessmentId ? loaders.of(consensusByAssessment).load(assessmentId) : Promise.resolve([]));
  const [tree, answerRows, evidenceRows, partnerRows, reopenings, plan, before, beforeAnswers] = await Promise.all([
    treeOf(db, assessment.frameworkId),
    answers(assessment.id),
    loaders.of(evidenceByAssessment).load(assessment.id),
    loaders.of(partnersByAssessment).load(assessment.id),
    loaders.of(reopeningsByAssessment).load(assessment.id),
    loadPlan(db, loaders, assessment.id, today),
    assessment.previousId ? loaders.of(assessmentById).load(assessment.previousId) : null,
    // In the same batch as this cycle's answers: one statement for both.
    answers(assessment.previousId),
  ]);
  // The cycle before may use another version of the framework: it is scored by its own.
  const previous = before ? await treeOf(db, before.frameworkId).then((t) => ({ assessment: before, tree: t, score: scoresOf(beforeAnswers, t) })) : null;

  const byEvidence = groupBy(evidenceRows, (e) => e.id);
  const evidence = [...byEvidence.values()]
    .map((links) => ({ item: links[0]!, nodeKeys: [...new Set(links.map((l) => l.nodeKey))].sort() }))
    .sort((a, b) => a.item.title.localeCompare(b.item.title) || (a.item.id < b.item.id ? -1 : 1));
  return {
    organisation,
    assessment,
    tree,
    score: scoresOf(answerRows, tree),
    previous,
    answers: new Map(answerRows.map((a) => [a.nodeKey, a])),
    evidence,
    evidenceByNode: groupBy(evidenceRows, (e) => e.nodeKey),
    partnersByNode: groupBy(partnerRows, (p) => p.nodeKey),
    plan,
    reopenings,
    today,
    generatedAt,
  };
}
