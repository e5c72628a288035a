/**
 * Every closed set of values Waymark has, defined once. The database enums (MikroORM `@Enum`), the
 * GraphQL enums (`registerEnumType`) and the domain's string types are all derived from these
 * objects, so adding a value is one edit and nothing can be cast across a gap.
 */
type EnumOf<T extends readonly string[]> = { readonly [K in T[number]]: K };

/** `{ A: 'A', B: 'B' }` from `['A', 'B']`: the shape both MikroORM and type-graphql take as an enum. */
export function enumOf<const T extends readonly string[]>(values: T): EnumOf<T> {
  return Object.freeze(Object.fromEntries(values.map((v) => [v, v]))) as EnumOf<T>;
}

export type ValueOf<E> = E[keyof E];

export const OrganisationKind = enumOf(['LIBRARY', 'MUSEUM', 'ARCHIVE', 'COMBINED', 'REGIONAL_BODY']);
export type OrganisationKind = ValueOf<typeof OrganisationKind>;

export const SizeBand = enumOf(['MICRO', 'SMALL', 'MEDIUM', 'LARGE']);
export type SizeBand = ValueOf<typeof SizeBand>;

export const Governance = enumOf(['LOCAL_AUTHORITY', 'NATIONAL', 'UNIVERSITY', 'INDEPENDENT_TRUST', 'CHARITY', 'OTHER']);
export type Governance = ValueOf<typeof Governance>;

export const BenchmarkingConsent = enumOf(['NONE', 'ANONYMOUS', 'NAMED']);
export type BenchmarkingConsent = ValueOf<typeof BenchmarkingConsent>;

export const MemberRole = enumOf(['OWNER', 'MANAGER', 'ASSESSOR', 'VIEWER', 'ANALYST']);
export type MemberRole = ValueOf<typeof MemberRole>;

export const AssessmentStatus = enumOf(['DRAFT', 'SUBMITTED', 'REOPENED']);
export type AssessmentStatus = ValueOf<typeof AssessmentStatus>;

/** The answer to an action part (or a part-less action). */
export const PracticeAnswer = enumOf(['YES', 'STARTED', 'NO']);
export type PracticeValue = ValueOf<typeof PracticeAnswer>;
export type PracticeAnswer = PracticeValue;

/** The answer to an evidence prompt. */
export const EvidenceAnswer = enumOf(['YES', 'NO', 'NOT_APPLICABLE']);
export type EvidenceValue = ValueOf<typeof EvidenceAnswer>;
export type EvidenceAnswer = EvidenceValue;

/** Which scale a framework node is answered on, and the values each scale allows. */
export const AnswerScale = enumOf(['PRACTICE', 'EVIDENCE']);
export type AnswerScale = ValueOf<typeof AnswerScale>;
export const SCALE_VALUES: Readonly<Record<AnswerScale, readonly string[]>> = Object.freeze({
  PRACTICE: Object.freeze(Object.values(PracticeAnswer)),
  EVIDENCE: Object.freeze(Object.values(EvidenceAnswer)),
});

/** A scale's values in words for descriptions, e.g. "YES, STARTED or NO": written from the list, so they cannot drift. */
export function scaleInWords(scale: AnswerScale): string {
  const values = SCALE_VALUES[scale];
  return values.length === 1 ? values[0]! : `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
}

/** Which values an answer takes, in words: the description of every answer `value` field. */
export const ANSWER_VALUES_IN_WORDS = `Parts: ${scaleInWords('PRACTICE')}. Evidence prompts: ${scaleInWords('EVIDENCE')}.`;

export const FrameworkNodeKind = enumOf(['PRINCIPLE', 'ELEMENT', 'ACTION', 'PART', 'PROMPT_GROUP', 'PROMPT']);
export type FrameworkNodeKind = ValueOf<typeof FrameworkNodeKind>;

/** How a node changed from one framework version to the next (read from the crosswalk and the words). */
export const FrameworkChangeKind = enumOf(['REWORDED', 'RENUMBERED', 'SPLIT', 'MERGED', 'REMOVED', 'ADDED']);
export type FrameworkChangeKind = ValueOf<typeof FrameworkChangeKind>;

/**
 * What kind of gap an action-plan item closes: an action with a part not yet at YES; an evidence
 * prompt answered NO or marked for improvement; an element flagged as an unsupported claim.
 */
export const ActionItemKind = enumOf(['ACTION', 'PROMPT', 'EVIDENCE_GAP']);
export type ItemKind = ValueOf<typeof ActionItemKind>;
export type ActionItemKind = ItemKind;

/**
 * An item's working status. CARRIED_FORWARD is set only by starting the next cycle: the work goes
 * on in the successor item, so this copy is closed and counted nowhere as open.
 */
export const ActionItemStatus = enumOf(['OPEN', 'IN_PROGRESS', 'DEFERRED', 'DONE', 'DROPPED', 'CARRIED_FORWARD']);
export type ItemStatus = ValueOf<typeof ActionItemStatus>;
export type ActionItemStatus = ItemStatus;

export const PartnerType = enumOf([
  'INFORMAL_LEARNING_INSTITUTION',
  'INDIVIDUAL_BUSINESS_OR_COMMUNITY_GROUP',
  'YOUTH_SERVING_ORGANISATION',
  'SCHOOL_OR_UNIVERSITY',
  'OTHER',
]);
export type PartnerType = ValueOf<typeof PartnerType>;

export const PartnerStatus = enumOf(['PROSPECTIVE', 'ACTIVE', 'PAUSED', 'ENDED']);
export type PartnerStatus = ValueOf<typeof PartnerStatus>;

/**
 * An institution's place in a regional body's network: invited by the body; a member once it
 * accepts; DECLINED, LEFT (its own choice) or REMOVED (the body's) end it. Only MEMBER rows let the
 * body see the institution's results.
 */
export const NetworkMemberStatus = enumOf(['INVITED', 'MEMBER', 'DECLINED', 'LEFT', 'REMOVED']);
export type NetworkMemberStatus = ValueOf<typeof NetworkMemberStatus>;

/** The groups benchmarks compare: a region, a kind of institution, a size band, a region's kind, a body's network. */
export const CohortDimension = enumOf(['REGION', 'KIND', 'SIZE', 'REGION_KIND', 'NETWORK', 'NETWORK_OTHERS']);
export type CohortDimension = ValueOf<typeof CohortDimension>;

/** How often a person hears about their reminders in one organisation (default DAILY). */
export const NotificationFrequency = enumOf(['IMMEDIATE', 'DAILY', 'WEEKLY', 'NONE']);
export type NotificationFrequency = ValueOf<typeof NotificationFrequency>;

/** A reminder delivery's place in the ledger: claimed (with a lease) or sent. */
export const DeliveryState = enumOf(['CLAIMED', 'SENT']);
export type DeliveryState = ValueOf<typeof DeliveryState>;

/** How an organisation's own identity provider speaks: OpenID Connect or SAML 2.0. */
export const SsoProtocol = enumOf(['OIDC', 'SAML']);
export type SsoProtocol = ValueOf<typeof SsoProtocol>;
