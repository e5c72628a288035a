import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsOptional, IsUUID, Matches, ValidateNested } from 'class-validator';
import { LocalDate } from '../../graphql/scalars';
import { ANSWER_VALUES_IN_WORDS, TEXT_LIMITS } from '@waymark/domain';
import { Text } from '../../graphql/text';

export const CYCLE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 ._/-]{0,39}$/;
const CYCLE_MESSAGE = 'cycle must be 1-40 letters, digits, spaces, dots, slashes or dashes, starting with a letter or digit';
export const MAX_ANSWERS_PER_CALL = 200;
export const NOTE_MAX = TEXT_LIMITS.note;

/** The cycle and due date every new assessment takes. Never in the schema by itself. */
@InputType('CycleFieldsBase')
abstract class CycleFields {
  @Field(() => String, { description: 'The cycle, e.g. "2026" or "2026-27"; one assessment per framework and cycle.' })
  @Text({ max: TEXT_LIMITS.cycle, min: 1 })
  @Matches(CYCLE_PATTERN, { message: CYCLE_MESSAGE })
  cycle!: string;
  @Field(() => LocalDate, { nullable: true, description: 'When the team means to submit it; not in the past.' })
  @IsOptional()
  dueOn?: string | null;
}

@InputType({ description: 'A new assessment of a framework version for a cycle.' })
export class CreateAssessmentInput extends CycleFields {
  @Field(() => ID, { description: 'The framework version to answer.' }) @IsUUID() frameworkId!: string;
}

@InputType({ description: 'The next cycle, started from a submitted assessment.' })
export class StartNextCycleInput extends CycleFields {
  @Field(() => ID, { description: 'The submitted assessment of the cycle before.' }) @IsUUID() previousAssessmentId!: string;
  @Field(() => ID, {
    nullable: true,
    description:
      'The framework version of the new cycle; by default the one the cycle before used. A newer version of the same framework needs a published crosswalk from that one (see `Assessment.newerVersions`).',
  })
  @IsOptional()
  @IsUUID()
  frameworkId?: string | null;
}

@InputType({ description: 'An answer to one item, by its stable key.' })
export class AnswerInput {
  @Field(() => String, { description: 'e.g. "3.1.1.a" (a part), "3.1.3" (an action without parts), "3.1.g1.2" (an evidence prompt).' })
  @Text({ max: 40, min: 1 })
  nodeKey!: string;
  @Field(() => String, { description: ANSWER_VALUES_IN_WORDS })
  @Text({ max: 20, min: 1 })
  value!: string;
  @Field(() => Boolean, { defaultValue: false, description: 'Evidence prompts only: mark as an area for improvement.' })
  @IsBoolean()
  areaForImprovement: boolean = false;
  @Field(() => String, { nullable: true, description: `A note on the answer, up to ${NOTE_MAX} characters.` })
  @IsOptional()
  @Text({ max: NOTE_MAX, multiline: true })
  note?: string | null;
  @Field(() => Date, {
    nullable: true,
    description:
      'Agreed answers only: the `updatedAt` you last saw for this item (null: you saw none). When someone else has changed it since, the call is refused (CONFLICT, extensions.changed) and nothing is saved. Omit to overwrite.',
  })
  @IsOptional()
  expectedUpdatedAt?: Date | null;
}

@InputType({ description: 'Answers for one assessment.' })
export class AnswersInput {
  @Field(() => ID, { description: 'The assessment.' }) @IsUUID() assessmentId!: string;
  @Field(() => [AnswerInput], { description: `1 to ${MAX_ANSWERS_PER_CALL} answers, each item at most once.` })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ANSWERS_PER_CALL)
  @ValidateNested({ each: true })
  answers!: AnswerInput[];
}

@InputType({ description: 'Items of one assessment to take back to unanswered.' })
export class ClearAnswersInput {
  @Field(() => ID, { description: 'The assessment.' }) @IsUUID() assessmentId!: string;
  @Field(() => [String], { description: `1 to ${MAX_ANSWERS_PER_CALL} item keys.` })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ANSWERS_PER_CALL)
  nodeKeys!: string[];
}

@ArgsType()
export class ReopenArgs {
  @Field(() => ID, { description: 'The submitted assessment.' }) id!: string;
  @Field(() => String, { description: 'Why it is reopened (10 to 2000 characters); kept with the assessment for good.' })
  @Text({ min: TEXT_LIMITS.reopenReason.min, max: TEXT_LIMITS.reopenReason.max, multiline: true })
  reason!: string;
}
