/**
 * Who may do what. Roles belong to memberships; API keys carry scopes. Both resolve to the same
 * permission strings, which the API's guards check, so one table decides every access question.
 */
import { MemberRole } from '../enums';

export const ROLES = Object.values(MemberRole);
export type Role = MemberRole;

export const PERMISSIONS = [
  'organisation:read',
  'organisation:manage',
  'members:read',
  'members:manage',
  'apikeys:manage',
  'audit:read',
  'frameworks:read',
  'assessments:read',
  'assessments:create',
  'answers:write',
  'consensus:write',
  'assessments:submit',
  'assessments:reopen',
  'evidence:read',
  'evidence:write',
  'plans:read',
  'plans:write',
  'plans:manage',
  'partners:read',
  'partners:write',
  /**
   * An assessment's report (HTML, PDF) and its plan as CSV: what every member may already read on
   * screen (assessments, scores, plans), so viewers can print it. The whole-data downloads
   * (every table, the audit log, members' emails) stay with `exports:read`.
   */
  'reports:read',
  'exports:read',
  /**
   * Bulk changes from a spreadsheet. An import also needs the write permission of what it changes
   * (partners:write for the register ...), so a key must be given this scope on purpose.
   */
  'imports:write',
  'benchmarks:read',
  'networks:manage',
  /** One's own notification preferences in the organisation (a person's, never a key's). */
  'notifications:manage',
  'webhooks:manage',
  'operations:read',
  /** One's own calendar feed of due and review dates (a person's, never a key's). */
  'calendar:subscribe',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ: Permission[] = [
  'organisation:read', 'members:read', 'frameworks:read', 'assessments:read', 'evidence:read', 'plans:read', 'partners:read', 'reports:read', 'benchmarks:read',
];

/** What every member may do for themselves. */
const OWN: Permission[] = ['notifications:manage', 'calendar:subscribe'];

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  OWNER: PERMISSIONS,
  MANAGER: [
    ...READ,
    ...OWN,
    'members:manage',
    'audit:read',
    'assessments:create',
    'answers:write',
    'consensus:write',
    'assessments:submit',
    'assessments:reopen',
    'evidence:write',
    'plans:write',
    'plans:manage',
    'partners:write',
    'exports:read',
    'imports:write',
    'networks:manage',
    'webhooks:manage',
    'operations:read',
  ],
  // The team answers and agrees; submitting and locking the result, and reopening it, are a manager's call.
  // Action owners are often assessors: they record progress and close their items.
  ASSESSOR: [...READ, ...OWN, 'answers:write', 'consensus:write', 'evidence:write', 'plans:write', 'partners:write', 'imports:write'],
  VIEWER: [...READ, ...OWN],
  // Analysts work in regional bodies: they read their own body's data and its network's benchmarks.
  ANALYST: [...READ, ...OWN],
};

export function permissionsForRole(role: Role): ReadonlySet<Permission> {
  return new Set(ROLE_PERMISSIONS[role]);
}

/** Scopes an API key may hold: everything but managing people, keys, networks and the organisation itself. */
export const API_KEY_SCOPES = PERMISSIONS.filter(
  (p) =>
    ![
      'organisation:manage', 'members:manage', 'apikeys:manage', 'answers:write', 'networks:manage', 'notifications:manage', 'webhooks:manage',
      'operations:read', 'calendar:subscribe',
    ].includes(p),
);
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export function isApiKeyScope(value: string): value is ApiKeyScope {
  return (API_KEY_SCOPES as readonly string[]).includes(value);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Roles that hold a permission: used by the guard snapshot so a reader sees roles, not strings. */
export function rolesWith(permission: Permission): Role[] {
  return ROLES.filter((role) => ROLE_PERMISSIONS[role].includes(permission));
}
