import { Field, ID, Int, registerEnumType } from 'type-graphql';
import { ObjectType } from '../../graphql/object-type';
import { GraphQLJSON } from 'graphql-scalars';
import { BenchmarkingConsent, Governance, MemberRole, OrganisationKind, SizeBand } from '@waymark/db';
import { enumOf } from '@waymark/domain';

registerEnumType(OrganisationKind, {
  name: 'OrganisationKind',
  description: 'What an organisation is.',
  valuesConfig: {
    LIBRARY: { description: 'A library.' },
    MUSEUM: { description: 'A museum.' },
    ARCHIVE: { description: 'An archive.' },
    COMBINED: { description: 'A combined service (e.g. a library and museum in one).' },
    REGIONAL_BODY: { description: 'A regional body that compares its member institutions.' },
  },
});
registerEnumType(SizeBand, {
  name: 'SizeBand',
  description: 'How big an institution is, for comparing like with like.',
  valuesConfig: {
    MICRO: { description: 'Very small (a handful of staff or volunteers).' },
    SMALL: { description: 'Small.' },
    MEDIUM: { description: 'Medium.' },
    LARGE: { description: 'Large.' },
  },
});
registerEnumType(Governance, {
  name: 'Governance',
  description: 'Who governs an institution.',
  valuesConfig: {
    LOCAL_AUTHORITY: { description: 'A local authority.' },
    NATIONAL: { description: 'A national body.' },
    UNIVERSITY: { description: 'A university.' },
    INDEPENDENT_TRUST: { description: 'An independent trust.' },
    CHARITY: { description: 'A charity.' },
    OTHER: { description: 'Any other governance.' },
  },
});
registerEnumType(BenchmarkingConsent, {
  name: 'BenchmarkingConsent',
  description: 'Whether submitted results may feed benchmarks: not at all, anonymously, or by name.',
  valuesConfig: {
    NONE: { description: 'Left out of every benchmark figure.' },
    ANONYMOUS: { description: 'Counted in figures; shown to a regional body only under a pseudonym.' },
    NAMED: { description: 'Counted, and shown by name to regional bodies whose network it belongs to.' },
  },
});
registerEnumType(MemberRole, {
  name: 'MemberRole',
  description: "A person's role in an organisation.",
  valuesConfig: {
    OWNER: { description: 'Everything, including API keys and other owners.' },
    MANAGER: { description: 'Runs assessments: submits, reopens, plans, manages members.' },
    ASSESSOR: { description: 'Answers, agrees answers with the team, works on plan items.' },
    VIEWER: { description: 'Reads.' },
    ANALYST: { description: 'Reads, in a regional body (benchmarks of its network).' },
  },
});

@ObjectType('User', { description: 'A person. One person may belong to many organisations.' })
export class UserType {
  @Field(() => ID, { description: 'The user id.' }) id!: string;
  @Field(() => String, { description: 'Their email (lower case); they sign in with it.' }) email!: string;
  @Field(() => String, { description: 'Their name.' }) name!: string;
}

@ObjectType('OrganisationSummary', { description: 'Enough of an organisation to choose which one to act for.' })
export class OrganisationSummary {
  @Field(() => ID, { description: 'The organisation id (send it as x-organisation-id).' }) id!: string;
  @Field(() => String, { description: 'Its name.' }) name!: string;
  @Field(() => String, { description: 'Its short name, unique across Waymark.' }) slug!: string;
  @Field(() => OrganisationKind, { description: 'What it is.' }) kind!: OrganisationKind;
}

@ObjectType('Membership', { description: "A person's role in one organisation." })
export class MembershipType {
  @Field(() => ID, { description: 'Id of the membership.' }) id!: string;
  @Field(() => MemberRole, { description: 'The role.' }) role!: MemberRole;
  @Field(() => OrganisationSummary, { description: 'The organisation.' }) organisation!: OrganisationSummary;
  @Field(() => UserType, { description: 'The person.' }) user!: UserType;
  @Field(() => Date, { description: 'When they joined.' }) createdAt!: Date;
}

@ObjectType('AuthPayload', {
  description:
    'A session token (send it as `Authorization: Bearer <token>`) and who it is for; or, for a person with a second factor, a challenge to complete with `completeSignIn` first.',
})
export class AuthPayload {
  @Field(() => String, { nullable: true, description: 'The session token; null while a second step is needed (see secondFactorChallenge).' }) token!: string | null;
  @Field(() => Date, { nullable: true, description: 'When the token (or, with no token, the challenge) stops working.' }) expiresAt!: Date | null;
  @Field(() => UserType, { description: 'Who signed in.' }) user!: UserType;
  @Field(() => [MembershipType], { description: 'Their organisations: pick one with the x-organisation-id header. Empty until the second step is done.' }) memberships!: MembershipType[];
  @Field(() => String, {
    nullable: true,
    description: 'Set when the person has a second factor: send it with a code from their authenticator app (or a recovery code) to `completeSignIn` within five minutes. Null once signed in.',
  })
  secondFactorChallenge!: string | null;
}

@ObjectType('SecondFactorSetup', { description: 'A new authenticator key, shown once: add it to an app, then confirm with a code the app shows.' })
export class SecondFactorSetup {
  @Field(() => String, { description: 'The key (base32) to type into an authenticator app. Never shown again.' }) secret!: string;
  @Field(() => String, { description: 'The same key as an `otpauth://totp/...` URI, for apps that read a link or QR code.' }) uri!: string;
}

@ObjectType('SecondFactorStatus', { description: "The signed-in person's own second factor; nobody else can read it." })
export class SecondFactorStatus {
  @Field(() => Boolean, { description: 'Whether sign-in asks for a code from an authenticator app.' }) enabled!: boolean;
  @Field(() => Date, { nullable: true, description: 'When it was turned on.' }) enabledAt!: Date | null;
  @Field(() => Int, { description: 'Recovery codes not yet used.' }) recoveryCodesLeft!: number;
}

@ObjectType('RecoveryCodes', { description: 'Single-use codes for signing in without the authenticator app. Shown once: keep them somewhere safe.' })
export class RecoveryCodes {
  @Field(() => [String], { description: 'The codes, each usable once.' }) codes!: string[];
}

@ObjectType('Me', { description: 'Who is asking, and for which organisation.' })
export class Me {
  @Field(() => UserType, { nullable: true, description: 'The person; null when the caller is an API key.' }) user!: UserType | null;
  @Field(() => ID, { nullable: true, description: 'The API key, when the caller is one.' }) apiKeyId!: string | null;
  @Field(() => [MembershipType], { description: "The person's organisations." }) memberships!: MembershipType[];
  @Field(() => ID, { nullable: true, description: 'The organisation this request acts for.' }) activeOrganisationId!: string | null;
  @Field(() => MemberRole, { nullable: true, description: 'The role in it.' }) role!: MemberRole | null;
  @Field(() => [String], { description: 'What this request may do in the active organisation.' }) permissions!: string[];
  @Field(() => Boolean, {
    description: 'True when the active organisation requires owners and managers to use a second factor and this person has none yet: they must set one up before acting for it.',
  })
  secondFactorRequired!: boolean;
}

@ObjectType('Region', { description: 'An area regional bodies and benchmarks are organised by.' })
export class RegionType {
  @Field(() => ID, { description: 'Id of the region.' }) id!: string;
  @Field(() => String, { description: 'Its code, e.g. "NW".' }) code!: string;
  @Field(() => String, { description: 'Its name.' }) name!: string;
}

@ObjectType('Organisation', { description: 'The tenant: an institution or a regional body.' })
export class OrganisationType {
  @Field(() => ID, { description: 'Id of the organisation.' }) id!: string;
  @Field(() => String, { description: 'Its name.' }) name!: string;
  @Field(() => String, { description: 'Its short name, unique across Waymark.' }) slug!: string;
  @Field(() => OrganisationKind, { description: 'What it is.' }) kind!: OrganisationKind;
  @Field(() => RegionType, { nullable: true, description: 'Its region.' }) region!: RegionType | null;
  @Field(() => SizeBand, { description: 'How big it is.' }) sizeBand!: SizeBand;
  @Field(() => Governance, { description: 'Who governs it.' }) governance!: Governance;
  @Field(() => String, { description: 'IANA time zone, e.g. "Europe/London": due dates and reminders follow it.' }) timeZone!: string;
  @Field(() => String, { description: 'BCP 47 locale, e.g. "en-GB": the web app and the report write dates and numbers this way, whatever the browser says.' }) locale!: string;
  @Field(() => BenchmarkingConsent, { description: 'Whether its results may feed benchmarks.' }) benchmarkingConsent!: BenchmarkingConsent;
  @Field(() => Boolean, { description: 'Whether owners and managers must use a second factor (an authenticator app) to act for it.' }) requireSecondFactor!: boolean;
  @Field(() => Date, { description: 'When it joined Waymark.' }) createdAt!: Date;
}

@ObjectType('Invitation', { description: 'An invitation by email to join the organisation with a role.' })
export class InvitationType {
  @Field(() => ID, { description: 'Id of the invitation.' }) id!: string;
  @Field(() => String, { description: 'Who is invited.' }) email!: string;
  @Field(() => MemberRole, { description: 'The role they will have.' }) role!: MemberRole;
  @Field(() => Date, { description: 'When it was sent.' }) createdAt!: Date;
  @Field(() => Date, { description: 'When it stops working.' }) expiresAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When it was accepted.' }) acceptedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'When it was withdrawn.' }) revokedAt!: Date | null;
  @Field(() => Int, { description: 'How many times it has been emailed (1, then one more per resend); only the latest link works.' }) sends!: number;
}

@ObjectType('ApiKey', { description: 'A machine credential for this organisation. The secret is never shown again.' })
export class ApiKeyType {
  @Field(() => ID, { description: 'Id of the key.' }) id!: string;
  @Field(() => String, { description: 'What it is for.' }) name!: string;
  @Field(() => String, { description: 'A hint to tell keys apart, e.g. "wmk_…x9Qa".' }) prefix!: string;
  @Field(() => [String], { description: 'What it may do (permissions).' }) scopes!: string[];
  @Field(() => Date, { description: 'When it was created.' }) createdAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When it was last used (recorded at most once a minute).' }) lastUsedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'When it was revoked.' }) revokedAt!: Date | null;
}

@ObjectType('ApiKeyWithSecret', { description: 'A new API key and its secret, shown this once.' })
export class ApiKeyWithSecret {
  @Field(() => ApiKeyType, { description: 'The key.' }) apiKey!: ApiKeyType;
  @Field(() => String, { description: 'Shown once: send it as `x-api-key` or `Authorization: Bearer`.' }) secret!: string;
}

@ObjectType('AuditEntry', { description: 'One change: who made it, to what, and the state before and after.' })
export class AuditEntryType {
  @Field(() => ID, { description: 'Id of the entry.' }) id!: string;
  @Field(() => String, { description: 'What was done, e.g. "assessment.submit".' }) action!: string;
  @Field(() => String, { description: 'The kind of thing changed.' }) entityType!: string;
  @Field(() => String, { nullable: true, description: 'Its id.' }) entityId!: string | null;
  @Field(() => ID, { nullable: true, description: 'The person who did it.' }) actorUserId!: string | null;
  @Field(() => ID, { nullable: true, description: 'The API key that did it.' }) actorApiKeyId!: string | null;
  @Field(() => String, { nullable: true, description: 'Set when Waymark itself did it (e.g. "worker").' }) actorSystem!: string | null;
  @Field(() => GraphQLJSON, { nullable: true, description: 'The state before (secrets left out).' }) before!: unknown;
  @Field(() => GraphQLJSON, { nullable: true, description: 'The state after (secrets left out).' }) after!: unknown;
  @Field(() => Date, { description: 'When.' }) at!: Date;
}

export const ActorKind = enumOf(['PERSON', 'API_KEY', 'SYSTEM', 'UNKNOWN']);
export type ActorKind = (typeof ActorKind)[keyof typeof ActorKind];
registerEnumType(ActorKind, {
  name: 'ActorKind',
  description: 'What acted: a person, an API key of the organisation, Waymark itself, or a record no longer there.',
  valuesConfig: {
    PERSON: { description: 'A person (a user).' },
    API_KEY: { description: "An API key of the organisation (an integration); its name is the key's name." },
    SYSTEM: { description: 'Waymark itself (the worker).' },
    UNKNOWN: { description: 'A person or key that no longer exists.' },
  },
});

@ObjectType('Person', { description: 'Who did something or owns something: a person, or an API key acting for the organisation.' })
export class PersonType {
  @Field(() => ID, { description: 'The user id (or API key id).' }) id!: string;
  @Field(() => String, { description: 'Their name (or the key\u2019s name).' }) name!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Their email, shown to members of the organisation while the person is a member of it; otherwise null.',
  })
  email!: string | null;
  @Field(() => ActorKind, { description: 'Whether this is a person or an API key.' }) kind!: ActorKind;
  @Field(() => Boolean, { description: 'Whether the person is a member of this organisation now.' }) member!: boolean;
}

@ObjectType('ErasedPerson', { description: 'A person who has been erased, as the organisation now shows them.' })
export class ErasedPerson {
  @Field(() => ID, { description: 'Their user id (it keeps pointing at their answers, notes and audit entries).' }) id!: string;
  @Field(() => String, { description: 'How this organisation shows them from now on, such as "Former member 3".' }) label!: string;
}

@ObjectType('OrganisationDeletion', { description: 'What deleting an organisation did. The organisation and all it owned are gone; an audit record outside it says what, when and by whom.' })
export class OrganisationDeletion {
  @Field(() => ID, { description: 'The id the organisation had.' }) organisationId!: string;
  @Field(() => Date, { description: 'When it was deleted.' }) deletedAt!: Date;
  @Field(() => Int, { description: 'How many rows were erased, across every table.' }) rowsErased!: number;
  @Field(() => Date, { nullable: true, description: 'When its full export was last downloaded, or null when the owner declined it.' }) exportedAt!: Date | null;
}
