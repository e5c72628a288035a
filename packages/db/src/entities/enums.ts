// The database enums are the domain's (packages/domain/src/enums): one definition per closed set.
export {
  ActionItemKind,
  ActionItemStatus,
  AssessmentStatus,
  BenchmarkingConsent,
  EvidenceAnswer,
  FrameworkNodeKind,
  Governance,
  MemberRole,
  OrganisationKind,
  PartnerStatus,
  PartnerType,
  PracticeAnswer,
  SizeBand,
} from '@waymark/domain';
