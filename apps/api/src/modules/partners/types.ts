import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { ObjectType } from '../../graphql/object-type';
import { LocalDate } from '../../graphql/scalars';
import { ArrayMaxSize, IsEmail, IsEnum, IsInt, IsOptional, Max, Min } from 'class-validator';
import { REVIEW_INTERVAL_DAYS, TEXT_LIMITS } from '@waymark/domain';
import { PartnerStatus, PartnerType } from '@waymark/db';
import { Text } from '../../graphql/text';

registerEnumType(PartnerType, {
  name: 'PartnerType',
  description: 'What kind of partner this is; informal learning institutions are one kind among several.',
  valuesConfig: {
    INFORMAL_LEARNING_INSTITUTION: { description: 'A museum, science centre, zoo, library or similar informal learning institution.' },
    INDIVIDUAL_BUSINESS_OR_COMMUNITY_GROUP: { description: 'An individual, a business or a community group.' },
    YOUTH_SERVING_ORGANISATION: { description: 'An organisation that serves young people.' },
    SCHOOL_OR_UNIVERSITY: { description: 'A school, college or university.' },
    OTHER: { description: 'Any other partner.' },
  },
});
registerEnumType(PartnerStatus, {
  name: 'PartnerStatus',
  description: 'Where a partnership stands.',
  valuesConfig: {
    PROSPECTIVE: { description: 'Being explored.' },
    ACTIVE: { description: 'Working together.' },
    PAUSED: { description: 'On hold for now.' },
    ENDED: { description: 'Over: no review to come.' },
  },
});

export const MAX_TEXT = TEXT_LIMITS.note;
export const MAX_REVIEW_INTERVAL_DAYS = REVIEW_INTERVAL_DAYS.max;

export interface PartnerRow {
  id: string;
  name: string;
  partnerType: PartnerType;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  theyBring: string | null;
  weBring: string | null;
  status: PartnerStatus;
  startDate: string | null;
  nextReviewOn: string | null;
  reviewIntervalDays: number | null;
  notes: string | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

@ObjectType('PartnerLink', { description: 'A partnership cited as evidence for an answer (elements 3.1-3.3).' })
export class PartnerLinkObject {
  @Field(() => ID, { description: 'The partnership.' }) partnerId!: string;
  @Field(() => ID, { description: 'The assessment.' }) assessmentId!: string;
  @Field(() => String, { description: 'The item of the assessment it is cited for.' }) nodeKey!: string;
  @Field(() => Date, { description: 'When it was cited.' }) createdAt!: Date;
}

@ObjectType('Partner', { description: 'A partnership in the register: who, what each side brings, and when it is next reviewed.' })
export class PartnerObject {
  @Field(() => ID, { description: 'Id of the partnership.' }) id!: string;
  @Field(() => String, { description: 'The partner.' }) name!: string;
  @Field(() => PartnerType, { description: 'What kind of partner.' }) partnerType!: PartnerType;
  @Field(() => String, { nullable: true, description: 'The contact at the partner.' }) contactName!: string | null;
  @Field(() => String, { nullable: true, description: "The contact's email." }) contactEmail!: string | null;
  @Field(() => String, { nullable: true, description: "The contact's phone." }) contactPhone!: string | null;
  @Field(() => String, { nullable: true, description: 'What the partner brings to the partnership.' }) theyBring!: string | null;
  @Field(() => String, { nullable: true, description: 'What the organisation brings to the partnership.' }) weBring!: string | null;
  @Field(() => PartnerStatus, { description: 'Where the partnership stands.' }) status!: PartnerStatus;
  @Field(() => LocalDate, { nullable: true, description: 'When it started.' }) startDate!: string | null;
  @Field(() => LocalDate, { nullable: true, description: 'When the partnership is next due for review (element 3.1.3); reminders follow it.' })
  nextReviewOn!: string | null;
  @Field(() => Int, { nullable: true, description: 'Days between reviews; reviewPartner moves nextReviewOn on by this.' }) reviewIntervalDays!: number | null;
  @Field(() => String, { nullable: true, description: 'Notes on the partnership.' }) notes!: string | null;
  @Field(() => Date, { description: 'When it was added to the register.' }) createdAt!: Date;
  @Field(() => Date, { description: 'When it last changed.' }) updatedAt!: Date;
}

/** The optional fields shared by create and update; null clears one. Never in the schema by itself. */
@InputType('PartnerFieldsBase')
abstract class PartnerFields {
  @Field(() => String, { nullable: true, description: 'The contact at the partner (up to 200 characters).' })
  @IsOptional()
  @Text({ max: TEXT_LIMITS.name })
  contactName?: string | null;
  @Field(() => String, { nullable: true, description: "The contact's email." })
  @IsOptional()
  @Text({ max: TEXT_LIMITS.email })
  @IsEmail({}, { message: 'contactEmail must be an email address' })
  contactEmail?: string | null;
  @Field(() => String, { nullable: true, description: "The contact's phone (up to 60 characters)." }) @IsOptional() @Text({ max: TEXT_LIMITS.phone }) contactPhone?: string | null;
  @Field(() => String, { nullable: true, description: 'What the partner brings.' }) @IsOptional() @Text({ max: MAX_TEXT, multiline: true }) theyBring?: string | null;
  @Field(() => String, { nullable: true, description: 'What the organisation brings.' }) @IsOptional() @Text({ max: MAX_TEXT, multiline: true }) weBring?: string | null;
  @Field(() => LocalDate, { nullable: true, description: 'When it started; may be in the past.' }) @IsOptional() startDate?: string | null;
  @Field(() => LocalDate, { nullable: true, description: 'Must not be in the past when set or changed; an ENDED partnership has none to come.' })
  @IsOptional()
  nextReviewOn?: string | null;
  @Field(() => Int, { nullable: true, description: `Days between reviews, 1 to ${MAX_REVIEW_INTERVAL_DAYS}.` })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_REVIEW_INTERVAL_DAYS)
  reviewIntervalDays?: number | null;
  @Field(() => String, { nullable: true, description: 'Notes on the partnership.' }) @IsOptional() @Text({ max: MAX_TEXT, multiline: true }) notes?: string | null;
}

@InputType({ description: 'A new partnership in the register.' })
export class CreatePartnerInput extends PartnerFields {
  @Field(() => String, { description: 'The partner (1 to 200 characters).' }) @Text({ min: 1, max: 200 }) name!: string;
  @Field(() => PartnerType, { description: 'What kind of partner.' }) @IsEnum(PartnerType) partnerType!: PartnerType;
  @Field(() => PartnerStatus, { defaultValue: PartnerStatus.ACTIVE, description: 'Where it stands; ACTIVE unless given.' })
  @IsEnum(PartnerStatus)
  status: PartnerStatus = PartnerStatus.ACTIVE;
}

@InputType({ description: 'Only the fields given change; null clears an optional field.' })
export class UpdatePartnerInput extends PartnerFields {
  @Field(() => String, { nullable: true, description: 'The partner (1 to 200 characters); cannot be cleared.' }) @IsOptional() @Text({ min: 1, max: 200 }) name?: string | null;
  @Field(() => PartnerType, { nullable: true, description: 'What kind of partner; cannot be cleared.' }) @IsOptional() @IsEnum(PartnerType) partnerType?: PartnerType | null;
  @Field(() => PartnerStatus, { nullable: true, description: 'Where it stands; cannot be cleared.' }) @IsOptional() @IsEnum(PartnerStatus) status?: PartnerStatus | null;
}

@InputType({ description: 'Every condition given must hold; an empty list does not restrict.' })
export class PartnerFilter {
  @Field(() => [PartnerStatus], { nullable: true, description: 'Only partnerships in these statuses.' })
  @IsOptional()
  @ArrayMaxSize(10)
  @IsEnum(PartnerStatus, { each: true })
  status?: PartnerStatus[] | null;
  @Field(() => [PartnerType], { nullable: true, description: 'Only partners of these kinds.' })
  @IsOptional()
  @ArrayMaxSize(10)
  @IsEnum(PartnerType, { each: true })
  partnerType?: PartnerType[] | null;
  @Field(() => LocalDate, { nullable: true, description: 'Only partnerships whose next review is on or before this date (overdue ones included).' })
  @IsOptional()
  reviewDueBy?: string | null;
}

@InputType({ description: 'A partnership and the answer it is cited for.' })
export class PartnerLinkInput {
  @Field(() => ID, { description: 'The partnership.' }) partnerId!: string;
  @Field(() => ID, { description: 'The assessment.' }) assessmentId!: string;
  @Field(() => String, { description: 'An answerable item of the assessment, e.g. "3.1.3" or "3.1.g3.1".' }) @Text({ min: 1, max: 40 }) nodeKey!: string;
}

@ArgsType()
export class ReviewPartnerArgs {
  @Field(() => ID, { description: 'The partnership.' }) id!: string;
  @Field(() => String, { nullable: true, description: 'What the review found; kept in the audit log.' })
  @IsOptional()
  @Text({ max: MAX_TEXT, multiline: true })
  note?: string | null;
}
