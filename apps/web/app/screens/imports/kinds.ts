import type { OrganisationContext } from '../../layout/organisation';

/**
 * The four kinds of spreadsheet the API imports, each in the layout of its own export. Kept apart
 * from the import screen so the screens that offer the action do not load the screen with it.
 */
export const IMPORT_KINDS = ['partners', 'evidence', 'answers', 'plan'] as const;
export type ImportKindName = (typeof IMPORT_KINDS)[number];

export interface ImportKindSpec {
  /** What the kind's own one-row changes need; every import also needs imports:write. */
  permission: 'partners:write' | 'evidence:write' | 'consensus:write' | 'plans:write';
  /** Whether the import goes into one assessment (its agreed answers, its plan's items). */
  perAssessment: boolean;
  /** The export whose layout the import reads back, as CSV and as XLSX (`{id}` is the assessment). */
  template: { path: string; permission: 'exports:read' | 'reports:read' };
  /** The columns read, the ones every row needs first; spreadsheet headers, shown as they are. */
  columns: readonly string[];
  required: readonly string[];
}

export const IMPORT_SPECS: Record<ImportKindName, ImportKindSpec> = {
  partners: {
    permission: 'partners:write',
    perAssessment: false,
    template: { path: '/exports/tables/partner', permission: 'exports:read' },
    columns: ['id', 'name', 'partner_type', 'contact_name', 'contact_email', 'contact_phone', 'they_bring', 'we_bring', 'notes', 'status', 'start_date', 'next_review_on', 'review_interval_days'],
    required: ['name', 'partner_type'],
  },
  evidence: {
    permission: 'evidence:write',
    perAssessment: false,
    template: { path: '/exports/tables/evidence', permission: 'exports:read' },
    columns: ['id', 'title', 'url', 'file_reference', 'description', 'evidence_date', 'expires_on'],
    required: ['title', 'evidence_date'],
  },
  answers: {
    permission: 'consensus:write',
    perAssessment: true,
    template: { path: '/exports/assessments/{id}/answers', permission: 'reports:read' },
    columns: ['node_key', 'value', 'area_for_improvement', 'note', 'updated_at'],
    required: ['node_key', 'value'],
  },
  plan: {
    permission: 'plans:write',
    perAssessment: true,
    template: { path: '/exports/assessments/{id}/plan', permission: 'reports:read' },
    columns: ['item_key', 'status', 'owner', 'due_on', 'next_review_on', 'review_interval_days', 'resources', 'success_measure', 'note'],
    required: ['item_key'],
  },
};

export const isImportKind = (value: string | undefined): value is ImportKindName => IMPORT_KINDS.includes(value as ImportKindName);

/** Whether this person may import the kind: the kind's own write permission and imports:write. */
export const canImport = (org: Pick<OrganisationContext, 'can'>, kind: ImportKindName) => org.can('imports:write') && org.can(IMPORT_SPECS[kind].permission);

/** Where the import screen of a kind is, for one assessment when the kind goes into one. */
export const importPath = (orgId: string, kind: ImportKindName, assessmentId?: string | null) =>
  `/o/${orgId}/imports/${kind}${assessmentId ? `?assessment=${encodeURIComponent(assessmentId)}` : ''}`;
