import type express from 'express';
import { FrameworkNodeKind, type FrameworkTree, type NodeView } from '@waymark/db';
import { type AnswerScale, SCALE_VALUES } from '@waymark/domain';
import { Loaders } from '../graphql/loader';
import { consensusByAssessment, findAssessment } from '../modules/assessments/reads';
import type { ConsensusRow } from '../modules/assessments/types';
import { treeOf } from '../modules/frameworks/reads';
import { organisationOf } from './files';
import type { ExportContext } from './route';
import { type SheetFormat, sendSheet } from './sheets';

/**
 * The assessment as a sheet to fill in: every answerable item of its framework, in the framework's
 * order, with the agreed answer where there is one. `value`, `area_for_improvement` and `note` are
 * what the answers import reads back; `updated_at` tells it which answer the file was made from, so
 * a change someone made since is not overwritten unseen. The other columns say what each item is.
 */
export const ANSWER_COLUMNS = [
  'element_key', 'node_key', 'item', 'context', 'text', 'allowed_values', 'value', 'area_for_improvement', 'note', 'updated_at',
] as const;

/** What kind of item a row is: an action part, an action answered as a whole, or an evidence prompt. */
export type AnswerItem = 'part' | 'action' | 'prompt';

export interface AnswerableItem {
  elementKey: string;
  node: NodeView;
  item: AnswerItem;
  /** The action a part belongs to, or the group ("Have you ...") a prompt is in. */
  context: NodeView | null;
  scale: AnswerScale;
}

const childrenOf = (node: NodeView, kind: FrameworkNodeKind) => node.children.filter((c) => c.kind === kind);

/** Every answerable item of a framework version, in its order (the order of `tree.answerable`). */
export function answerableItems(tree: FrameworkTree): AnswerableItem[] {
  const items: AnswerableItem[] = [];
  for (const element of tree.nodes.filter((n) => n.kind === FrameworkNodeKind.ELEMENT)) {
    const scaleOf = (node: NodeView) => tree.answerable.get(node.key)!;
    for (const action of childrenOf(element, FrameworkNodeKind.ACTION)) {
      const parts = childrenOf(action, FrameworkNodeKind.PART);
      if (!parts.length) items.push({ elementKey: element.key, node: action, item: 'action', context: null, scale: scaleOf(action) });
      for (const part of parts) items.push({ elementKey: element.key, node: part, item: 'part', context: action, scale: scaleOf(part) });
    }
    for (const group of childrenOf(element, FrameworkNodeKind.PROMPT_GROUP)) {
      for (const prompt of childrenOf(group, FrameworkNodeKind.PROMPT)) {
        items.push({ elementKey: element.key, node: prompt, item: 'prompt', context: group, scale: scaleOf(prompt) });
      }
    }
  }
  return items;
}

function answerRow({ elementKey, node, item, context, scale }: AnswerableItem, answer: ConsensusRow | undefined) {
  return {
    element_key: elementKey,
    node_key: node.key,
    item,
    context: context ? (context.kind === FrameworkNodeKind.ACTION ? `${context.key} ${context.text}` : context.text) : null,
    text: node.text,
    allowed_values: SCALE_VALUES[scale].join(', '),
    value: answer?.value ?? null,
    // The flag means something only for evidence prompts, and only once answered.
    area_for_improvement: scale === 'EVIDENCE' && answer ? answer.areaForImprovement : null,
    note: answer?.note ?? null,
    updated_at: answer?.updatedAt ?? null,
  };
}

/** An assessment's agreed answers as CSV or XLSX (`…-assessment-<cycle>-answers-<date>.<ext>`). */
export async function sendAnswers(ctx: ExportContext, res: express.Response, assessmentId: string, format: SheetFormat) {
  const [assessment, organisation] = await Promise.all([findAssessment(ctx.db, assessmentId), organisationOf(ctx.db)]);
  const [tree, answers] = await Promise.all([treeOf(ctx.db, assessment.frameworkId), new Loaders(() => ctx.db).of(consensusByAssessment).load(assessment.id)]);
  const byKey = new Map(answers.map((a) => [a.nodeKey, a]));
  const name = { slug: organisation.slug, parts: ['assessment', assessment.cycle, 'answers'], sheet: 'Answers' };
  await sendSheet(res, format, name, ANSWER_COLUMNS, answerableItems(tree).map((i) => answerRow(i, byKey.get(i.node.key))));
}
