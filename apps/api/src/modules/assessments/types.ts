import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { AssessmentStatus } from '@waymark/db';

registerEnumType(AssessmentStatus, {
  name: 'AssessmentStatus',
  description: 'DRAFT while the team works; SUBMITTED is locked; REOPENED by a manager, with a reason.',
});

@ObjectType('Assessment')
export class AssessmentType {
  @Field(() => ID) id!: string;
  @Field(() => String) cycle!: string;
  @Field(() => AssessmentStatus) status!: AssessmentStatus;
  @Field(() => LocalDateResolver, { nullable: true }) dueOn!: string | null;
  @Field(() => ID) frameworkId!: string;
  @Field(() => ID, { nullable: true }) previousId!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
  @Field(() => Date, { nullable: true }) submittedAt!: Date | null;
  @Field(() => ID, { nullable: true }) submittedBy!: string | null;
}

@ObjectType('ConsensusAnswer', { description: "The team's agreed answer: the one that counts for scores." })
export class ConsensusAnswerType {
  @Field(() => String) nodeKey!: string;
  @Field(() => String) value!: string;
  @Field(() => Boolean) areaForImprovement!: boolean;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => ID) setBy!: string;
  @Field(() => Date) updatedAt!: Date;
  assessmentId!: string;
}

@ObjectType('AssessorAnswer', { description: "One assessor's own answer." })
export class AssessorAnswerType {
  @Field(() => String) nodeKey!: string;
  @Field(() => String) value!: string;
  @Field(() => Boolean) areaForImprovement!: boolean;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => ID) userId!: string;
  @Field(() => Date) updatedAt!: Date;
}

@ObjectType()
export class DisagreementValue {
  @Field(() => String) value!: string;
  @Field(() => [ID]) userIds!: string[];
}

@ObjectType('Disagreement', { description: 'An item where assessors gave different answers.' })
export class DisagreementType {
  @Field(() => String) nodeKey!: string;
  @Field(() => [DisagreementValue]) values!: DisagreementValue[];
  @Field(() => String, { nullable: true, description: 'The consensus answer, if one is set yet.' }) consensus!: string | null;
}

@ObjectType()
export class Reopening {
  @Field(() => ID) id!: string;
  @Field(() => String) reason!: string;
  @Field(() => ID) reopenedBy!: string;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType()
export class ActionScoreType {
  @Field(() => String) actionKey!: string;
  @Field(() => Float) practice!: number;
  @Field(() => Boolean) complete!: boolean;
  @Field(() => Int) partsAnswered!: number;
  @Field(() => Int) partsTotal!: number;
}

@ObjectType()
export class ElementScoreType {
  @Field(() => String) elementKey!: string;
  @Field(() => Float, { description: 'Practice, 0-100: YES 1, STARTED 0.5, NO 0; unanswered parts count 0 while incomplete.' })
  practice!: number;
  @Field(() => Float, { nullable: true, description: 'Evidence, 0-100: YES / (YES + NO); null when no prompt is answered YES or NO.' })
  evidence!: number | null;
  @Field(() => Boolean) complete!: boolean;
  @Field(() => Boolean, { description: 'Practice >= 75 with evidence < 50.' }) unsupportedClaim!: boolean;
  @Field(() => Int) partsAnswered!: number;
  @Field(() => Int) partsTotal!: number;
  @Field(() => Int) promptsYes!: number;
  @Field(() => Int) promptsNo!: number;
  @Field(() => Int) promptsNotApplicable!: number;
  @Field(() => Int) promptsUnanswered!: number;
  @Field(() => [ActionScoreType]) actions!: ActionScoreType[];
}

@ObjectType('AssessmentScore', { description: 'Computed only from consensus answers. Incomplete while any part is unanswered.' })
export class AssessmentScoreType {
  @Field(() => Float) practice!: number;
  @Field(() => Float, { nullable: true }) evidence!: number | null;
  @Field(() => Boolean) complete!: boolean;
  @Field(() => [String]) unsupportedClaims!: string[];
  @Field(() => [ElementScoreType]) elements!: ElementScoreType[];
}
