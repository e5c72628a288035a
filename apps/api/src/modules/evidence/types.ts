import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { IsOptional, IsUrl, Length, MaxLength } from 'class-validator';

@ObjectType('EvidenceLink')
export class EvidenceLinkType {
  @Field(() => ID) evidenceId!: string;
  @Field(() => ID) assessmentId!: string;
  @Field(() => String) nodeKey!: string;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType('Evidence', { description: "An item in the organisation's evidence library; it can support many answers." })
export class EvidenceType {
  @Field(() => ID) id!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) url!: string | null;
  @Field(() => String, { nullable: true }) fileReference!: string | null;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => LocalDateResolver) evidenceDate!: string;
  @Field(() => LocalDateResolver, { nullable: true }) expiresOn!: string | null;
  @Field(() => Date) createdAt!: Date;
}

@InputType()
export class EvidenceInput {
  @Field(() => String) @Length(1, 300) title!: string;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'url must be an http(s) address' })
  url?: string | null;
  @Field(() => String, { nullable: true, description: 'Where a file is kept, when there is no link.' })
  @IsOptional()
  @Length(1, 500)
  fileReference?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(4000) description?: string | null;
  @Field(() => LocalDateResolver) evidenceDate!: string;
  @Field(() => LocalDateResolver, { nullable: true }) @IsOptional() expiresOn?: string | null;
}

@InputType()
export class EvidenceLinkInput {
  @Field(() => ID) evidenceId!: string;
  @Field(() => ID) assessmentId!: string;
  @Field(() => String) @Length(1, 40) nodeKey!: string;
}
