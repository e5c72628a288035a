import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Mutation } from '../../graphql/mutation';
import { Length, MaxLength } from 'class-validator';
import { ActionItem, ActionItemStatus, type ActionPlan, Evidence } from '@waymark/db';
import { type RequestContext, tenant } from '../../context';
import { PageInput, connectionOf } from '../../graphql/connection';
import { EvidenceType } from '../evidence/types';
import * as plans from './service';
import {
  ActionItemFilter,
  ActionItemNoteType,
  ActionItemSort,
  ActionItemType,
  ActionPlanType,
  CycleProgress,
  PlanGeneration,
  UpdateActionItemInput,
} from './types';

const ActionItemConnection = connectionOf(ActionItemType, 'ActionItem');

@ArgsType()
class StatusArgs {
  @Field(() => ID) id!: string;
  @Field(() => ActionItemStatus) status!: ActionItemStatus;
  @Field(() => String, { nullable: true, description: 'Kept in the item history with the change.' })
  @MaxLength(4000)
  note?: string | null;
}

@ArgsType()
class NoteArgs {
  @Field(() => ID) id!: string;
  @Field(() => String) @Length(1, 4000) body!: string;
}

@Resolver(() => ActionPlanType)
export class ActionPlanResolver {
  @Authorized('plans:manage')
  @Mutation(() => PlanGeneration, {
    description: 'Generate or regenerate the plan of an assessment. Never duplicates items or touches owners\u2019 edits; closed gaps are marked resolved.',
  })
  generateActionPlan(@Ctx() ctx: RequestContext, @Arg('assessmentId', () => ID) assessmentId: string) {
    return plans.generatePlan(tenant(ctx), assessmentId);
  }

  @Authorized('plans:read')
  @Query(() => ActionPlanType)
  actionPlan(@Ctx() ctx: RequestContext, @Arg('assessmentId', () => ID) assessmentId: string) {
    return plans.getPlan(tenant(ctx), assessmentId);
  }

  @Authorized('plans:read')
  @Query(() => [CycleProgress], { description: 'Cycle over cycle: scores per element, change since the last cycle, plan figures.' })
  progress(@Ctx() ctx: RequestContext) {
    return plans.progress(tenant(ctx));
  }

  @FieldResolver(() => ActionItemConnection)
  items(
    @Root() plan: ActionPlan,
    @Ctx() ctx: RequestContext,
    @Arg('page', () => PageInput, { defaultValue: { first: 100 } }) page: PageInput,
    @Arg('includeResolved', () => Boolean, { defaultValue: false }) includeResolved: boolean,
  ) {
    return plans.listItems(tenant(ctx), { assessmentId: plan.assessmentId, includeResolved }, ActionItemSort.PRIORITY, page);
  }
}

@Resolver(() => ActionItemType)
export class ActionItemResolver {
  @Authorized('plans:read')
  @Query(() => ActionItemConnection, { description: 'Action items across the organisation: filter (mine, overdue, due this month, element, status) and sort.' })
  actionItems(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => ActionItemFilter, { defaultValue: {} }) filter: ActionItemFilter,
    @Arg('sort', () => ActionItemSort, { defaultValue: ActionItemSort.PRIORITY }) sort: ActionItemSort,
    @Arg('page', () => PageInput, { defaultValue: { first: 20 } }) page: PageInput,
  ) {
    return plans.listItems(tenant(ctx), filter, sort, page);
  }

  @Authorized('plans:read')
  @Query(() => ActionItemType)
  actionItem(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return plans.getItem(tenant(ctx), id);
  }

  @Authorized('plans:write')
  @Mutation(() => ActionItemType, { description: 'Owner, due date, review interval and date, resources, measure of success.' })
  updateActionItem(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Arg('input', () => UpdateActionItemInput) input: UpdateActionItemInput) {
    return plans.updateItem(tenant(ctx), id, input);
  }

  @Authorized('plans:write')
  @Mutation(() => ActionItemType, { description: 'Move an item through OPEN, IN_PROGRESS, DONE, DEFERRED, DROPPED; refused (CONFLICT) when not allowed.' })
  changeActionItemStatus(@Ctx() ctx: RequestContext, @Args(() => StatusArgs) args: StatusArgs) {
    return plans.changeStatus(tenant(ctx), args.id, args.status, args.note);
  }

  @Authorized('plans:write')
  @Mutation(() => ActionItemNoteType, { description: 'Add a progress note (history: notes are never edited).' })
  addActionItemNote(@Ctx() ctx: RequestContext, @Args(() => NoteArgs) args: NoteArgs) {
    return plans.addNote(tenant(ctx), args.id, args.body);
  }

  @Authorized('plans:write')
  @Mutation(() => ActionItemType, { description: 'Link evidence from the library as the measure of success collected.' })
  linkActionItemEvidence(@Ctx() ctx: RequestContext, @Arg('itemId', () => ID) itemId: string, @Arg('evidenceId', () => ID) evidenceId: string) {
    return plans.linkEvidence(tenant(ctx), itemId, evidenceId, true);
  }

  @Authorized('plans:write')
  @Mutation(() => ActionItemType)
  unlinkActionItemEvidence(@Ctx() ctx: RequestContext, @Arg('itemId', () => ID) itemId: string, @Arg('evidenceId', () => ID) evidenceId: string) {
    return plans.linkEvidence(tenant(ctx), itemId, evidenceId, false);
  }

  @FieldResolver(() => [ActionItemNoteType], { description: 'Progress notes and status changes, oldest first.' })
  notes(@Root() item: ActionItem, @Ctx() ctx: RequestContext) {
    return ctx.loaders.itemNotes.load(item.id);
  }

  @FieldResolver(() => [EvidenceType])
  async evidence(@Root() item: ActionItem, @Ctx() ctx: RequestContext) {
    const links = await ctx.loaders.itemEvidence.load(item.id);
    const rows = await ctx.loaders.evidence.loadMany(links.map((l) => l.evidenceId));
    return rows.filter((r): r is Evidence => r instanceof Evidence);
  }

  @FieldResolver(() => [ActionItemType], { description: 'The items this one continues from earlier cycles, oldest first.' })
  history(@Root() item: ActionItem, @Ctx() ctx: RequestContext) {
    return plans.historyOf(tenant(ctx), item);
  }

  @FieldResolver(() => String, { nullable: true })
  async ownerName(@Root() item: ActionItem, @Ctx() ctx: RequestContext) {
    return item.ownerUserId ? ((await ctx.loaders.users.load(item.ownerUserId))?.name ?? null) : null;
  }
}
