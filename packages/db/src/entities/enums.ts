// The database enums are the domain's (packages/domain/src/enums): one definition per closed set.
export {
  ActionItemKind,
  ActionItemStatus,
  AssessmentStatus,
  BenchmarkingConsent,
  CohortDimension,
  EvidenceAnswer,
  FrameworkNodeKind,
  Governance,
  MemberRole,
  NetworkMemberStatus,
  OrganisationKind,
  PartnerStatus,
  PartnerType,
  PracticeAnswer,
  SizeBand,
} from '@waymark/domain';
