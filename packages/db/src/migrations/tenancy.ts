/**
 * What the migrations know about tenancy, in one place: which tables belong to an organisation, and
 * which references between them are composite foreign keys. Later migrations that add tenant
 * tables add them here too (the catalog test reads the database, so a table left out fails it).
 */
export const CURRENT_ORG = `nullif(current_setting('app.organisation_id', true), '')::uuid`;
export const CURRENT_USER = `nullif(current_setting('app.user_id', true), '')::uuid`;

/** Tenant tables of the first two steps (foundation, action plans). */
export const TENANT_TABLES = [
  'membership', 'invitation', 'api_key', 'assessment', 'assessment_reopening', 'assessor_answer', 'consensus_answer',
  'evidence', 'evidence_link', 'partner', 'partner_link', 'action_plan', 'action_item', 'action_item_note', 'action_item_evidence',
] as const;

/** Tables whose row-level security binds their owner too. */
export const FORCED_TABLES = [...TENANT_TABLES, 'organisation', 'audit_entry'] as const;

export interface TenantForeignKey {
  table: string;
  column: string;
  references: string;
  /** `cascade` removes the row with its parent; `set null` clears only this column (never organisation_id). */
  onDelete: 'cascade' | 'set null';
}

export const TENANT_FOREIGN_KEYS: readonly TenantForeignKey[] = [
  { table: 'assessment', column: 'previous_id', references: 'assessment', onDelete: 'set null' },
  { table: 'assessment_reopening', column: 'assessment_id', references: 'assessment', onDelete: 'cascade' },
  { table: 'assessor_answer', column: 'assessment_id', references: 'assessment', onDelete: 'cascade' },
  { table: 'consensus_answer', column: 'assessment_id', references: 'assessment', onDelete: 'cascade' },
  { table: 'evidence_link', column: 'assessment_id', references: 'assessment', onDelete: 'cascade' },
  { table: 'evidence_link', column: 'evidence_id', references: 'evidence', onDelete: 'cascade' },
  { table: 'partner_link', column: 'assessment_id', references: 'assessment', onDelete: 'cascade' },
  { table: 'partner_link', column: 'partner_id', references: 'partner', onDelete: 'cascade' },
  { table: 'action_plan', column: 'assessment_id', references: 'assessment', onDelete: 'cascade' },
  { table: 'action_item', column: 'plan_id', references: 'action_plan', onDelete: 'cascade' },
  { table: 'action_item', column: 'assessment_id', references: 'assessment', onDelete: 'cascade' },
  { table: 'action_item', column: 'carried_from_id', references: 'action_item', onDelete: 'set null' },
  { table: 'action_item', column: 'decision_from_id', references: 'action_item', onDelete: 'set null' },
  { table: 'action_item_note', column: 'item_id', references: 'action_item', onDelete: 'cascade' },
  { table: 'action_item_evidence', column: 'item_id', references: 'action_item', onDelete: 'cascade' },
  { table: 'action_item_evidence', column: 'evidence_id', references: 'evidence', onDelete: 'cascade' },
];

/** The suffix `migrationNeeded` recognises: these keys are made here, not by the ORM. */
export const TENANT_FK_SUFFIX = '_tenant_fk';

export function tenantForeignKeySql({ table, column, references, onDelete }: TenantForeignKey): string {
  const action = onDelete === 'set null' ? `set null ("${column}")` : 'cascade';
  return `alter table "${table}" add constraint "${table}_${column}${TENANT_FK_SUFFIX}" foreign key ("organisation_id", "${column}") references "${references}" ("organisation_id", "id") on update cascade on delete ${action};`;
}

/** Row-level security for a tenant table, as every one has it: the organisation in scope, and nothing else. */
export function tenantPolicySql(table: string): string[] {
  return [
    `alter table "${table}" enable row level security;`,
    `alter table "${table}" force row level security;`,
    `create policy tenant_isolation on "${table}" using (organisation_id = ${CURRENT_ORG}) with check (organisation_id = ${CURRENT_ORG});`,
  ];
}

/** Tenant tables of the benchmarking step: stored scores, networks, and the rows of a snapshot that belong to one organisation. */
export const BENCHMARK_TENANT_TABLES = [
  'submitted_score', 'submitted_element_score', 'submitted_part_answer', 'network', 'network_member', 'benchmark_network_cell',
] as const;

export const BENCHMARK_TENANT_FOREIGN_KEYS: readonly TenantForeignKey[] = [
  { table: 'submitted_score', column: 'assessment_id', references: 'assessment', onDelete: 'cascade' },
  { table: 'submitted_element_score', column: 'score_id', references: 'submitted_score', onDelete: 'cascade' },
  { table: 'submitted_part_answer', column: 'score_id', references: 'submitted_score', onDelete: 'cascade' },
  { table: 'network_member', column: 'network_id', references: 'network', onDelete: 'cascade' },
];

/** Tenant tables of the worker step: the outbox, notification preferences and the delivery ledger. */
export const WORKER_TENANT_TABLES = ['outbox_event', 'notification_preference', 'reminder_delivery'] as const;

/** Tenant tables of the webhooks and calendar feed step. */
export const HOOKS_TENANT_TABLES = ['webhook_endpoint', 'webhook_delivery', 'calendar_feed'] as const;

export const HOOKS_TENANT_FOREIGN_KEYS: readonly TenantForeignKey[] = [
  { table: 'webhook_delivery', column: 'endpoint_id', references: 'webhook_endpoint', onDelete: 'cascade' },
];

/** Tenant tables of single sign-on (issue 19). */
export const SSO_TENANT_TABLES = ['sso_provider', 'sso_login'] as const;

export const SSO_TENANT_FOREIGN_KEYS: readonly TenantForeignKey[] = [
  { table: 'sso_login', column: 'provider_id', references: 'sso_provider', onDelete: 'cascade' },
];
/** Tenant tables of the erasure step: an erased person's stable number in each organisation. */
export const ERASURE_TENANT_TABLES = ['former_member'] as const;
