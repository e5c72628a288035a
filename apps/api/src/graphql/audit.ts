import { type Actor, recordAudit } from '@waymark/db';
import type { RequestContext } from '../context';

export { snapshot } from '@waymark/db';

/** The person or API key a request acts as. */
export function requestActor(ctx: Pick<RequestContext, 'userId' | 'apiKeyId'>): Actor {
  if (ctx.userId) return { userId: ctx.userId };
  if (ctx.apiKeyId) return { apiKeyId: ctx.apiKeyId };
  throw new Error('an anonymous request reached an operation that is audited');
}

/** Records a change made by this request in its transaction (see recordAudit). */
export function audit(
  ctx: Pick<RequestContext, 'em' | 'userId' | 'apiKeyId' | 'organisationId'>,
  action: string,
  entityType: string,
  entityId: string | null,
  before: unknown,
  after: unknown,
  organisationId: string | null = ctx.organisationId,
): void {
  recordAudit(ctx.em, requestActor(ctx), { organisationId, action, entityType, entityId, before, after });
}
