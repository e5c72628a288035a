import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { IsOptional, Matches } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';
import { consensusMaps } from '@waymark/db';
import { AssessmentStatus, findDisagreements, missingParts } from '@waymark/domain';
import { type RequestContext, tenant } from '../../context';
import { ConnectionArgs, connectionOf } from '../../graphql/connection';
import { rowsWith } from '../../graphql/loader';
import { Mutation } from '../../graphql/mutation';
import { Text } from '../../graphql/text';
import { FrameworkChangeType, FrameworkSummary, FrameworkType } from '../frameworks/types';
import { frameworkChanges, frameworkView, newerVersions, treeOf } from '../frameworks/reads';
import { personOf, requiredPersonOf } from '../people/reads';
import { PersonType } from '../people/types';
import { carryForward } from '../plans/service';
import { AnswersInput, CYCLE_PATTERN, ClearAnswersInput, CreateAssessmentInput, ReopenArgs, StartNextCycleInput } from './inputs';
import {
  assessmentById,
  assessorAnswersByAssessment,
  consensusByAssessment,
  findAssessment,
  listAssessments,
  reopeningsByAssessment,
  scoresOf,
} from './reads';
import * as assessments from './service';
import {
  type AssessmentRow,
  AssessmentScoreType,
  AssessmentType,
  AssessorAnswerType,
  CompletionType,
  ConsensusAnswerType,
  DisagreementType,
  DisagreementValue,
  ReopeningType,
} from './types';

const AssessmentConnection = connectionOf(AssessmentType, 'Assessment', 'assessment');

@ArgsType()
class AssessmentListArgs extends ConnectionArgs {
  @Field(() => AssessmentStatus, { nullable: true, description: 'Only assessments in this status.' }) @IsOptional() status?: AssessmentStatus | null;
  @Field(() => String, { nullable: true, description: 'Only the assessment(s) of this cycle, e.g. "2026".' })
  @IsOptional()
  @Text({ max: 40 })
  @Matches(CYCLE_PATTERN, { message: 'cycle is not a cycle name' })
  cycle?: string | null;
}

@Resolver(() => AssessmentType)
export class AssessmentResolver {
  @Authorized('assessments:read')
  @Query(() => AssessmentConnection, { description: "The organisation's assessments, newest first." })
  assessments(@Ctx() ctx: RequestContext, @Args(() => AssessmentListArgs) args: AssessmentListArgs) {
    return listAssessments(tenant(ctx).db, args, args);
  }

  @Authorized('assessments:read')
  @Query(() => AssessmentType, { description: 'One assessment of the organisation.' })
  assessment(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The assessment.' }) id: string) {
    return findAssessment(tenant(ctx).db, id);
  }

  @Authorized('assessments:create')
  @Mutation(() => AssessmentType, { description: 'Start an assessment of a framework version for a cycle.' })
  createAssessment(@Ctx() ctx: RequestContext, @Arg('input', () => CreateAssessmentInput, { description: 'The framework and cycle.' }) input: CreateAssessmentInput) {
    return assessments.createAssessment(tenant(ctx), input);
  }

  @Authorized('assessments:create')
  @Mutation(() => AssessmentType, {
    description:
      "Start the next cycle from a submitted assessment: its agreed answers and current evidence come along, and its plan's open work carries forward. " +
      'Name a newer version of the framework (`frameworkId`) to move to it: answers follow the published crosswalk (see `Assessment.changesSincePrevious`).',
  })
  async startNextCycle(@Ctx() ctx: RequestContext, @Arg('input', () => StartNextCycleInput, { description: 'The assessment to continue and the new cycle.' }) input: StartNextCycleInput) {
    const t = tenant(ctx);
    const { previous, next, translate } = await assessments.startNextCycle(t, input);
    await carryForward(t, previous, next, translate);
    return next;
  }

  @Authorized('answers:write')
  @Mutation(() => [AssessorAnswerType], { description: 'Record your own answers (up to 200 per call); the team sees each view.' })
  recordAnswers(@Ctx() ctx: RequestContext, @Arg('input', () => AnswersInput, { description: 'The answers.' }) input: AnswersInput) {
    return assessments.recordAnswers(tenant(ctx), input.assessmentId, input.answers);
  }

  @Authorized('answers:write')
  @Mutation(() => AssessmentType, { description: 'Take your own answers to some items back to unanswered.' })
  clearMyAnswers(@Ctx() ctx: RequestContext, @Arg('input', () => ClearAnswersInput, { description: 'The items.' }) input: ClearAnswersInput) {
    return assessments.clearAnswers(tenant(ctx), input.assessmentId, input.nodeKeys, 'mine');
  }

  @Authorized('consensus:write')
  @Mutation(() => AssessmentType, { description: "Set the team's agreed answers (up to 200 per call); send `expectedUpdatedAt` so nobody's change is overwritten unseen." })
  setConsensusAnswers(@Ctx() ctx: RequestContext, @Arg('input', () => AnswersInput, { description: 'The agreed answers.' }) input: AnswersInput) {
    return assessments.setConsensus(tenant(ctx), input.assessmentId, input.answers);
  }

  @Authorized('consensus:write')
  @Mutation(() => AssessmentType, { description: "Take the team's agreed answers to some items back to unanswered." })
  clearConsensusAnswers(@Ctx() ctx: RequestContext, @Arg('input', () => ClearAnswersInput, { description: 'The items.' }) input: ClearAnswersInput) {
    return assessments.clearAnswers(tenant(ctx), input.assessmentId, input.nodeKeys, 'agreed');
  }

  @Authorized('consensus:write')
  @Mutation(() => AssessmentType, { description: 'Adopt as agreed every answer on which all assessors (two or more) agree and no agreed answer is set yet.' })
  adoptAgreedAnswers(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The assessment.' }) id: string) {
    return assessments.adoptAgreedAnswers(tenant(ctx), id);
  }

  @Authorized('assessments:submit')
  @Mutation(() => AssessmentType, { description: 'Submit and lock (managers). Refused (CONFLICT, extensions.missing) until every action part has an agreed answer.' })
  submitAssessment(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The assessment.' }) id: string) {
    return assessments.submitAssessment(tenant(ctx), id);
  }

  @Authorized('assessments:reopen')
  @Mutation(() => AssessmentType, { description: 'Reopen a submitted assessment (managers); the reason is kept for good.' })
  reopenAssessment(@Ctx() ctx: RequestContext, @Args(() => ReopenArgs) { id, reason }: ReopenArgs) {
    return assessments.reopenAssessment(tenant(ctx), id, reason);
  }

  @FieldResolver(() => FrameworkType, { description: 'The framework version answered, with its whole tree.' })
  async framework(@Root() a: AssessmentRow, @Ctx() ctx: RequestContext) {
    return frameworkView(await treeOf(ctx.db, a.frameworkId));
  }

  @FieldResolver(() => AssessmentType, { nullable: true, description: 'The assessment of the cycle before, when this one was started from it.' })
  previous(@Root() a: AssessmentRow, @Ctx() ctx: RequestContext) {
    return a.previousId ? ctx.loaders.of(assessmentById).load(a.previousId) : null;
  }

  @FieldResolver(() => [FrameworkChangeType], {
    description:
      'When this cycle moved to a newer framework version than the cycle before: what changed between the two (reworded, split, merged, removed, added), in the new version\u2019s order. Empty otherwise.',
  })
  async changesSincePrevious(@Root() a: AssessmentRow, @Ctx() ctx: RequestContext) {
    const previous = a.previousId ? await ctx.loaders.of(assessmentById).load(a.previousId) : null;
    if (!previous || previous.frameworkId === a.frameworkId) return [];
    return frameworkChanges(ctx.db, previous.frameworkId, a.frameworkId);
  }

  @FieldResolver(() => [FrameworkSummary], {
    description: 'Newer versions of its framework that the next cycle can move to (a crosswalk from this version is published), newest first.',
  })
  newerVersions(@Root() a: AssessmentRow, @Ctx() ctx: RequestContext) {
    return newerVersions(ctx.db, a.frameworkId);
  }

  @FieldResolver(() => PersonType, { description: 'Who started it.' })
  createdBy(@Root() a: AssessmentRow, @Ctx() ctx: RequestContext) {
    return requiredPersonOf(ctx, a.createdBy);
  }

  @FieldResolver(() => PersonType, { nullable: true, description: 'Who last submitted it.' })
  submittedBy(@Root() a: AssessmentRow, @Ctx() ctx: RequestContext) {
    return personOf(ctx, a.submittedBy);
  }

  @FieldResolver(() => [ConsensusAnswerType], { description: 'Agreed answers, one per item.' })
  answers(@Root() a: AssessmentRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.of(consensusByAssessment).load(a.id);
  }

  @FieldResolver(() => [AssessorAnswerType], { description: "Every assessor's own answers." })
  assessorAnswers(@Root() a: AssessmentRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.of(assessorAnswersByAssessment).load(a.id);
  }

  @FieldResolver(() => [AssessorAnswerType], { description: 'Your own answers.' })
  async myAnswers(@Root() a: AssessmentRow, @Ctx() ctx: RequestContext) {
    return ctx.userId ? rowsWith(await ctx.loaders.of(assessorAnswersByAssessment).load(a.id), 'userId', ctx.userId) : [];
  }

  @FieldResolver(() => [DisagreementType], { description: 'Items where assessors answered differently, in framework order.' })
  async disagreements(@Root() a: AssessmentRow, @Ctx() ctx: RequestContext) {
    const [team, agreed, tree] = await Promise.all([
      ctx.loaders.of(assessorAnswersByAssessment).load(a.id),
      ctx.loaders.of(consensusByAssessment).load(a.id),
      treeOf(ctx.db, a.frameworkId),
    ]);
    const consensus = new Map(agreed.map((c) => [c.nodeKey, c.value]));
    return findDisagreements(team, tree.orderedKeys).map((d) => ({ ...d, consensus: consensus.get(d.nodeKey) ?? null }));
  }

  @FieldResolver(() => [String], { description: 'Action parts still without an agreed answer; submitting needs this empty.' })
  async missingKeys(@Root() a: AssessmentRow, @Ctx() ctx: RequestContext) {
    const [rows, tree] = await Promise.all([ctx.loaders.of(consensusByAssessment).load(a.id), treeOf(ctx.db, a.frameworkId)]);
    return missingParts(tree.scoring, consensusMaps(rows, tree).practice);
  }

  @FieldResolver(() => CompletionType, { description: 'How complete the agreed answers are, and what is missing before a manager can submit.' })
  async completion(@Root() a: AssessmentRow, @Ctx() ctx: RequestContext): Promise<CompletionType> {
    const [rows, tree] = await Promise.all([ctx.loaders.of(consensusByAssessment).load(a.id), treeOf(ctx.db, a.frameworkId)]);
    const { practice, evidence } = consensusMaps(rows, tree);
    const missing = missingParts(tree.scoring, practice);
    const prompts = tree.scoring.flatMap((e) => e.promptKeys);
    const partsTotal = tree.answerable.size - prompts.length;
    const answered = practice.size + evidence.size;
    return {
      partsAnswered: practice.size,
      partsTotal,
      promptsAnswered: evidence.size,
      promptsTotal: prompts.length,
      percent: tree.answerable.size ? Math.round((answered / tree.answerable.size) * 1000) / 10 : 100,
      missingKeys: missing,
      unansweredPrompts: prompts.filter((k) => !evidence.has(k)),
      readyToSubmit: missing.length === 0,
    };
  }

  @FieldResolver(() => AssessmentScoreType, { description: 'Practice and evidence scores from the agreed answers.' })
  async scores(@Root() a: AssessmentRow, @Ctx() ctx: RequestContext) {
    const [rows, tree] = await Promise.all([ctx.loaders.of(consensusByAssessment).load(a.id), treeOf(ctx.db, a.frameworkId)]);
    return scoresOf(rows, tree);
  }

  @FieldResolver(() => [ReopeningType], { description: 'Every reopening, oldest first, with its reason.' })
  reopenings(@Root() a: AssessmentRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.of(reopeningsByAssessment).load(a.id);
  }
}

@Resolver(() => ConsensusAnswerType)
export class ConsensusAnswerResolver {
  @FieldResolver(() => PersonType, { description: 'Who set it (a person, or an API key).' })
  setBy(@Root() answer: { setBy: string }, @Ctx() ctx: RequestContext) {
    return requiredPersonOf(ctx, answer.setBy);
  }
}

@Resolver(() => AssessorAnswerType)
export class AssessorAnswerResolver {
  @FieldResolver(() => PersonType, { description: 'The assessor.' })
  assessor(@Root() answer: { userId: string }, @Ctx() ctx: RequestContext) {
    return requiredPersonOf(ctx, answer.userId);
  }
}

@Resolver(() => DisagreementValue)
export class DisagreementValueResolver {
  @FieldResolver(() => [PersonType], { description: 'Who gave this value.' })
  people(@Root() value: { userIds: string[] }, @Ctx() ctx: RequestContext) {
    return Promise.all(value.userIds.map((id) => requiredPersonOf(ctx, id)));
  }
}

@Resolver(() => ReopeningType)
export class ReopeningResolver {
  @FieldResolver(() => PersonType, { description: 'The manager who reopened it.' })
  reopenedBy(@Root() reopening: { reopenedBy: string }, @Ctx() ctx: RequestContext) {
    return requiredPersonOf(ctx, reopening.reopenedBy);
  }
}

export const ASSESSMENT_RESOLVERS = [AssessmentResolver, ConsensusAnswerResolver, AssessorAnswerResolver, DisagreementValueResolver, ReopeningResolver] as const;
