import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { ArrayMaxSize, ArrayNotEmpty, IsEmail, IsEnum, IsOptional, IsString, type ValidationOptions, ValidateBy } from 'class-validator';
import { BenchmarkingConsent, Governance, MemberRole, SizeBand } from '@waymark/db';
import { Text } from '../../graphql/text';

export const MIN_PASSWORD_LENGTH = 12;
export const INVITATION_TTL_DAYS = 14;
/** A password reset link works this long, once. */
export const PASSWORD_RESET_TTL_MINUTES = 60;

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

/** A locale tag the runtime can format dates and numbers in ("en-GB", "cy-GB"), in its canonical spelling. */
export function isLocale(value: unknown): boolean {
  if (typeof value !== 'string' || !/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(value)) return false;
  try {
    return Intl.getCanonicalLocales(value)[0] === value && Intl.DateTimeFormat.supportedLocalesOf([value]).length === 1;
  } catch {
    return false;
  }
}

function IsLocale(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isLocale', validator: { validate: isLocale, defaultMessage: () => '$property must be a locale such as "en-GB"' } }, options);
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
  @Field(() => String, { description: 'The email signed in with (not case-sensitive).' })
  @Text({ min: 1, max: 320 })
  email!: string;

  @Field(() => String, { description: 'The password, exactly as set.' })
  @Text({ min: 1, max: 1000, raw: true })
  password!: string;
}

@InputType({ description: 'Only the fields given change; none of them can be cleared.' })
export class UpdateOrganisationInput {
  @Field(() => String, { nullable: true, description: 'Its name (1 to 200 characters).' })
  @IsOptional()
  @Text({ min: 1, max: 200 })
  name?: string;

  @Field(() => SizeBand, { nullable: true, description: 'How big it is.' })
  @IsOptional()
  @IsEnum(SizeBand)
  sizeBand?: SizeBand;

  @Field(() => Governance, { nullable: true, description: 'Who governs it.' })
  @IsOptional()
  @IsEnum(Governance)
  governance?: Governance;

  @Field(() => String, { nullable: true, description: 'An IANA time zone such as "Europe/London".' })
  @IsOptional()
  @Text({ max: 64 })
  @IsTimeZone()
  timeZone?: string;

  @Field(() => String, { nullable: true, description: 'A locale such as "en-GB" or "cy-GB": how dates and numbers are written for its people.' })
  @IsOptional()
  @Text({ max: 35 })
  @IsLocale()
  locale?: string;

  @Field(() => BenchmarkingConsent, { nullable: true, description: 'Whether its results may feed benchmarks (applies from the next snapshot).' })
  @IsOptional()
  @IsEnum(BenchmarkingConsent)
  benchmarkingConsent?: BenchmarkingConsent;
}

@ArgsType()
export class ChangeMemberRoleArgs {
  @Field(() => ID, { description: 'The membership.' }) membershipId!: string;

  @Field(() => MemberRole, { description: 'The new role.' })
  @IsEnum(MemberRole)
  role!: MemberRole;
}

@ArgsType()
export class InviteMemberArgs {
  @Field(() => String, { description: 'Who to invite.' })
  @Text({ min: 1, max: 320 })
  @IsEmail({}, { message: 'email must be an email address' })
  email!: string;

  @Field(() => MemberRole, { description: 'The role they will have.' })
  @IsEnum(MemberRole)
  role!: MemberRole;
}

@ArgsType()
export class ChangePasswordArgs {
  @Field(() => String, { description: 'The password you sign in with now.' })
  @Text({ min: 1, max: 1000, raw: true })
  currentPassword!: string;

  @Field(() => String, { description: `The new password (at least ${MIN_PASSWORD_LENGTH} characters).` })
  @Text({ min: 1, max: 1000, raw: true })
  newPassword!: string;
}

@ArgsType()
export class RequestPasswordResetArgs {
  @Field(() => String, { description: 'The email you sign in with (not case-sensitive).' })
  @Text({ min: 1, max: 320 })
  email!: string;
}

@ArgsType()
export class ResetPasswordArgs {
  @Field(() => String, { description: 'The token from the reset link (the part after #token=).' })
  @Text({ min: 1, max: 200 })
  token!: string;

  @Field(() => String, { description: `The new password (at least ${MIN_PASSWORD_LENGTH} characters).` })
  @Text({ min: 1, max: 1000, raw: true })
  newPassword!: string;
}

@ArgsType()
export class AcceptInvitationArgs {
  @Field(() => String, { description: 'The token from the invitation link (the part after #token=).' })
  @Text({ min: 1, max: 200 })
  token!: string;

  @Field(() => String, { nullable: true, description: 'Your name: required when the email has no account yet.' })
  @IsOptional()
  @Text({ min: 1, max: 200 })
  name?: string | null;

  @Field(() => String, {
    nullable: true,
    description: `A new account's password (at least ${MIN_PASSWORD_LENGTH} characters), or the existing account's password.`,
  })
  @IsOptional()
  @Text({ max: 1000, raw: true })
  password?: string | null;
}

@ArgsType()
export class CreateApiKeyArgs {
  @Field(() => String, { description: 'What the key is for (1 to 200 characters).' })
  @Text({ min: 1, max: 200 })
  name!: string;

  @Field(() => [String], { description: 'Permissions the key holds; see API_KEY_SCOPES.' })
  @ArrayNotEmpty()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  scopes!: string[];
}

@ArgsType()
export class ConfirmSecondFactorArgs {
  @Field(() => String, { description: 'The six-digit code the authenticator app shows now for the new key.' })
  @Text({ min: 1, max: 20, raw: true })
  code!: string;
}

@ArgsType()
export class CompleteSignInArgs {
  @Field(() => String, { description: 'The challenge `login` (or a reset or invitation link) answered with.' })
  @Text({ min: 1, max: 2000, raw: true })
  challenge!: string;

  @Field(() => String, { description: 'A six-digit code from the authenticator app, or one of the recovery codes (each works once).' })
  @Text({ min: 1, max: 40, raw: true })
  code!: string;
}

@ArgsType()
export class DisableSecondFactorArgs {
  @Field(() => String, { nullable: true, description: 'A current code from the authenticator app (or a recovery code); or give the password instead.' })
  @IsOptional()
  @Text({ min: 1, max: 40, raw: true })
  code?: string | null;

  @Field(() => String, { nullable: true, description: 'Your password, instead of a code.' })
  @IsOptional()
  @Text({ min: 1, max: 1000, raw: true })
  password?: string | null;
}

@ArgsType()
export class SecondFactorRequirementArgs {
  @Field(() => Boolean, { description: 'True: owners and managers must use a second factor to act for this organisation. False: it is up to each person.' })
  required!: boolean;
}
