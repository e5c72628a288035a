import { ApiKey } from './api-key';
import { ConsensusAnswer, AssessorAnswer } from './answer';
import { Assessment, AssessmentReopening } from './assessment';
import { AuditEntry } from './audit';
import { Evidence, EvidenceLink } from './evidence';
import { Framework, FrameworkCrosswalk, FrameworkNode, Guidance, GuidanceLink } from './framework';
import { Invitation } from './invitation';
import { Membership } from './membership';
import { Organisation } from './organisation';
import { Region } from './region';
import { User } from './user';
import { ActionItem, ActionItemEvidence, ActionItemNote, ActionPlan } from './plan';
import { Partner, PartnerLink } from './partner';
import { NotificationPreference, OutboxEvent, ReminderDelivery } from './worker';
import {
  BenchmarkCohort, BenchmarkContribution, BenchmarkEntry, BenchmarkFigure, BenchmarkNetworkCell, BenchmarkPartShare, BenchmarkPublication, BenchmarkSnapshot,
  Network, NetworkMember, SubmittedElementScore, SubmittedPartAnswer, SubmittedScore,
} from './benchmark';
import { WebhookDelivery, WebhookEndpoint } from './webhook';
import { CalendarFeed } from './calendar-feed';
import { AccountMail, PasswordReset, RecoveryCode, SecondFactor, UserSession } from './identity';
import { FormerMember } from './former-member';
import { SsoLogin, SsoProvider } from './sso';

export * from './enums';
export type { SnapshotAudit } from './benchmark';
export { BaseEntity, TenantEntity, TenantRef } from './base';
export { AnswerLink } from './answer-link';
export {
  ApiKey, AssessorAnswer, ConsensusAnswer, Assessment, AssessmentReopening, AuditEntry, Evidence, EvidenceLink,
  Framework, FrameworkCrosswalk, FrameworkNode, Guidance, GuidanceLink, Invitation, Membership, Organisation, Region, User,
  ActionPlan, ActionItem, ActionItemNote, ActionItemEvidence, Partner, PartnerLink,
  SubmittedScore, SubmittedElementScore, SubmittedPartAnswer, Network, NetworkMember,
  BenchmarkSnapshot, BenchmarkCohort, BenchmarkFigure, BenchmarkPartShare, BenchmarkNetworkCell,
  BenchmarkEntry, BenchmarkContribution, BenchmarkPublication,
  OutboxEvent, NotificationPreference, ReminderDelivery,
};
export { WebhookEndpoint, WebhookDelivery, CalendarFeed, UserSession, PasswordReset, AccountMail, FormerMember, SecondFactor, RecoveryCode, SsoProvider, SsoLogin };
export { WebhookDeliveryStatus } from '@waymark/domain';

export const ENTITIES = [
  Region, Organisation, User, Membership, Invitation, ApiKey, Framework, FrameworkNode, FrameworkCrosswalk, Guidance, GuidanceLink,
  Assessment, AssessmentReopening, AssessorAnswer, ConsensusAnswer, Evidence, EvidenceLink, AuditEntry,
  ActionPlan, ActionItem, ActionItemNote, ActionItemEvidence, Partner, PartnerLink,
  SubmittedScore, SubmittedElementScore, SubmittedPartAnswer, Network, NetworkMember,
  BenchmarkSnapshot, BenchmarkCohort, BenchmarkFigure, BenchmarkPartShare, BenchmarkNetworkCell,
  BenchmarkEntry, BenchmarkContribution, BenchmarkPublication,
  OutboxEvent, NotificationPreference, ReminderDelivery,
  WebhookEndpoint, WebhookDelivery, CalendarFeed, UserSession, PasswordReset, AccountMail, FormerMember, SecondFactor, RecoveryCode, SsoProvider, SsoLogin,
];

/** Entities whose rows belong to one organisation: the tenant filter and row-level security cover these. */
export const TENANT_ENTITIES = [
  Membership, Invitation, ApiKey, Assessment, AssessmentReopening, AssessorAnswer, ConsensusAnswer, Evidence, EvidenceLink,
  ActionPlan, ActionItem, ActionItemNote, ActionItemEvidence, Partner, PartnerLink,
  SubmittedScore, SubmittedElementScore, SubmittedPartAnswer, Network, NetworkMember, BenchmarkNetworkCell,
  OutboxEvent, NotificationPreference, ReminderDelivery,
  WebhookEndpoint, WebhookDelivery, CalendarFeed, FormerMember, SsoProvider, SsoLogin,
];
