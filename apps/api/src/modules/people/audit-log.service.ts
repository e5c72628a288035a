import { AuditEntry } from '@waymark/db';
import type { TenantContext } from '../../context';
import type { PageInput } from '../../graphql/connection';
import { paginate } from '../../graphql/paginate';

/** The organisation's own audit trail, newest first. Sign-ins carry no organisation and are not in it. */
export function listAuditLog(ctx: TenantContext, page: PageInput) {
  return paginate(ctx.em, AuditEntry, { organisationId: ctx.organisationId }, page, { by: 'at', direction: 'desc' });
}
