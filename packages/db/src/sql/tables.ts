import type { DB } from './schema';
import { snakeCase } from './names';
import type { ScopedTables } from './scope';

/** The tables (by their camelCase name in `DB`) that have an `organisationId`: an organisation's own rows. */
export type OrganisationTable = { [T in keyof DB]: 'organisationId' extends keyof DB[T] ? T : never }[keyof DB];

/**
 * Every organisation table, listed so the list cannot fall behind the schema: the type requires
 * each table `DB` (generated from the migrations) gives an `organisationId`, and no other.
 */
const ORGANISATION_TABLES: Record<OrganisationTable, true> = {
  actionItem: true, actionItemEvidence: true, actionItemNote: true, actionPlan: true, apiKey: true, assessment: true,
  assessmentReopening: true, assessorAnswer: true, auditEntry: true, benchmarkNetworkCell: true, calendarFeed: true, consensusAnswer: true,
  evidence: true, evidenceLink: true, formerMember: true, invitation: true, membership: true, network: true, networkMember: true, notificationPreference: true,
  outboxEvent: true, partner: true, partnerLink: true, reminderDelivery: true, submittedElementScore: true, submittedPartAnswer: true,
  submittedScore: true, webhookDelivery: true, webhookEndpoint: true, ssoLogin: true, ssoProvider: true,
};


export const SCOPED_TABLES: ScopedTables = {
  // An organisation's own row is keyed by its id: in an organisation's scope it reads only itself.
  organisation: new Map([...Object.keys(ORGANISATION_TABLES).map((t) => [snakeCase(t), 'organisation_id'] as const), ['organisation', 'id']]),
  user: new Map([['membership', 'user_id'], ['second_factor', 'user_id'], ['recovery_code', 'user_id']]),
};
