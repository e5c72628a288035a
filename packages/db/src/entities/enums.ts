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
