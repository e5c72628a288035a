import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { IsOptional } from 'class-validator';
import { ActionItemStatus, TEXT_LIMITS } from '@waymark/domain';
import { type RequestContext, tenant } from '../../context';
import { organisationToday } from '../../graphql/calendar';
import { ConnectionArgs, DefaultPageSize, connectionOf } from '../../graphql/connection';
import { Mutation } from '../../graphql/mutation';
import { Text } from '../../graphql/text';
import { EvidenceType } from '../evidence/types';
import { personOf, requiredPersonOf } from '../people/reads';
import { PersonType } from '../people/types';
import { cycleOfAssessment, evidenceByItem, findItem, findPlan, itemById, listItems, notesByItem, progress, successorOf } from './reads';
import * as plans from './service';
import {
  ActionItemFilter,
  ActionItemNoteType,
  ActionItemSort,
  ActionItemType,
  ActionPlanType,
  CycleProgress,
  type ItemRow,
  type NoteRow,
  PlanGeneration,
  UpdateActionItemInput,
} from './types';

const ActionItemConnection = connectionOf(ActionItemType, 'ActionItem', 'action item');
/** A plan's items come 100 to a page by default: most plans fit on one. */
const PLAN_PAGE_SIZE = 100;

@ArgsType()
class StatusArgs {
  @Field(() => ID, { description: 'The item.' }) id!: string;
  @Field(() => ActionItemStatus, { description: 'The new status.' }) status!: ActionItemStatus;
  @Field(() => String, { nullable: true, description: 'Kept in the item history with the change; required when dropping (the reason follows the gap).' })
  @IsOptional()
  @Text({ max: TEXT_LIMITS.note, multiline: true })
  note?: string | null;
}

@ArgsType()
class NoteArgs {
  @Field(() => ID, { description: 'The item.' }) id!: string;
  @Field(() => String, { description: 'The progress note (1 to 4000 characters).' }) @Text({ min: 1, max: TEXT_LIMITS.note, multiline: true }) body!: string;
}

@Resolver(() => ActionPlanType)
export class ActionPlanResolver {
  @Authorized('plans:manage')
  @Mutation(() => PlanGeneration, {
    description: "Generate or regenerate the plan of an assessment. Never duplicates items or touches owners' edits; closed gaps are marked resolved; gaps DONE or DROPPED last cycle follow that decision.",
  })
  generateActionPlan(@Ctx() ctx: RequestContext, @Arg('assessmentId', () => ID, { description: 'The assessment.' }) assessmentId: string) {
    return plans.generatePlan(tenant(ctx), assessmentId);
  }

  @Authorized('plans:read')
  @Query(() => ActionPlanType, { description: 'The action plan of an assessment.' })
  actionPlan(@Ctx() ctx: RequestContext, @Arg('assessmentId', () => ID, { description: 'The assessment.' }) assessmentId: string) {
    return findPlan(tenant(ctx).db, assessmentId);
  }

  @Authorized('plans:read')
  @Query(() => [CycleProgress], { description: 'Cycle over cycle for one framework across its versions, in cycle order: scores per element, change since the cycle before (through the crosswalk when the version changed), plan figures.' })
  progress(
    @Ctx() ctx: RequestContext,
    @Arg('frameworkId', () => ID, { nullable: true, description: 'The framework version; defaults to the one the organisation used last.' }) frameworkId?: string | null,
  ) {
    return progress(tenant(ctx), frameworkId ?? null);
  }

  @FieldResolver(() => ActionItemConnection, { description: `The items of the plan, by priority (${PLAN_PAGE_SIZE} to a page unless \`first\` or \`last\` says).` })
  @DefaultPageSize(PLAN_PAGE_SIZE)
  async items(
    @Root() plan: { assessmentId: string },
    @Ctx() ctx: RequestContext,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('includeResolved', () => Boolean, { defaultValue: false, description: 'Include items the answers have resolved.' }) includeResolved: boolean,
    @Arg('includeCarried', () => Boolean, { defaultValue: true, description: 'Include items carried into the next cycle (CARRIED_FORWARD).' }) includeCarried: boolean,
  ) {
    const status = includeCarried ? Object.values(ActionItemStatus) : undefined;
    return listItems(ctx.db, { assessmentId: plan.assessmentId, includeResolved, status }, 'PRIORITY', { ...page, defaultSize: PLAN_PAGE_SIZE }, { userId: ctx.userId, today: '', selection: ctx.selection });
  }
}

@Resolver(() => ActionItemType)
export class ActionItemResolver {
  @Authorized('plans:read')
  @Query(() => ActionItemConnection, {
    description: 'Action items across the organisation, each piece of work once: filter (mine, overdue, due this month, element, status) and sort.',
  })
  async actionItems(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => ActionItemFilter, { defaultValue: {}, description: 'Which items.' }) filter: ActionItemFilter,
    @Arg('sort', () => ActionItemSort, { defaultValue: ActionItemSort.PRIORITY, description: 'In what order.' }) sort: ActionItemSort,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
  ) {
    const t = tenant(ctx);
    const today = filter.overdue || filter.dueThisMonth ? await organisationToday(t) : '';
    return listItems(t.db, filter, sort, page, { userId: ctx.userId, today, selection: ctx.selection });
  }

  @Authorized('plans:read')
  @Query(() => ActionItemType, { description: 'One action item.' })
  actionItem(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The item.' }) id: string) {
    return findItem(tenant(ctx).db, id, ctx.selection);
  }

  @Authorized('plans:write')
  @Mutation(() => ActionItemType, { description: 'Owner, due date, review interval and date, resources, measure of success.' })
  updateActionItem(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The item.' }) id: string,
    @Arg('input', () => UpdateActionItemInput, { description: 'The fields to change.' }) input: UpdateActionItemInput,
  ) {
    return plans.updateItem(tenant(ctx), id, input);
  }

  @Authorized('plans:write')
  @Mutation(() => ActionItemType, {
    description: 'Move an item between OPEN, IN_PROGRESS, DONE, DEFERRED and DROPPED; a move that is not allowed is CONFLICT naming the allowed ones. Taking up a DROPPED item again is for managers.',
  })
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
  linkActionItemEvidence(
    @Ctx() ctx: RequestContext,
    @Arg('itemId', () => ID, { description: 'The item.' }) itemId: string,
    @Arg('evidenceId', () => ID, { description: 'The evidence item.' }) evidenceId: string,
  ) {
    return plans.linkEvidence(tenant(ctx), itemId, evidenceId, true);
  }

  @Authorized('plans:write')
  @Mutation(() => ActionItemType, { description: 'Unlink evidence from an item.' })
  unlinkActionItemEvidence(
    @Ctx() ctx: RequestContext,
    @Arg('itemId', () => ID, { description: 'The item.' }) itemId: string,
    @Arg('evidenceId', () => ID, { description: 'The evidence item.' }) evidenceId: string,
  ) {
    return plans.linkEvidence(tenant(ctx), itemId, evidenceId, false);
  }

  @FieldResolver(() => String, { description: 'The cycle of the assessment whose plan holds the item.' })
  async cycle(@Root() item: ItemRow, @Ctx() ctx: RequestContext) {
    return (await ctx.loaders.of(cycleOfAssessment).load(item.assessmentId)) ?? '';
  }

  @FieldResolver(() => PersonType, { nullable: true, description: 'Who owns the item.' })
  owner(@Root() item: ItemRow, @Ctx() ctx: RequestContext) {
    return personOf(ctx, item.ownerUserId);
  }

  @FieldResolver(() => [ActionItemNoteType], { description: 'Progress notes and status changes, oldest first.' })
  notes(@Root() item: ItemRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.of(notesByItem).load(item.id);
  }

  @FieldResolver(() => [EvidenceType], { description: 'Evidence collected for its measure of success.' })
  evidence(@Root() item: ItemRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.of(evidenceByItem).load(item.id);
  }

  @FieldResolver(() => ActionItemType, { nullable: true, description: 'The item of the cycle before that this one continues.' })
  carriedFrom(@Root() item: ItemRow, @Ctx() ctx: RequestContext) {
    return item.carriedFromId ? ctx.loaders.of(itemById).load(item.carriedFromId) : null;
  }

  @FieldResolver(() => ActionItemType, { nullable: true, description: "The next cycle's copy, where the work goes on (when CARRIED_FORWARD)." })
  carriedTo(@Root() item: ItemRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.of(successorOf).load(item.id);
  }

  @FieldResolver(() => ActionItemType, {
    nullable: true,
    description: 'The earlier item whose decision (DONE or DROPPED) this one follows, because the gap showed again in a later cycle.',
  })
  previousDecision(@Root() item: ItemRow, @Ctx() ctx: RequestContext) {
    return item.decisionFromId ? ctx.loaders.of(itemById).load(item.decisionFromId) : null;
  }

  @FieldResolver(() => Boolean, { description: 'Whether the team marked this gap DONE in an earlier cycle and the answers still show it.' })
  async persistsAfterDone(@Root() item: ItemRow, @Ctx() ctx: RequestContext) {
    if (!item.decisionFromId) return false;
    return (await ctx.loaders.of(itemById).load(item.decisionFromId))?.status === ActionItemStatus.DONE;
  }

  @FieldResolver(() => [ActionItemType], { description: 'The items this one continues or follows from earlier cycles, oldest first.' })
  async history(@Root() item: ItemRow, @Ctx() ctx: RequestContext) {
    const chain: ItemRow[] = [];
    for (let id = item.carriedFromId ?? item.decisionFromId; id && chain.length < 50; ) {
      const earlier = await ctx.loaders.of(itemById).load(id);
      if (!earlier) break;
      chain.unshift(earlier);
      id = earlier.carriedFromId ?? earlier.decisionFromId;
    }
    return chain;
  }
}

@Resolver(() => ActionItemNoteType)
export class ActionItemNoteResolver {
  @FieldResolver(() => PersonType, { description: 'Who wrote it (or made the change).' })
  author(@Root() note: NoteRow, @Ctx() ctx: RequestContext) {
    return requiredPersonOf(ctx, note.authorId);
  }
}

export const PLAN_RESOLVERS = [ActionPlanResolver, ActionItemResolver, ActionItemNoteResolver] as const;
