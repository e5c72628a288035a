import type { ImportKind } from '../../gql/graphql';
import type { OrganisationContext } from '../../layout/organisation';

/**
 * The four kinds of spreadsheet the API imports, each in the layout of its own export. Kept apart
 * from the import screen so the screens that offer the action do not load the screen with it. The
 * columns of each layout are the API's (the importLayout query), never a copy kept here.
 */
export const IMPORT_KINDS = ['partners', 'evidence', 'answers', 'plan'] as const;
export type ImportKindName = (typeof IMPORT_KINDS)[number];

export interface ImportKindSpec {
  /** The kind as the API names it (importLayout, ImportReport.kind). */
  apiKind: ImportKind;
  /** What the kind's own one-row changes need; every import also needs imports:write. */
  permission: 'partners:write' | 'evidence:write' | 'consensus:write' | 'plans:write';
  /** Whether the import goes into one assessment (its agreed answers, its plan's items). */
  perAssessment: boolean;
  /** The export whose layout the import reads back, as CSV and as XLSX (`{id}` is the assessment). */
  template: { path: string; permission: 'exports:read' | 'reports:read' };
}

export const IMPORT_SPECS: Record<ImportKindName, ImportKindSpec> = {
  partners: {
    apiKind: 'PARTNERS',
    permission: 'partners:write',
    perAssessment: false,
    template: { path: '/exports/tables/partner', permission: 'exports:read' },
  },
  evidence: {
    apiKind: 'EVIDENCE',
    permission: 'evidence:write',
    perAssessment: false,
    template: { path: '/exports/tables/evidence', permission: 'exports:read' },
  },
  answers: {
    apiKind: 'ANSWERS',
    permission: 'consensus:write',
    perAssessment: true,
    template: { path: '/exports/assessments/{id}/answers', permission: 'reports:read' },
  },
  plan: {
    apiKind: 'ACTION_ITEMS',
    permission: 'plans:write',
    perAssessment: true,
    template: { path: '/exports/assessments/{id}/plan', permission: 'reports:read' },
  },
};

export const isImportKind = (value: string | undefined): value is ImportKindName => IMPORT_KINDS.includes(value as ImportKindName);

/** Whether this person may import the kind: the kind's own write permission and imports:write. */
export const canImport = (org: Pick<OrganisationContext, 'can'>, kind: ImportKindName) => org.can('imports:write') && org.can(IMPORT_SPECS[kind].permission);

/** Where the import screen of a kind is, for one assessment when the kind goes into one. */
export const importPath = (orgId: string, kind: ImportKindName, assessmentId?: string | null) =>
  `/o/${orgId}/imports/${kind}${assessmentId ? `?assessment=${encodeURIComponent(assessmentId)}` : ''}`;
