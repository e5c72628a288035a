import { Field, Float, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { ObjectType } from '../../graphql/object-type';
import { GraphQLJSON } from 'graphql-scalars';
import { LocalDate } from '../../graphql/scalars';
import { ArrayMaxSize, IsEnum, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { ActionItemKind, ActionItemStatus, REVIEW_INTERVAL_DAYS, TEXT_LIMITS, enumOf } from '@waymark/domain';
import { Text } from '../../graphql/text';

registerEnumType(ActionItemKind, {
  name: 'ActionItemKind',
  description: 'What kind of gap an item closes.',
  valuesConfig: {
    ACTION: { description: 'An action with a part not yet at YES.' },
    PROMPT: { description: 'An evidence prompt answered NO or marked as an area for improvement.' },
    EVIDENCE_GAP: { description: 'An element flagged as an unsupported claim: gather evidence for what is claimed.' },
  },
});
registerEnumType(ActionItemStatus, {
  name: 'ActionItemStatus',
  description: 'Where the work on an item stands.',
  valuesConfig: {
    OPEN: { description: 'Not started.' },
    IN_PROGRESS: { description: 'Being worked on.' },
    DEFERRED: { description: 'Put off for now (still open: it carries into the next cycle).' },
    DONE: { description: 'Done.' },
    DROPPED: { description: 'Given up, with a reason; stays dropped across cycles until a manager reopens it.' },
    CARRIED_FORWARD: { description: "Continued in the next cycle's plan (see carriedTo): closed here, counted there." },
  },
});

export const ActionItemSort = enumOf(['PRIORITY', 'DUE_ON', 'ELEMENT', 'STATUS']);
export type ActionItemSort = (typeof ActionItemSort)[keyof typeof ActionItemSort];
registerEnumType(ActionItemSort, {
  name: 'ActionItemSort',
  description: 'The order of an item list.',
  valuesConfig: {
    PRIORITY: { description: 'By priority, 1 first.' },
    DUE_ON: { description: 'By due date, soonest first; items without one last.' },
    ELEMENT: { description: 'By element, then priority.' },
    STATUS: { description: 'By status (OPEN, IN_PROGRESS, DEFERRED, DONE, DROPPED, CARRIED_FORWARD), then priority.' },
  },
});

export interface ItemRow {
  id: string;
  planId: string;
  assessmentId: string;
  itemKey: string;
  kind: ActionItemKind;
  nodeKey: string;
  elementKey: string;
  what: string;
  why: string;
  gap: Record<string, unknown>;
  guidance: unknown[];
  footnotes: unknown[];
  priority: number;
  priorityReason: string;
  target: string;
  ownerUserId: string | null;
  dueOn: string | null;
  reviewIntervalDays: number | null;
  nextReviewOn: string | null;
  status: ActionItemStatus;
  doneAt: Date | null;
  resources: string | null;
  successMeasure: string | null;
  resolvedByAssessmentAt: Date | null;
  carriedFromId: string | null;
  decisionFromId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

@ObjectType('GuidanceRef', { description: 'Partner-type guidance linked to the action an item is about.' })
export class GuidanceRef {
  @Field(() => String, { description: 'Key of the guidance.' }) guidanceKey!: string;
  @Field(() => String, { description: 'Its title.' }) title!: string;
  @Field(() => String, { description: 'Why it helps.' }) reason!: string;
}

@ObjectType('FootnoteRef', { description: 'A footnote of the framework on the action an item is about.' })
export class FootnoteRef {
  @Field(() => Int, { description: 'The footnote number.' }) number!: number;
  @Field(() => String, { description: 'Its text.' }) text!: string;
}

export interface NoteRow {
  id: string;
  itemId: string;
  body: string;
  authorId: string;
  statusFrom: ActionItemStatus | null;
  statusTo: ActionItemStatus | null;
  createdAt: Date;
}

@ObjectType('ActionItemNote', { description: 'An entry in an item\u2019s history: a progress note or a status change. Never edited.' })
export class ActionItemNoteType {
  @Field(() => ID, { description: 'Id of the note.' }) id!: string;
  @Field(() => String, { description: 'What was recorded.' }) body!: string;
  @Field(() => ActionItemStatus, { nullable: true, description: 'The status before, when this entry changed it.' }) statusFrom!: ActionItemStatus | null;
  @Field(() => ActionItemStatus, { nullable: true, description: 'The status after, when this entry changed it.' }) statusTo!: ActionItemStatus | null;
  @Field(() => Date, { description: 'When it was recorded.' }) createdAt!: Date;
  authorId!: string;
}

@ObjectType('ActionItem', { description: 'One thing to do to close a gap: what, why, who, when, with what, how success will be known, and its history.' })
export class ActionItemType {
  @Field(() => ID, { description: 'Id of the item.' }) id!: string;
  @Field(() => ID, { description: 'The assessment whose plan holds it.' }) assessmentId!: string;
  @Field(() => String, { description: 'Stable identity of the gap, e.g. "action:3.1.2", the same across cycles.' }) itemKey!: string;
  @Field(() => ActionItemKind, { description: 'What kind of gap.' }) kind!: ActionItemKind;
  @Field(() => String, { description: 'The framework node the gap is about.' }) nodeKey!: string;
  @Field(() => String, { description: 'The element it belongs to.' }) elementKey!: string;
  @Field(() => String, { description: 'What to do, worded from the framework.' }) what!: string;
  @Field(() => String, { description: 'Why: the gap and the answers behind it.' }) why!: string;
  @Field(() => GraphQLJSON, { description: 'The gap as data (parts and their answers; a prompt and its answer; an element\u2019s scores).' }) gap!: unknown;
  @Field(() => [GuidanceRef], { description: 'Guidance that helps with it.' }) guidance!: GuidanceRef[];
  @Field(() => [FootnoteRef], { description: 'Footnotes of the framework on it.' }) footnotes!: FootnoteRef[];
  @Field(() => Int, { description: 'Priority within the plan: 1 = do first.' }) priority!: number;
  @Field(() => String, { description: 'Why it has this priority.' }) priorityReason!: string;
  @Field(() => String, { description: 'The answer hoped for next cycle.' }) target!: string;
  @Field(() => ID, { nullable: true, description: 'The owner (see `owner`).' }) ownerUserId!: string | null;
  @Field(() => LocalDate, { nullable: true, description: 'When it is due.' }) dueOn!: string | null;
  @Field(() => Int, { nullable: true, description: 'Days between reviews of progress.' }) reviewIntervalDays!: number | null;
  @Field(() => LocalDate, { nullable: true, description: 'When progress is next reviewed; reminders follow it.' }) nextReviewOn!: string | null;
  @Field(() => ActionItemStatus, { description: 'Where the work stands.' }) status!: ActionItemStatus;
  @Field(() => Date, { nullable: true, description: 'When it was done.' }) doneAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'The resources it needs.' }) resources!: string | null;
  @Field(() => String, { nullable: true, description: 'How success will be known: the evidence expected.' }) successMeasure!: string | null;
  @Field(() => Date, { nullable: true, description: 'Set when the answers closed the gap; the item is kept.' }) resolvedByAssessmentAt!: Date | null;
  @Field(() => ID, { nullable: true, description: 'The item of the cycle before this one continues (see carriedFrom).' }) carriedFromId!: string | null;
  @Field(() => Date, { description: 'When it was raised.' }) createdAt!: Date;
  @Field(() => Date, { description: 'When it last changed.' }) updatedAt!: Date;
}

@ObjectType('ActionPlan', { description: 'The action plan of one assessment.' })
export class ActionPlanType {
  @Field(() => ID, { description: 'Id of the plan.' }) id!: string;
  @Field(() => ID, { description: 'Its assessment.' }) assessmentId!: string;
  @Field(() => Date, { description: 'When it was last generated.' }) generatedAt!: Date;
  @Field(() => Int, { description: 'How many times it has been generated (0: only carried forward so far).' }) generations!: number;
}

@ObjectType('PlanGeneration', { description: 'What generating a plan changed.' })
export class PlanGeneration {
  @Field(() => ActionPlanType, { description: 'The plan.' }) plan!: ActionPlanType;
  @Field(() => Int, { description: 'Items raised for new gaps.' }) created!: number;
  @Field(() => Int, { description: 'Items whose gap was refreshed from the answers.' }) refreshed!: number;
  @Field(() => Int, { description: 'Resolved items whose gap opened again.' }) reopened!: number;
  @Field(() => Int, { description: 'Items whose gap the answers closed (kept, marked resolved).' }) resolved!: number;
  @Field(() => Int, { description: 'New items that follow a DONE or DROPPED decision of the cycle before.' }) followedDecisions!: number;
}

@InputType('ActionItemFilter', { description: 'Which items: every condition given must hold.' })
export class ActionItemFilter {
  @Field(() => ID, { nullable: true, description: "Only this assessment's plan." }) @IsOptional() @IsUUID() assessmentId?: string;
  @Field(() => Boolean, { nullable: true, description: 'Only items you own.' }) @IsOptional() mine?: boolean;
  @Field(() => Boolean, { nullable: true, description: 'Only open items past their due date (in the organisation\u2019s time zone).' }) @IsOptional() overdue?: boolean;
  @Field(() => Boolean, { nullable: true, description: 'Only items due in the current calendar month (organisation time zone).' })
  @IsOptional()
  dueThisMonth?: boolean;
  @Field(() => String, { nullable: true, description: 'Only items of this element, e.g. "3.1".' }) @IsOptional() @Text({ min: 1, max: 40 }) elementKey?: string;
  @Field(() => [ActionItemStatus], { nullable: true, description: 'Only items in these statuses (name CARRIED_FORWARD to see carried copies).' })
  @IsOptional()
  @ArrayMaxSize(6)
  @IsEnum(ActionItemStatus, { each: true })
  status?: ActionItemStatus[];
  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Include items the answers have resolved.' })
  @IsOptional()
  includeResolved?: boolean;
}

@InputType({ description: 'The working fields of an item; only those given change, null clears one.' })
export class UpdateActionItemInput {
  @Field(() => ID, { nullable: true, description: 'A member of the organisation; null clears it.' }) @IsOptional() @IsUUID() ownerUserId?: string | null;
  @Field(() => LocalDate, { nullable: true, description: 'When it is due; not in the past when changed.' }) @IsOptional() dueOn?: string | null;
  @Field(() => Int, { nullable: true, description: 'Days between reviews, 1 to 1095.' }) @IsOptional() @Min(REVIEW_INTERVAL_DAYS.min) @Max(REVIEW_INTERVAL_DAYS.max) reviewIntervalDays?: number | null;
  @Field(() => LocalDate, { nullable: true, description: 'When progress is next reviewed; not in the past when changed.' }) @IsOptional() nextReviewOn?: string | null;
  @Field(() => String, { nullable: true, description: 'The resources it needs (up to 4000 characters).' })
  @IsOptional()
  @Text({ max: TEXT_LIMITS.note, multiline: true })
  resources?: string | null;
  @Field(() => String, { nullable: true, description: 'How success will be known (up to 4000 characters).' })
  @IsOptional()
  @Text({ max: TEXT_LIMITS.note, multiline: true })
  successMeasure?: string | null;
}

@ObjectType('ElementProgress', { description: "One element's scores in a cycle, and the change since the cycle before." })
export class ElementProgress {
  @Field(() => String, { description: 'The element (its key in this cycle\u2019s framework version).' }) elementKey!: string;
  @Field(() => Float, { description: 'Practice, 0-100.' }) practice!: number;
  @Field(() => Float, { nullable: true, description: 'Evidence, 0-100, or null.' }) evidence!: number | null;
  @Field(() => Float, { nullable: true, description: 'Change in practice since the cycle before (through the crosswalk when the version changed; null when the element is new).' })
  practiceChange!: number | null;
  @Field(() => Float, { nullable: true, description: 'Change in evidence since the cycle before (null when either is null).' }) evidenceChange!: number | null;
}

@ObjectType('PlanFigures', { description: "A cycle's plan in numbers; each piece of work counts once, where it is now." })
export class PlanFigures {
  @Field(() => Int, { description: 'Items in this cycle\u2019s plan.' }) items!: number;
  @Field(() => Int, { description: 'Done.' }) done!: number;
  @Field(() => Int, { description: 'Still open here (OPEN, IN_PROGRESS or DEFERRED, not resolved).' }) open!: number;
  @Field(() => Int, { description: 'Open and past their due date.' }) overdue!: number;
  @Field(() => Int, { description: 'Dropped.' }) dropped!: number;
  @Field(() => Int, { description: 'Carried into the next cycle (counted there, not here).' }) carried!: number;
  @Field(() => Int, { description: 'Closed by the answers.' }) resolvedByAssessment!: number;
  @Field(() => Float, { nullable: true, description: 'Median days from an item first being raised (across cycles) to done.' })
  medianDaysToDone!: number | null;
}

@ObjectType('CycleProgress', { description: 'One cycle: its scores per element, the change since the cycle before, and its plan.' })
export class CycleProgress {
  @Field(() => ID, { description: 'The assessment.' }) assessmentId!: string;
  @Field(() => ID, { description: 'The framework version it answers (cycles of one framework may answer different versions).' }) frameworkId!: string;
  @Field(() => String, { description: 'That version, e.g. "1.0.0".' }) frameworkVersion!: string;
  @Field(() => String, { description: 'The cycle.' }) cycle!: string;
  @Field(() => String, { description: 'The assessment status.' }) status!: string;
  @Field(() => Float, { description: 'Overall practice, 0-100.' }) practice!: number;
  @Field(() => Float, { nullable: true, description: 'Overall evidence, 0-100, or null.' }) evidence!: number | null;
  @Field(() => Boolean, { description: 'Whether every part is answered.' }) complete!: boolean;
  @Field(() => Float, { nullable: true, description: 'Change in practice since the cycle before.' }) practiceChange!: number | null;
  @Field(() => Float, { nullable: true, description: 'Change in evidence since the cycle before.' }) evidenceChange!: number | null;
  @Field(() => [ElementProgress], { description: 'Each element.' }) elements!: ElementProgress[];
  @Field(() => PlanFigures, { nullable: true, description: 'The plan, when one was made.' }) plan!: PlanFigures | null;
}
