import { Field, Float, ID, Int, registerEnumType } from 'type-graphql';
import { ObjectType } from '../../graphql/object-type';
import { LocalDate } from '../../graphql/scalars';
import { AssessmentStatus } from '@waymark/db';
import { ANSWER_VALUES_IN_WORDS } from '@waymark/domain';

registerEnumType(AssessmentStatus, {
  name: 'AssessmentStatus',
  description: 'Where an assessment is in its cycle.',
  valuesConfig: {
    DRAFT: { description: 'The team is answering.' },
    SUBMITTED: { description: 'Submitted and locked by a manager: its scores are final.' },
    REOPENED: { description: 'Reopened by a manager, with a reason that is kept; editable again.' },
  },
});

/** An assessment as the read path gives it (and as a mutation's entity has it). */
export interface AssessmentRow {
  id: string;
  frameworkId: string;
  cycle: string;
  status: AssessmentStatus;
  dueOn: string | null;
  previousId: string | null;
  createdBy: string;
  submittedAt: Date | null;
  submittedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

@ObjectType('Assessment', { description: "One organisation's self-assessment against one framework version, for one cycle." })
export class AssessmentType implements Partial<AssessmentRow> {
  @Field(() => ID, { description: 'Id of the assessment.' }) id!: string;
  @Field(() => String, { description: 'The cycle, e.g. "2026" or "2026-27".' }) cycle!: string;
  @Field(() => AssessmentStatus, { description: 'DRAFT, SUBMITTED (locked) or REOPENED.' }) status!: AssessmentStatus;
  @Field(() => LocalDate, { nullable: true, description: 'When the team means to submit it.' }) dueOn!: string | null;
  @Field(() => ID, { description: 'The framework version it answers.' }) frameworkId!: string;
  @Field(() => ID, { nullable: true, description: 'The assessment of the cycle before, when this one was started from it.' }) previousId!: string | null;
  @Field(() => Date, { description: 'When it was created.' }) createdAt!: Date;
  @Field(() => Date, { description: 'When it last changed.' }) updatedAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When it was last submitted.' }) submittedAt!: Date | null;
}

/** An agreed answer as the read path gives it. */
export interface ConsensusRow {
  assessmentId: string;
  nodeKey: string;
  value: string;
  areaForImprovement: boolean;
  note: string | null;
  setBy: string;
  needsReview: boolean;
  updatedAt: Date;
}

@ObjectType('ConsensusAnswer', { description: "The team's agreed answer to one item: the one that counts for scores." })
export class ConsensusAnswerType {
  @Field(() => String, { description: 'The item answered, by its stable key.' }) nodeKey!: string;
  @Field(() => String, { description: ANSWER_VALUES_IN_WORDS }) value!: string;
  @Field(() => Boolean, { description: 'Evidence prompts: marked as an area for improvement.' }) areaForImprovement!: boolean;
  @Field(() => String, { nullable: true, description: "The team's note." }) note!: string | null;
  @Field(() => Date, { description: 'When it was last set; send it back as `expectedUpdatedAt` to change it safely.' }) updatedAt!: Date;
  @Field(() => Boolean, {
    description: 'Carried from the cycle before onto a question that changed in this framework version (split, merged or reworded): look at it again. Setting the answer clears it.',
  })
  needsReview!: boolean;
  assessmentId!: string;
}

/** One assessor's answer as the read path gives it. */
export interface AssessorRow {
  assessmentId: string;
  nodeKey: string;
  value: string;
  areaForImprovement: boolean;
  note: string | null;
  userId: string;
  updatedAt: Date;
}

@ObjectType('AssessorAnswer', { description: "One assessor's own answer to one item; the team sees every view." })
export class AssessorAnswerType {
  @Field(() => String, { description: 'The item answered.' }) nodeKey!: string;
  @Field(() => String, { description: 'The value this assessor gave.' }) value!: string;
  @Field(() => Boolean, { description: 'Evidence prompts: marked as an area for improvement.' }) areaForImprovement!: boolean;
  @Field(() => String, { nullable: true, description: "The assessor's note." }) note!: string | null;
  @Field(() => ID, { description: 'The assessor (see `assessor` for their name).' }) userId!: string;
  @Field(() => Date, { description: 'When it was last changed.' }) updatedAt!: Date;
}

@ObjectType('DisagreementValue', { description: 'One of the values assessors gave an item they disagree on, and who gave it.' })
export class DisagreementValue {
  @Field(() => String, { description: 'The value given.' }) value!: string;
  @Field(() => [ID], { description: 'Who gave it (see `people`).' }) userIds!: string[];
}

@ObjectType('Disagreement', { description: 'An item where assessors gave different answers.' })
export class DisagreementType {
  @Field(() => String, { description: 'The item.' }) nodeKey!: string;
  @Field(() => [DisagreementValue], { description: 'Each value given, with who gave it.' }) values!: DisagreementValue[];
  @Field(() => String, { nullable: true, description: 'The agreed answer, if the team has set one.' }) consensus!: string | null;
}

export interface ReopeningRow {
  id: string;
  assessmentId: string;
  reason: string;
  reopenedBy: string;
  createdAt: Date;
}

@ObjectType('Reopening', { description: 'A submitted assessment reopened by a manager: why, by whom, when. Kept for good.' })
export class ReopeningType {
  @Field(() => ID, { description: 'Id of the reopening.' }) id!: string;
  @Field(() => String, { description: 'The reason given.' }) reason!: string;
  @Field(() => Date, { description: 'When it was reopened.' }) createdAt!: Date;
  reopenedBy!: string;
}

@ObjectType('Completion', { description: 'How far the team is: what is answered, what is missing, and whether it can be submitted.' })
export class CompletionType {
  @Field(() => Int, { description: 'Action parts with an agreed answer.' }) partsAnswered!: number;
  @Field(() => Int, { description: 'Action parts in the framework.' }) partsTotal!: number;
  @Field(() => Int, { description: 'Evidence prompts with an agreed answer.' }) promptsAnswered!: number;
  @Field(() => Int, { description: 'Evidence prompts in the framework.' }) promptsTotal!: number;
  @Field(() => Float, { description: 'Agreed answers over answerable items, 0-100.' }) percent!: number;
  @Field(() => [String], { description: 'Action parts still without an agreed answer: submitting needs this empty.' }) missingKeys!: string[];
  @Field(() => [String], { description: 'Evidence prompts still without an agreed answer (submitting does not need them).' })
  unansweredPrompts!: string[];
  @Field(() => Boolean, { description: 'Whether every part is agreed (a manager can submit).' }) readyToSubmit!: boolean;
}

@ObjectType('ActionScore', { description: "An action's practice score." })
export class ActionScoreType {
  @Field(() => String, { description: 'The action.' }) actionKey!: string;
  @Field(() => Float, { description: 'Mean of its parts (YES 1, STARTED 0.5, NO 0), 0-100.' }) practice!: number;
  @Field(() => Boolean, { description: 'Whether every part is answered.' }) complete!: boolean;
  @Field(() => Int, { description: 'Parts answered.' }) partsAnswered!: number;
  @Field(() => Int, { description: 'Parts in the action (1 for an action without parts).' }) partsTotal!: number;
}

@ObjectType('ElementScore', { description: "An element's two scores, kept apart, and the counts behind them." })
export class ElementScoreType {
  @Field(() => String, { description: 'The element.' }) elementKey!: string;
  @Field(() => Float, { description: 'Practice, 0-100: YES 1, STARTED 0.5, NO 0; unanswered parts count 0 while incomplete.' })
  practice!: number;
  @Field(() => Float, { nullable: true, description: 'Evidence, 0-100: YES / (YES + NO); null when no prompt is answered YES or NO.' })
  evidence!: number | null;
  @Field(() => Boolean, { description: 'Whether every part is answered.' }) complete!: boolean;
  @Field(() => Boolean, { description: 'Practice of 75 or more with evidence under 50.' }) unsupportedClaim!: boolean;
  @Field(() => Int, { description: 'Parts answered.' }) partsAnswered!: number;
  @Field(() => Int, { description: 'Parts in the element.' }) partsTotal!: number;
  @Field(() => Int, { description: 'Prompts answered YES.' }) promptsYes!: number;
  @Field(() => Int, { description: 'Prompts answered NO.' }) promptsNo!: number;
  @Field(() => Int, { description: 'Prompts answered NOT_APPLICABLE (left out of evidence).' }) promptsNotApplicable!: number;
  @Field(() => Int, { description: 'Prompts not answered.' }) promptsUnanswered!: number;
  @Field(() => [ActionScoreType], { description: 'The practice score of each action.' }) actions!: ActionScoreType[];
}

@ObjectType('AssessmentScore', { description: 'Computed only from agreed answers; marked incomplete while any part is unanswered.' })
export class AssessmentScoreType {
  @Field(() => Float, { description: 'Mean of the elements, 0-100.' }) practice!: number;
  @Field(() => Float, { nullable: true, description: 'YES / (YES + NO) over every prompt, 0-100; null when there is nothing to count.' })
  evidence!: number | null;
  @Field(() => Boolean, { description: 'Whether every part is answered.' }) complete!: boolean;
  @Field(() => [String], { description: 'Elements flagged as unsupported claims, in framework order.' }) unsupportedClaims!: string[];
  @Field(() => [ElementScoreType], { description: 'Each element.' }) elements!: ElementScoreType[];
}
