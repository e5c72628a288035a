import { randomUUID } from 'node:crypto';
import {
  ActionItem,
  ActionItemEvidence,
  ActionItemKind,
  ActionItemNote,
  ActionPlan,
  ApiKey,
  Assessment,
  AssessmentStatus,
  ConsensusAnswer,
  Evidence,
  EvidenceLink,
  Invitation,
  MemberRole,
  Network,
  NetworkMember,
  NotificationPreference,
  type Organisation,
  Partner,
  PartnerLink,
  PartnerType,
  CalendarFeed,
  WebhookDelivery,
  WebhookDeliveryStatus,
  WebhookEndpoint,
} from '@waymark/db';
import { API_KEY_SCOPES, newSigningSecret, sealSecret } from '@waymark/domain';
import { issueSecret } from '../auth/secrets';
import type { TestApi } from './harness';

/** The ids of one organisation's rows of every kind, and a key that acts for it. */
export interface OrganisationData {
  org: string;
  draft: string;
  submitted: string;
  evidence: string;
  partner: string;
  item: string;
  plan: string;
  invitation: string;
  apiKey: string;
  /** A full-scope API key's secret. */
  apiKeySecret: string;
  membership: string;
  /** A network of the organisation's own (as a body would have), and an invitation in it. */
  network: string;
  networkMembership: string;
  ownerUser: string;
  assessorUser: string;
  framework: string;
  /** A webhook endpoint, a dead letter to it, and the owner's calendar feed (its token in calendarToken). */
  webhookEndpoint: string;
  webhookDelivery: string;
  calendarFeed: string;
  calendarToken: string;
}

/**
 * Gives an organisation a row of every tenant kind (a draft and a submitted assessment, answers,
 * evidence and its links, a plan with an item, a note and evidence on it, a partner and its link,
 * an invitation and a full-scope API key), written as the database owner. Text fields carry
 * `marker`, so a test can tell when any of it shows up where it must not.
 */
export async function seedOrganisationData(api: TestApi, org: Organisation, marker: string, ownerEmail?: string): Promise<OrganisationData> {
  const owner = await api.fx.member(org, MemberRole.OWNER, await api.fx.user(ownerEmail ? { email: ownerEmail } : {}));
  const assessor = await api.fx.member(org, MemberRole.ASSESSOR);
  const framework = await api.fx.framework();
  const em = api.db.owner.em.fork();
  const organisationId = org.id;
  const by = owner.user.id;
  const draft = em.create(Assessment, { organisationId, frameworkId: framework.id, cycle: '2026', createdBy: by });
  const submitted = em.create(Assessment, {
    organisationId, frameworkId: framework.id, cycle: '2025', createdBy: by, status: AssessmentStatus.SUBMITTED, submittedAt: new Date(),
  });
  em.create(ConsensusAnswer, { organisationId, assessmentId: submitted.id, nodeKey: '3.1.1.a', value: 'YES', setBy: by });
  const evidence = em.create(Evidence, { organisationId, title: `${marker} report`, url: 'https://example.org/a', evidenceDate: '2026-01-01', createdBy: by });
  em.create(EvidenceLink, { organisationId, evidenceId: evidence.id, assessmentId: draft.id, nodeKey: '3.1.g1.1', linkedBy: by });
  const plan = em.create(ActionPlan, { organisationId, assessmentId: draft.id, generatedBy: by });
  const item = em.create(ActionItem, {
    organisationId, planId: plan.id, assessmentId: draft.id, itemKey: 'action:3.1.1', kind: ActionItemKind.ACTION, nodeKey: '3.1.1', elementKey: '3.1',
    what: `${marker} of what to do`, why: 'because', gap: {}, priority: 1, priorityReason: 'first', target: 'Yes',
  });
  em.create(ActionItemNote, { organisationId, itemId: item.id, authorId: by, body: `${marker} note` });
  em.create(ActionItemEvidence, { organisationId, itemId: item.id, evidenceId: evidence.id, linkedBy: by });
  const partner = em.create(Partner, { organisationId, name: `${marker} Friends`, partnerType: PartnerType.OTHER, reviewIntervalDays: 30, createdBy: by });
  em.create(PartnerLink, { organisationId, partnerId: partner.id, assessmentId: draft.id, nodeKey: '3.1.3', linkedBy: by });
  const invitation = em.create(Invitation, {
    organisationId, email: `invitee-${randomUUID().slice(0, 8)}@example.test`, role: MemberRole.VIEWER, tokenHash: 'x'.repeat(64), invitedBy: by, expiresAt: new Date(Date.now() + 86_400_000),
  });
  const invitee = await api.fx.organisation({ name: `${marker} invitee` });
  const network = em.create(Network, { organisationId, name: `${marker} network`, createdBy: by });
  const networkMembership = em.create(NetworkMember, { organisationId, networkId: network.id, memberOrganisationId: invitee.id, invitedBy: by });
  const keyId = randomUUID();
  const secret = issueSecret('wmk', organisationId, keyId);
  const key = em.create(ApiKey, { id: keyId, organisationId, name: `${marker} key`, prefix: 'wmk_x', secretHash: secret.hash, scopes: [...API_KEY_SCOPES], createdBy: by });
  em.create(NotificationPreference, { organisationId, userId: owner.user.id, frequency: 'WEEKLY' });
  const endpointId = randomUUID();
  const endpoint = em.create(WebhookEndpoint, {
    id: endpointId, organisationId, url: `https://hooks.example.org/${encodeURIComponent(marker)}`, description: `${marker} hook`, eventTypes: ['plan.generated'],
    secretCiphertext: sealSecret(api.db.config.AUTH_TOKEN_SECRET, organisationId, endpointId, newSigningSecret()), createdBy: by,
  });
  const delivery = em.create(WebhookDelivery, {
    organisationId, endpointId, eventId: randomUUID(), eventType: 'plan.generated', body: JSON.stringify({ note: `${marker} payload` }),
    status: WebhookDeliveryStatus.DEAD, attempts: 3, lastStatusCode: 500, lastError: `${marker} failure`, lastAttemptAt: new Date(), deadAt: new Date(),
  });
  const feedId = randomUUID();
  const feedSecret = issueSecret('wcal', organisationId, feedId);
  em.create(CalendarFeed, { id: feedId, organisationId, userId: by, tokenHash: feedSecret.hash });
  await em.flush();
  return {
    org: org.id, draft: draft.id, submitted: submitted.id, evidence: evidence.id, partner: partner.id, item: item.id, plan: plan.id, invitation: invitation.id,
    apiKey: key.id, apiKeySecret: secret.token, membership: assessor.membership.id, network: network.id, networkMembership: networkMembership.id, ownerUser: owner.user.id, assessorUser: assessor.user.id, framework: framework.id,
    webhookEndpoint: endpoint.id, webhookDelivery: delivery.id, calendarFeed: feedId, calendarToken: feedSecret.token,
  };
}

interface Queryable {
  query<R extends object>(sql: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

/**
 * A digest of everything an organisation owns, read as the database owner: one md5 per table that
 * has an `organisation_id` (found in the catalog, so a new table is covered the day it lands),
 * plus the organisation's own row. Columns that reading may touch (an API key's last use) are left
 * out. Two equal digests mean nothing of the organisation changed in between.
 */
export async function organisationDigest(db: Queryable, organisationId: string, ignore: string[] = ['last_used_at']): Promise<Record<string, string>> {
  return (await digester(db, ignore))(organisationId);
}

/** organisationDigest with the catalog read once, for tests that take a digest after every request. */
export async function digester(db: Queryable, ignore: string[] = ['last_used_at']): Promise<(organisationId: string) => Promise<Record<string, string>>> {
  const { rows: tables } = await db.query<{ table_name: string }>(
    `select table_name from information_schema.columns
      where table_schema = 'public' and column_name = 'organisation_id' order by table_name`,
  );
  const row = (alias: string) => `(to_jsonb(${alias})${ignore.map((c) => ` - '${c}'`).join('')})::text`;
  const sql = [
    `select 'organisation' as t, md5(coalesce(string_agg(${row('o')}, ','), '')) as d from organisation o where o.id = $1`,
    ...tables.map(({ table_name: t }) => `select '${t}', md5(coalesce(string_agg(${row('x')}, ',' order by ${row('x')}), '')) from "${t}" x where x.organisation_id = $1`),
  ].join(' union all ');
  return async (organisationId) => {
    const { rows } = await db.query<{ t: string; d: string }>(sql, [organisationId]);
    return Object.fromEntries(rows.map((r) => [r.t, r.d]));
  };
}
