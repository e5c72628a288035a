import { Entity, Enum, Index, type Opt, Property, Unique } from '@mikro-orm/core';
import { TenantEntity, TenantRef } from './base';
import { Assessment } from './assessment';
import { Evidence } from './evidence';
import { ActionItemKind, ActionItemStatus } from './enums';

/** The action plan generated from one assessment; regenerating updates it in place. */
@Entity({ tableName: 'action_plan' })
@Unique({ properties: ['organisationId', 'assessmentId'] })
@Unique({ properties: ['organisationId', 'id'] })
export class ActionPlan extends TenantEntity {
  @TenantRef(() => Assessment, { fieldName: 'assessment_id' })
  assessmentId!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  generatedAt: Date & Opt = new Date();

  @Property({ type: 'uuid' })
  generatedBy!: string;

  @Property({ type: 'integer' })
  generations: number & Opt = 1;
}

/**
 * One thing to do. The gap fields (what, why, priority, target, guidance) come from the framework
 * and the answers and are refreshed on regeneration; the working fields (owner, dates, status,
 * resources, success measure, notes) belong to people and are never overwritten by it.
 */
@Entity({ tableName: 'action_item' })
@Unique({ properties: ['organisationId', 'planId', 'itemKey'] })
@Unique({ properties: ['organisationId', 'id'] })
@Index({ properties: ['organisationId', 'assessmentId'] })
// One successor per item: a piece of work is carried forward once.
@Unique({ properties: ['organisationId', 'carriedFromId'] })
@Index({ properties: ['organisationId', 'status', 'dueOn'] })
export class ActionItem extends TenantEntity {
  @TenantRef(() => ActionPlan, { fieldName: 'plan_id' })
  planId!: string;

  @TenantRef(() => Assessment, { fieldName: 'assessment_id' })
  assessmentId!: string;

  /** Stable identity of the gap within a plan, e.g. "action:3.1.2" or "prompt:3.1.g1.2". */
  @Property({ type: 'string', length: 80 })
  itemKey!: string;

  @Enum({ items: () => ActionItemKind, nativeEnumName: 'action_item_kind' })
  kind!: ActionItemKind;

  @Property({ type: 'string', length: 40 })
  nodeKey!: string;

  @Property({ type: 'string', length: 40 })
  elementKey!: string;

  @Property({ type: 'text' })
  what!: string;

  @Property({ type: 'text' })
  why!: string;

  @Property({ type: 'json' })
  gap!: Record<string, unknown>;

  @Property({ type: 'json' })
  guidance: unknown[] & Opt = [];

  @Property({ type: 'json' })
  footnotes: unknown[] & Opt = [];

  @Property({ type: 'integer' })
  priority!: number;

  @Property({ type: 'text' })
  priorityReason!: string;

  @Property({ type: 'text' })
  target!: string;

  @Property({ type: 'uuid', nullable: true })
  ownerUserId: string | null = null;

  @Property({ type: 'date', nullable: true })
  dueOn: string | null = null;

  @Property({ type: 'integer', nullable: true })
  reviewIntervalDays: number | null = null;

  @Property({ type: 'date', nullable: true })
  nextReviewOn: string | null = null;

  @Enum({ items: () => ActionItemStatus, nativeEnumName: 'action_item_status' })
  status: ActionItemStatus & Opt = ActionItemStatus.OPEN;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  doneAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  resources: string | null = null;

  @Property({ type: 'text', nullable: true })
  successMeasure: string | null = null;

  /** Set when a regeneration finds the gap closed by the answers; the item is kept, not deleted. */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  resolvedByAssessmentAt: Date | null = null;

  /** The item of the previous cycle's plan this one continues. */
  @TenantRef(() => ActionItem, { fieldName: 'carried_from_id', nullable: true })
  carriedFromId: string | null = null;

  /**
   * The previous cycle's item for the same gap, when the team decided it there (DONE or DROPPED) and
   * the answers show the gap again: this item follows that decision instead of starting afresh.
   */
  @TenantRef(() => ActionItem, { fieldName: 'decision_from_id', nullable: true })
  decisionFromId: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}

/** A progress note: history, appended and never edited (the API's role cannot update or delete them). */
@Entity({ tableName: 'action_item_note' })
@Unique({ properties: ['organisationId', 'id'] })
@Index({ properties: ['organisationId', 'itemId', 'createdAt'] })
export class ActionItemNote extends TenantEntity {
  @TenantRef(() => ActionItem, { fieldName: 'item_id' })
  itemId!: string;

  @Property({ type: 'uuid' })
  authorId!: string;

  @Property({ type: 'text' })
  body!: string;

  @Enum({ items: () => ActionItemStatus, nativeEnumName: 'action_item_status', nullable: true })
  statusFrom: ActionItemStatus | null = null;

  @Enum({ items: () => ActionItemStatus, nativeEnumName: 'action_item_status', nullable: true })
  statusTo: ActionItemStatus | null = null;
}

/** Evidence collected for an item's measure of success. */
@Entity({ tableName: 'action_item_evidence' })
@Unique({ properties: ['organisationId', 'itemId', 'evidenceId'] })
@Unique({ properties: ['organisationId', 'id'] })
@Index({ properties: ['organisationId', 'evidenceId'] })
export class ActionItemEvidence extends TenantEntity {
  @TenantRef(() => ActionItem, { fieldName: 'item_id' })
  itemId!: string;

  @TenantRef(() => Evidence, { fieldName: 'evidence_id' })
  evidenceId!: string;

  @Property({ type: 'uuid' })
  linkedBy!: string;
}
