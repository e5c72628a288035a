export enum OrganisationKind { LIBRARY = 'LIBRARY', MUSEUM = 'MUSEUM', ARCHIVE = 'ARCHIVE', COMBINED = 'COMBINED', REGIONAL_BODY = 'REGIONAL_BODY' }
export enum SizeBand { MICRO = 'MICRO', SMALL = 'SMALL', MEDIUM = 'MEDIUM', LARGE = 'LARGE' }
export enum Governance {
  LOCAL_AUTHORITY = 'LOCAL_AUTHORITY',
  NATIONAL = 'NATIONAL',
  UNIVERSITY = 'UNIVERSITY',
  INDEPENDENT_TRUST = 'INDEPENDENT_TRUST',
  CHARITY = 'CHARITY',
  OTHER = 'OTHER',
}
export enum BenchmarkingConsent { NONE = 'NONE', ANONYMOUS = 'ANONYMOUS', NAMED = 'NAMED' }
export enum MemberRole { OWNER = 'OWNER', MANAGER = 'MANAGER', ASSESSOR = 'ASSESSOR', VIEWER = 'VIEWER', ANALYST = 'ANALYST' }
export enum AssessmentStatus { DRAFT = 'DRAFT', SUBMITTED = 'SUBMITTED', REOPENED = 'REOPENED' }
export enum PracticeAnswer { YES = 'YES', STARTED = 'STARTED', NO = 'NO' }
export enum EvidenceAnswer { YES = 'YES', NO = 'NO', NOT_APPLICABLE = 'NOT_APPLICABLE' }
export enum FrameworkNodeKind {
  PRINCIPLE = 'PRINCIPLE',
  ELEMENT = 'ELEMENT',
  ACTION = 'ACTION',
  PART = 'PART',
  PROMPT_GROUP = 'PROMPT_GROUP',
  PROMPT = 'PROMPT',
}
export enum ActionItemKind {
  /** An action with a part not yet at YES. */
  ACTION = 'ACTION',
  /** An evidence prompt answered NO or marked as an area for improvement. */
  PROMPT = 'PROMPT',
  /** An element flagged as an unsupported claim: gather evidence for what is claimed. */
  EVIDENCE_GAP = 'EVIDENCE_GAP',
}
export enum ActionItemStatus { OPEN = 'OPEN', IN_PROGRESS = 'IN_PROGRESS', DONE = 'DONE', DEFERRED = 'DEFERRED', DROPPED = 'DROPPED' }
export enum PartnerType {
  INFORMAL_LEARNING_INSTITUTION = 'INFORMAL_LEARNING_INSTITUTION',
  INDIVIDUAL_BUSINESS_OR_COMMUNITY_GROUP = 'INDIVIDUAL_BUSINESS_OR_COMMUNITY_GROUP',
  YOUTH_SERVING_ORGANISATION = 'YOUTH_SERVING_ORGANISATION',
  SCHOOL_OR_UNIVERSITY = 'SCHOOL_OR_UNIVERSITY',
  OTHER = 'OTHER',
}
export enum PartnerStatus { PROSPECTIVE = 'PROSPECTIVE', ACTIVE = 'ACTIVE', PAUSED = 'PAUSED', ENDED = 'ENDED' }
