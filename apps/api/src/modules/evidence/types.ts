import { Field, ID, InputType } from 'type-graphql';
import { ObjectType } from '../../graphql/object-type';
import { LocalDate } from '../../graphql/scalars';
import { IsOptional, IsUrl } from 'class-validator';
import { TEXT_LIMITS } from '@waymark/domain';
import { Text } from '../../graphql/text';

export interface EvidenceRow {
  id: string;
  title: string;
  url: string | null;
  fileReference: string | null;
  description: string | null;
  evidenceDate: string;
  expiresOn: string | null;
  createdBy: string;
  createdAt: Date;
}

@ObjectType('EvidenceLink', { description: 'An evidence item cited for one answer.' })
export class EvidenceLinkType {
  @Field(() => ID, { description: 'The evidence item.' }) evidenceId!: string;
  @Field(() => ID, { description: 'The assessment.' }) assessmentId!: string;
  @Field(() => String, { description: 'The item of the assessment it supports.' }) nodeKey!: string;
  @Field(() => Date, { description: 'When it was linked.' }) createdAt!: Date;
}

@ObjectType('Evidence', { description: "An item in the organisation's evidence library; it can support many answers and plan items." })
export class EvidenceType {
  @Field(() => ID, { description: 'Id of the evidence item.' }) id!: string;
  @Field(() => String, { description: 'What it is.' }) title!: string;
  @Field(() => String, { nullable: true, description: 'A link to it.' }) url!: string | null;
  @Field(() => String, { nullable: true, description: 'Where a file is kept, when there is no link.' }) fileReference!: string | null;
  @Field(() => String, { nullable: true, description: 'More about it.' }) description!: string | null;
  @Field(() => LocalDate, { description: 'The date of the evidence.' }) evidenceDate!: string;
  @Field(() => LocalDate, { nullable: true, description: 'When it stops being current (expired evidence is not carried into a new cycle).' })
  expiresOn!: string | null;
  @Field(() => Date, { description: 'When it was added to the library.' }) createdAt!: Date;
}

@InputType({ description: 'An evidence item: a title, a link or a file reference, and its date.' })
export class EvidenceInput {
  @Field(() => String, { description: 'What it is (1 to 300 characters).' }) @Text({ min: 1, max: TEXT_LIMITS.evidenceTitle }) title!: string;
  @Field(() => String, { nullable: true, description: 'An http(s) link to it.' })
  @IsOptional()
  @Text({ max: TEXT_LIMITS.url })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'url must be an http(s) address' })
  url?: string | null;
  @Field(() => String, { nullable: true, description: 'Where a file is kept, when there is no link (up to 500 characters).' })
  @IsOptional()
  @Text({ min: 1, max: TEXT_LIMITS.fileReference })
  fileReference?: string | null;
  @Field(() => String, { nullable: true, description: 'More about it (up to 4000 characters).' })
  @IsOptional()
  @Text({ max: TEXT_LIMITS.note, multiline: true })
  description?: string | null;
  @Field(() => LocalDate, { description: 'The date of the evidence.' }) evidenceDate!: string;
  @Field(() => LocalDate, { nullable: true, description: 'When it stops being current; not before evidenceDate.' })
  @IsOptional()
  expiresOn?: string | null;
}

@InputType({ description: 'An evidence item and the answer it supports.' })
export class EvidenceLinkInput {
  @Field(() => ID, { description: 'The evidence item.' }) evidenceId!: string;
  @Field(() => ID, { description: 'The assessment.' }) assessmentId!: string;
  @Field(() => String, { description: 'An answerable item of the assessment, e.g. "3.1.g1.2".' }) @Text({ min: 1, max: 40 }) nodeKey!: string;
}
