import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsOptional, IsUUID, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';

export const CYCLE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 ._/-]{0,39}$/;
export const MAX_ANSWERS_PER_CALL = 200;

@InputType()
export class CreateAssessmentInput {
  @Field(() => ID) @IsUUID() frameworkId!: string;
  @Field(() => String, { description: 'For example "2026" or "2026-27".' })
  @Matches(CYCLE_PATTERN, { message: 'cycle must be 1-40 letters, digits, spaces, dots, slashes or dashes, starting with a letter or digit' })
  cycle!: string;
  @Field(() => LocalDateResolver, { nullable: true }) @IsOptional() dueOn?: string | null;
}

@InputType()
export class StartNextCycleInput {
  @Field(() => ID) @IsUUID() previousAssessmentId!: string;
  @Field(() => String)
  @Matches(CYCLE_PATTERN, { message: 'cycle must be 1-40 letters, digits, spaces, dots, slashes or dashes, starting with a letter or digit' })
  cycle!: string;
  @Field(() => LocalDateResolver, { nullable: true }) @IsOptional() dueOn?: string | null;
}

@InputType({ description: 'An answer to one item, by its stable key.' })
export class AnswerInput {
  @Field(() => String, { description: 'e.g. "3.1.1.a" (a part), "3.1.3" (an action without parts), "3.1.g1.2" (an evidence prompt).' })
  @Length(1, 40)
  nodeKey!: string;
  @Field(() => String, { description: 'Parts: YES, STARTED or NO. Evidence prompts: YES, NO or NOT_APPLICABLE.' })
  @Length(1, 20)
  value!: string;
  @Field(() => Boolean, { defaultValue: false, description: 'Evidence prompts only: mark as an area for improvement.' })
  @IsBoolean()
  areaForImprovement: boolean = false;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(4000) note?: string | null;
}

@InputType()
export class AnswersInput {
  @Field(() => ID) @IsUUID() assessmentId!: string;
  @Field(() => [AnswerInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ANSWERS_PER_CALL)
  @ValidateNested({ each: true })
  answers!: AnswerInput[];
}
