import { Field, ID, ObjectType } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { BenchmarkingConsent, Governance, MemberRole, OrganisationKind, SizeBand } from './enums';

@ObjectType('User', { description: 'A person. One person may belong to many organisations.' })
export class UserType {
  @Field(() => ID) id!: string;
  @Field(() => String) email!: string;
  @Field(() => String) name!: string;
}

@ObjectType('OrganisationSummary', { description: 'Enough of an organisation to choose which one to act for.' })
export class OrganisationSummary {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String) slug!: string;
  @Field(() => OrganisationKind) kind!: OrganisationKind;
}

@ObjectType('Membership', { description: "A person's role in one organisation." })
export class MembershipType {
  @Field(() => ID) id!: string;
  @Field(() => MemberRole) role!: MemberRole;
  @Field(() => OrganisationSummary) organisation!: OrganisationSummary;
  @Field(() => UserType) user!: UserType;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType('AuthPayload', { description: 'A session token (send it as `Authorization: Bearer <token>`) and who it is for.' })
export class AuthPayload {
  @Field(() => String) token!: string;
  @Field(() => Date) expiresAt!: Date;
  @Field(() => UserType) user!: UserType;
  @Field(() => [MembershipType], { description: 'Pick one with the x-organisation-id header.' }) memberships!: MembershipType[];
}

@ObjectType('Me', { description: 'Who is asking, and for which organisation.' })
export class Me {
  @Field(() => UserType, { nullable: true, description: 'Null when the caller is an API key.' }) user!: UserType | null;
  @Field(() => ID, { nullable: true }) apiKeyId!: string | null;
  @Field(() => [MembershipType]) memberships!: MembershipType[];
  @Field(() => ID, { nullable: true, description: 'The organisation this request acts for.' }) activeOrganisationId!: string | null;
  @Field(() => MemberRole, { nullable: true }) role!: MemberRole | null;
  @Field(() => [String], { description: 'What this request may do in the active organisation.' }) permissions!: string[];
}

@ObjectType('Region')
export class RegionType {
  @Field(() => ID) id!: string;
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
}

@ObjectType('Organisation', { description: 'The tenant: an institution or a regional body.' })
export class OrganisationType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String) slug!: string;
  @Field(() => OrganisationKind) kind!: OrganisationKind;
  @Field(() => RegionType, { nullable: true }) region!: RegionType | null;
  @Field(() => SizeBand) sizeBand!: SizeBand;
  @Field(() => Governance) governance!: Governance;
  @Field(() => String, { description: 'IANA time zone, e.g. "Europe/London": reminders follow it.' }) timeZone!: string;
  @Field(() => BenchmarkingConsent) benchmarkingConsent!: BenchmarkingConsent;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType('Invitation', { description: 'An invitation by email to join the organisation with a role.' })
export class InvitationType {
  @Field(() => ID) id!: string;
  @Field(() => String) email!: string;
  @Field(() => MemberRole) role!: MemberRole;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) expiresAt!: Date;
  @Field(() => Date, { nullable: true }) acceptedAt!: Date | null;
  @Field(() => Date, { nullable: true }) revokedAt!: Date | null;
}

@ObjectType('InvitationWithToken')
export class InvitationWithToken {
  @Field(() => InvitationType) invitation!: InvitationType;
  @Field(() => String, { description: 'Shown once: only a hash is kept. Pass it to acceptInvitation.' }) token!: string;
}

@ObjectType('ApiKey', { description: 'A machine credential for this organisation. The secret is never shown again.' })
export class ApiKeyType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'A hint to tell keys apart, e.g. "wmk_…x9Qa".' }) prefix!: string;
  @Field(() => [String]) scopes!: string[];
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) lastUsedAt!: Date | null;
  @Field(() => Date, { nullable: true }) revokedAt!: Date | null;
}

@ObjectType('ApiKeyWithSecret')
export class ApiKeyWithSecret {
  @Field(() => ApiKeyType) apiKey!: ApiKeyType;
  @Field(() => String, { description: 'Shown once: send it as `x-api-key` or `Authorization: Bearer`.' }) secret!: string;
}

@ObjectType('AuditEntry', { description: 'One change: who made it, to what, and the state before and after.' })
export class AuditEntryType {
  @Field(() => ID) id!: string;
  @Field(() => String) action!: string;
  @Field(() => String) entityType!: string;
  @Field(() => String, { nullable: true }) entityId!: string | null;
  @Field(() => ID, { nullable: true }) actorUserId!: string | null;
  @Field(() => ID, { nullable: true }) actorApiKeyId!: string | null;
  @Field(() => GraphQLJSON, { nullable: true }) before!: unknown;
  @Field(() => GraphQLJSON, { nullable: true }) after!: unknown;
  @Field(() => Date) at!: Date;
}
