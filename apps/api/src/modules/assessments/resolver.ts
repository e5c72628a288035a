import { Arg, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Mutation } from '../../graphql/mutation';
import { Length } from 'class-validator';
import { ArgsType, Args, Field } from 'type-graphql';
import { Assessment, AssessmentStatus, consensusMaps } from '@waymark/db';
import { findDisagreements } from '@waymark/domain';
import { missingParts } from '@waymark/domain';
import { type RequestContext, tenant } from '../../context';
import { PageInput, connectionOf } from '../../graphql/connection';
import { paginate } from '../../graphql/paginate';
import { FrameworkType } from '../frameworks/types';
import { frameworkView } from '../frameworks/view';
import { AnswersInput, CreateAssessmentInput, StartNextCycleInput } from './inputs';
import * as assessments from './service';
import * as plans from '../plans/service';
import {
  AssessmentScoreType,
  AssessmentType,
  AssessorAnswerType,
  ConsensusAnswerType,
  DisagreementType,
  Reopening,
} from './types';

const AssessmentConnection = connectionOf(AssessmentType, 'Assessment');

@ArgsType()
class ReopenArgs {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Why it is reopened; kept with the assessment for good.' })
  @Length(10, 2000, { message: 'reason must be 10 to 2000 characters: say why the locked result is reopened' })
  reason!: string;
}

@Resolver(() => AssessmentType)
export class AssessmentResolver {
  @Authorized('assessments:read')
  @Query(() => AssessmentConnection, { description: "The organisation's assessments, newest first." })
  assessments(
    @Ctx() ctx: RequestContext,
    @Arg('page', () => PageInput, { defaultValue: { first: 20 } }) page: PageInput,
    @Arg('status', () => AssessmentStatus, { nullable: true }) status?: AssessmentStatus,
  ) {
    const t = tenant(ctx);
    return paginate(t.em, Assessment, { organisationId: t.organisationId, ...(status ? { status } : {}) }, page, { direction: 'desc' });
  }

  @Authorized('assessments:read')
  @Query(() => AssessmentType)
  assessment(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return assessments.getAssessment(tenant(ctx), id);
  }

  @Authorized('assessments:create')
  @Mutation(() => AssessmentType, { description: 'Start an assessment of a framework version for a cycle.' })
  createAssessment(@Ctx() ctx: RequestContext, @Arg('input', () => CreateAssessmentInput) input: CreateAssessmentInput) {
    return assessments.createAssessment(tenant(ctx), input);
  }

  @Authorized('assessments:create')
  @Mutation(() => AssessmentType, { description: "Start the next cycle pre-filled with the last cycle's agreed answers and current evidence." })
  async startNextCycle(@Ctx() ctx: RequestContext, @Arg('input', () => StartNextCycleInput) input: StartNextCycleInput) {
    const t = tenant(ctx);
    const { previous, next } = await assessments.startNextCycle(t, input);
    await plans.carryForward(t, previous, next);
    return next;
  }

  @Authorized('answers:write')
  @Mutation(() => [AssessorAnswerType], { description: 'Record your own answers (up to 200 per call); the team sees each view.' })
  recordAnswers(@Ctx() ctx: RequestContext, @Arg('input', () => AnswersInput) input: AnswersInput) {
    return assessments.recordAnswers(tenant(ctx), input.assessmentId, input.answers);
  }

  @Authorized('consensus:write')
  @Mutation(() => AssessmentType, { description: "Set the team's agreed answers (up to 200 per call)." })
  setConsensusAnswers(@Ctx() ctx: RequestContext, @Arg('input', () => AnswersInput) input: AnswersInput) {
    return assessments.setConsensus(tenant(ctx), input.assessmentId, input.answers);
  }

  @Authorized('consensus:write')
  @Mutation(() => AssessmentType, { description: 'Adopt as agreed every answer on which all assessors (two or more) agree and no consensus is set yet.' })
  adoptAgreedAnswers(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return assessments.adoptAgreedAnswers(tenant(ctx), id);
  }

  @Authorized('assessments:submit')
  @Mutation(() => AssessmentType, { description: 'Submit and lock. Refused (CONFLICT, extensions.missing) until every action part has an agreed answer.' })
  submitAssessment(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return assessments.submitAssessment(tenant(ctx), id);
  }

  @Authorized('assessments:reopen')
  @Mutation(() => AssessmentType, { description: 'Reopen a submitted assessment; the reason is kept.' })
  reopenAssessment(@Ctx() ctx: RequestContext, @Args(() => ReopenArgs) { id, reason }: ReopenArgs) {
    return assessments.reopenAssessment(tenant(ctx), id, reason);
  }

  @FieldResolver(() => FrameworkType)
  async framework(@Root() a: Assessment, @Ctx() ctx: RequestContext) {
    return frameworkView(await assessments.treeOf(ctx, a));
  }

  @FieldResolver(() => AssessmentType, { nullable: true, description: 'The cycle this one was started from.' })
  async previous(@Root() a: Assessment, @Ctx() ctx: RequestContext) {
    return a.previousId ? ctx.loaders.assessments.load(a.previousId) : null;
  }

  @FieldResolver(() => [ConsensusAnswerType], { description: 'Agreed answers, one per item.' })
  answers(@Root() a: Assessment, @Ctx() ctx: RequestContext) {
    return ctx.loaders.consensusAnswers.load(a.id);
  }

  @FieldResolver(() => [AssessorAnswerType], { description: 'Every assessor\u2019s own answers.' })
  assessorAnswers(@Root() a: Assessment, @Ctx() ctx: RequestContext) {
    return ctx.loaders.assessorAnswers.load(a.id);
  }

  @FieldResolver(() => [AssessorAnswerType], { description: 'Your own answers.' })
  async myAnswers(@Root() a: Assessment, @Ctx() ctx: RequestContext) {
    return (await ctx.loaders.assessorAnswers.load(a.id)).filter((x) => x.userId === ctx.userId);
  }

  @FieldResolver(() => [DisagreementType], { description: 'Items where assessors answered differently, in framework order.' })
  async disagreements(@Root() a: Assessment, @Ctx() ctx: RequestContext) {
    const [team, agreed, tree] = await Promise.all([
      ctx.loaders.assessorAnswers.load(a.id),
      ctx.loaders.consensusAnswers.load(a.id),
      assessments.treeOf(ctx, a),
    ]);
    const consensus = new Map(agreed.map((c) => [c.nodeKey, c.value]));
    return findDisagreements(team.map((t) => ({ nodeKey: t.nodeKey, userId: t.userId, value: t.value })), tree.orderedKeys).map((d) => ({
      ...d,
      consensus: consensus.get(d.nodeKey) ?? null,
    }));
  }

  @FieldResolver(() => [String], { description: 'Action parts still without an agreed answer; submit needs this empty.' })
  async missingKeys(@Root() a: Assessment, @Ctx() ctx: RequestContext) {
    const [rows, tree] = await Promise.all([ctx.loaders.consensusAnswers.load(a.id), assessments.treeOf(ctx, a)]);
    return missingParts(tree.scoring, consensusMaps(rows, tree).practice);
  }

  @FieldResolver(() => AssessmentScoreType)
  async scores(@Root() a: Assessment, @Ctx() ctx: RequestContext) {
    const [rows, tree] = await Promise.all([ctx.loaders.consensusAnswers.load(a.id), assessments.treeOf(ctx, a)]);
    return assessments.scoresOf(rows, tree);
  }

  @FieldResolver(() => [Reopening])
  reopenings(@Root() a: Assessment, @Ctx() ctx: RequestContext) {
    return ctx.loaders.reopenings.load(a.id);
  }
}
