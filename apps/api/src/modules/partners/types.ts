import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { ArrayMaxSize, IsEmail, IsEnum, IsInt, IsOptional, Length, Max, MaxLength, Min } from 'class-validator';
import { PartnerStatus, PartnerType } from './enums';

export const MAX_TEXT = 4000;
export const MAX_REVIEW_INTERVAL_DAYS = 1095;

@ObjectType('PartnerLink', { description: 'A partnership cited as evidence for an answer (elements 3.1-3.3).' })
export class PartnerLinkObject {
  @Field(() => ID) partnerId!: string;
  @Field(() => ID) assessmentId!: string;
  @Field(() => String) nodeKey!: string;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType('Partner', { description: 'A partnership in the register: who, what each side brings, and when it is next reviewed.' })
export class PartnerObject {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => PartnerType) partnerType!: PartnerType;
  @Field(() => String, { nullable: true }) contactName!: string | null;
  @Field(() => String, { nullable: true }) contactEmail!: string | null;
  @Field(() => String, { nullable: true }) contactPhone!: string | null;
  @Field(() => String, { nullable: true, description: 'What the partner brings to the partnership.' }) theyBring!: string | null;
  @Field(() => String, { nullable: true, description: 'What the organisation brings to the partnership.' }) weBring!: string | null;
  @Field(() => PartnerStatus) status!: PartnerStatus;
  @Field(() => LocalDateResolver, { nullable: true }) startDate!: string | null;
  @Field(() => LocalDateResolver, { nullable: true, description: 'When the partnership is next due for review (element 3.1.3); reminders follow it.' })
  nextReviewOn!: string | null;
  @Field(() => Int, { nullable: true, description: 'Days between reviews; reviewPartner moves nextReviewOn on by this.' })
  reviewIntervalDays!: number | null;
  @Field(() => String, { nullable: true }) notes!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
}

/** The optional fields shared by create and update; null clears one. Never in the schema by itself. */
@InputType('PartnerFieldsBase')
abstract class PartnerFields {
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200) contactName?: string | null;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(320)
  @IsEmail({}, { message: 'contactEmail must be an email address' })
  contactEmail?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(60) contactPhone?: string | null;
  @Field(() => String, { nullable: true, description: 'What the partner brings.' }) @IsOptional() @MaxLength(MAX_TEXT) theyBring?: string | null;
  @Field(() => String, { nullable: true, description: 'What the organisation brings.' }) @IsOptional() @MaxLength(MAX_TEXT) weBring?: string | null;
  @Field(() => LocalDateResolver, { nullable: true, description: 'May be in the past.' }) @IsOptional() startDate?: string | null;
  @Field(() => LocalDateResolver, { nullable: true, description: 'Must not be in the past when set or changed; an ENDED partnership has none to come.' })
  @IsOptional()
  nextReviewOn?: string | null;
  @Field(() => Int, { nullable: true, description: `Days between reviews, 1 to ${MAX_REVIEW_INTERVAL_DAYS}.` })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_REVIEW_INTERVAL_DAYS)
  reviewIntervalDays?: number | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(MAX_TEXT) notes?: string | null;
}

@InputType({ description: 'A new partnership in the register.' })
export class CreatePartnerInput extends PartnerFields {
  @Field(() => String) @Length(1, 200) name!: string;
  @Field(() => PartnerType) @IsEnum(PartnerType) partnerType!: PartnerType;
  @Field(() => PartnerStatus, { defaultValue: PartnerStatus.ACTIVE }) @IsEnum(PartnerStatus) status: PartnerStatus = PartnerStatus.ACTIVE;
}

@InputType({ description: 'Only the fields given change; null clears an optional field.' })
export class UpdatePartnerInput extends PartnerFields {
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 200) name?: string | null;
  @Field(() => PartnerType, { nullable: true }) @IsOptional() @IsEnum(PartnerType) partnerType?: PartnerType | null;
  @Field(() => PartnerStatus, { nullable: true }) @IsOptional() @IsEnum(PartnerStatus) status?: PartnerStatus | null;
}

@InputType({ description: 'Every condition given must hold; an empty list does not restrict.' })
export class PartnerFilter {
  @Field(() => [PartnerStatus], { nullable: true }) @IsOptional() @ArrayMaxSize(10) @IsEnum(PartnerStatus, { each: true }) status?: PartnerStatus[] | null;
  @Field(() => [PartnerType], { nullable: true }) @IsOptional() @ArrayMaxSize(10) @IsEnum(PartnerType, { each: true }) partnerType?: PartnerType[] | null;
  @Field(() => LocalDateResolver, { nullable: true, description: 'Only partnerships whose next review is on or before this date (overdue ones included).' })
  @IsOptional()
  reviewDueBy?: string | null;
}

@InputType()
export class PartnerLinkInput {
  @Field(() => ID) partnerId!: string;
  @Field(() => ID) assessmentId!: string;
  @Field(() => String, { description: 'An answerable key of the assessment, e.g. "3.1.3" or "3.1.g3.1".' }) @Length(1, 40) nodeKey!: string;
}

@ArgsType()
export class ReviewPartnerArgs {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true, description: 'What the review found; kept in the audit log.' })
  @IsOptional()
  @MaxLength(MAX_TEXT)
  note?: string | null;
}
