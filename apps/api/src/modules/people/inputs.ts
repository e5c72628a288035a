import { ArgsType, Field, ID, InputType } from 'type-graphql';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsEmail,
  IsEnum,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  type ValidationOptions,
  ValidateBy,
} from 'class-validator';
import { BenchmarkingConsent, Governance, MemberRole, SizeBand } from './enums';

export const MIN_PASSWORD_LENGTH = 12;
export const INVITATION_TTL_DAYS = 14;

/** A real IANA zone name ("Europe/London"), not an offset or an abbreviation. */
export function isTimeZone(value: unknown): boolean {
  if (typeof value !== 'string' || !/^[A-Za-z]+(?:[/_+-][A-Za-z0-9]+)*$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

function IsTimeZone(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTimeZone',
      validator: {
        validate: isTimeZone,
        defaultMessage: () => '$property must be an IANA time zone such as "Europe/London"',
      },
    },
    options,
  );
}

@ArgsType()
export class LoginArgs {
  @Field(() => String)
  @MaxLength(320)
  email!: string;

  @Field(() => String)
  @Length(1, 1000)
  password!: string;
}

@InputType({ description: 'Only the fields given change.' })
export class UpdateOrganisationInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  name?: string;

  @Field(() => SizeBand, { nullable: true })
  @IsOptional()
  @IsEnum(SizeBand)
  sizeBand?: SizeBand;

  @Field(() => Governance, { nullable: true })
  @IsOptional()
  @IsEnum(Governance)
  governance?: Governance;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(64)
  @IsTimeZone()
  timeZone?: string;

  @Field(() => BenchmarkingConsent, { nullable: true })
  @IsOptional()
  @IsEnum(BenchmarkingConsent)
  benchmarkingConsent?: BenchmarkingConsent;
}

@ArgsType()
export class ChangeMemberRoleArgs {
  @Field(() => ID) membershipId!: string;

  @Field(() => MemberRole)
  @IsEnum(MemberRole)
  role!: MemberRole;
}

@ArgsType()
export class InviteMemberArgs {
  @Field(() => String)
  @MaxLength(320)
  @IsEmail({}, { message: 'email must be an email address' })
  email!: string;

  @Field(() => MemberRole)
  @IsEnum(MemberRole)
  role!: MemberRole;
}

@ArgsType()
export class AcceptInvitationArgs {
  @Field(() => String)
  @MaxLength(200)
  token!: string;

  @Field(() => String, { nullable: true, description: 'Required when the email has no account yet.' })
  @IsOptional()
  @Length(1, 200)
  name?: string | null;

  @Field(() => String, {
    nullable: true,
    description: `A new account's password (at least ${MIN_PASSWORD_LENGTH} characters), or the existing account's password.`,
  })
  @IsOptional()
  @MaxLength(1000)
  password?: string | null;
}

@ArgsType()
export class CreateApiKeyArgs {
  @Field(() => String)
  @Length(1, 200)
  name!: string;

  @Field(() => [String], { description: 'Permissions the key holds; see API_KEY_SCOPES.' })
  @ArrayNotEmpty()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  scopes!: string[];
}
