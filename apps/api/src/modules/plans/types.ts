import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSON, LocalDateResolver } from 'graphql-scalars';
import { ArrayMaxSize, IsOptional, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';
import { ActionItemKind, ActionItemStatus } from '@waymark/db';

registerEnumType(ActionItemKind, { name: 'ActionItemKind' });
registerEnumType(ActionItemStatus, { name: 'ActionItemStatus' });

export enum ActionItemSort {
  PRIORITY = 'PRIORITY',
  DUE_ON = 'DUE_ON',
  ELEMENT = 'ELEMENT',
  STATUS = 'STATUS',
}
registerEnumType(ActionItemSort, { name: 'ActionItemSort' });

@ObjectType()
export class GuidanceRef {
  @Field(() => String) guidanceKey!: string;
  @Field(() => String) title!: string;
  @Field(() => String) reason!: string;
}

@ObjectType()
export class FootnoteRef {
  @Field(() => Int) number!: number;
  @Field(() => String) text!: string;
}

@ObjectType('ActionItemNote', { description: 'A progress note: history, never edited.' })
export class ActionItemNoteType {
  @Field(() => ID) id!: string;
  @Field(() => String) body!: string;
  @Field(() => ID) authorId!: string;
  @Field(() => ActionItemStatus, { nullable: true }) statusFrom!: ActionItemStatus | null;
  @Field(() => ActionItemStatus, { nullable: true }) statusTo!: ActionItemStatus | null;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType('ActionItem')
export class ActionItemType {
  @Field(() => ID) id!: string;
  @Field(() => ID) assessmentId!: string;
  @Field(() => String, { description: 'Stable identity of the gap, e.g. "action:3.1.2".' }) itemKey!: string;
  @Field(() => ActionItemKind) kind!: ActionItemKind;
  @Field(() => String) nodeKey!: string;
  @Field(() => String) elementKey!: string;
  @Field(() => String, { description: 'What to do, worded from the framework.' }) what!: string;
  @Field(() => String, { description: 'Why: the gap and the answers behind it.' }) why!: string;
  @Field(() => GraphQLJSON) gap!: unknown;
  @Field(() => [GuidanceRef]) guidance!: GuidanceRef[];
  @Field(() => [FootnoteRef]) footnotes!: FootnoteRef[];
  @Field(() => Int, { description: '1 = do first.' }) priority!: number;
  @Field(() => String) priorityReason!: string;
  @Field(() => String, { description: 'The answer hoped for next cycle.' }) target!: string;
  @Field(() => ID, { nullable: true }) ownerUserId!: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) dueOn!: string | null;
  @Field(() => Int, { nullable: true }) reviewIntervalDays!: number | null;
  @Field(() => LocalDateResolver, { nullable: true }) nextReviewOn!: string | null;
  @Field(() => ActionItemStatus) status!: ActionItemStatus;
  @Field(() => Date, { nullable: true }) doneAt!: Date | null;
  @Field(() => String, { nullable: true }) resources!: string | null;
  @Field(() => String, { nullable: true, description: 'How success will be known: the evidence expected.' }) successMeasure!: string | null;
  @Field(() => Date, { nullable: true, description: 'Set when the answers closed the gap; the item is kept.' }) resolvedByAssessmentAt!: Date | null;
  @Field(() => ID, { nullable: true }) carriedFromId!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
}

@ObjectType('ActionPlan')
export class ActionPlanType {
  @Field(() => ID) id!: string;
  @Field(() => ID) assessmentId!: string;
  @Field(() => Date) generatedAt!: Date;
  @Field(() => Int) generations!: number;
}

@ObjectType()
export class PlanGeneration {
  @Field(() => ActionPlanType) plan!: ActionPlanType;
  @Field(() => Int) created!: number;
  @Field(() => Int) refreshed!: number;
  @Field(() => Int) reopened!: number;
  @Field(() => Int) resolved!: number;
}

@InputType()
export class ActionItemFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() assessmentId?: string;
  @Field(() => Boolean, { nullable: true, description: 'Only items you own.' }) @IsOptional() mine?: boolean;
  @Field(() => Boolean, { nullable: true, description: 'Only open items past their due date.' }) @IsOptional() overdue?: boolean;
  @Field(() => Boolean, { nullable: true, description: 'Only items due in the current calendar month (organisation time zone).' })
  @IsOptional()
  dueThisMonth?: boolean;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 40) elementKey?: string;
  @Field(() => [ActionItemStatus], { nullable: true }) @IsOptional() @ArrayMaxSize(5) status?: ActionItemStatus[];
  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Include items the answers have resolved.' })
  @IsOptional()
  includeResolved?: boolean;
}

@InputType()
export class UpdateActionItemInput {
  @Field(() => ID, { nullable: true, description: 'A member of the organisation; null clears it.' }) @IsOptional() @IsUUID() ownerUserId?: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) @IsOptional() dueOn?: string | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(1) @Max(1095) reviewIntervalDays?: number | null;
  @Field(() => LocalDateResolver, { nullable: true }) @IsOptional() nextReviewOn?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(4000) resources?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(4000) successMeasure?: string | null;
}

@ObjectType()
export class ElementProgress {
  @Field(() => String) elementKey!: string;
  @Field(() => Float) practice!: number;
  @Field(() => Float, { nullable: true }) evidence!: number | null;
  @Field(() => Float, { nullable: true, description: 'Change in practice since the previous cycle.' }) practiceChange!: number | null;
  @Field(() => Float, { nullable: true }) evidenceChange!: number | null;
}

@ObjectType()
export class PlanFigures {
  @Field(() => Int) items!: number;
  @Field(() => Int) done!: number;
  @Field(() => Int) open!: number;
  @Field(() => Int) overdue!: number;
  @Field(() => Int) resolvedByAssessment!: number;
  @Field(() => Float, { nullable: true, description: 'Median days from an item first being raised (across cycles) to done.' })
  medianDaysToDone!: number | null;
}

@ObjectType()
export class CycleProgress {
  @Field(() => ID) assessmentId!: string;
  @Field(() => String) cycle!: string;
  @Field(() => String) status!: string;
  @Field(() => Float) practice!: number;
  @Field(() => Float, { nullable: true }) evidence!: number | null;
  @Field(() => Boolean) complete!: boolean;
  @Field(() => Float, { nullable: true }) practiceChange!: number | null;
  @Field(() => Float, { nullable: true }) evidenceChange!: number | null;
  @Field(() => [ElementProgress]) elements!: ElementProgress[];
  @Field(() => PlanFigures, { nullable: true }) plan!: PlanFigures | null;
}

export const NOTE_MAX = 4000;
