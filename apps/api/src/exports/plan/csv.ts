import type express from 'express';
import { localDate } from '@waymark/domain';
import { Loaders } from '../../graphql/loader';
import { findAssessment } from '../../modules/assessments/reads';
import { organisationOf } from '../files';
import { type SheetFormat, sendSheet } from '../sheets';
import type { ExportContext } from '../route';
import { type PlanEntry, personLabel } from './arrange';
import { loadPlan } from './load';

/**
 * The plan's columns (CSV and XLSX alike), snake_case like every table's; the rows follow the
 * printed report's order. The action-item import reads this layout back (modules/imports).
 */
export const PLAN_CSV_COLUMNS = [
  'plan_section', 'rank', 'priority', 'item_key', 'kind', 'element_key', 'node_key', 'what', 'why', 'target', 'status', 'owner',
  'due_on', 'overdue', 'review_interval_days', 'next_review_on', 'resources', 'success_measure', 'done_at', 'resolved_by_assessment_at',
  'carried_from_cycle', 'carried_to_cycle', 'decision_from_cycle', 'decision_from_status',
] as const;

type PlanCsvRow = Record<(typeof PLAN_CSV_COLUMNS)[number], unknown>;

function csvRow({ item, section, rank, overdue, owner, carriedFrom, carriedTo, decisionFrom }: PlanEntry): PlanCsvRow {
  return {
    plan_section: section, rank, priority: item.priority, item_key: item.itemKey, kind: item.kind, element_key: item.elementKey,
    node_key: item.nodeKey, what: item.what, why: item.why, target: item.target, status: item.status, owner: personLabel(owner),
    due_on: item.dueOn, overdue, review_interval_days: item.reviewIntervalDays, next_review_on: item.nextReviewOn, resources: item.resources, success_measure: item.successMeasure,
    done_at: item.doneAt, resolved_by_assessment_at: item.resolvedByAssessmentAt,
    carried_from_cycle: carriedFrom?.cycle, carried_to_cycle: carriedTo?.cycle,
    decision_from_cycle: decisionFrom?.cycle, decision_from_status: decisionFrom?.status,
  };
}

/**
 * An assessment's action plan, open work first by rank, then carried, closed and resolved items;
 * "overdue" by the organisation's day. An assessment without a plan gives the header alone.
 */
export async function sendPlan(ctx: ExportContext, res: express.Response, assessmentId: string, format: SheetFormat) {
  const [assessment, organisation] = await Promise.all([findAssessment(ctx.db, assessmentId), organisationOf(ctx.db)]);
  const plan = await loadPlan(ctx.db, new Loaders(() => ctx.db), assessment.id, localDate(new Date(), organisation.timeZone));
  const name = { slug: organisation.slug, parts: ['assessment', assessment.cycle, 'plan'], sheet: 'Plan' };
  await sendSheet(res, format, name, PLAN_CSV_COLUMNS, (plan?.entries ?? []).map(csvRow));
}
