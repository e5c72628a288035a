import { Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { type RequestContext, tenant } from '../../context';
import { ConnectionArgs, connectionOf } from '../../graphql/connection';
import { listAuditLog } from './audit-log.service';
import { AuditEntryType } from './types';

const AuditEntryConnection = connectionOf(AuditEntryType, 'AuditEntry', 'audit entry');

@Resolver()
export class AuditLogResolver {
  @Authorized('audit:read')
  @Query(() => AuditEntryConnection, { description: "Every change made in this organisation, newest first." })
  auditLog(@Ctx() ctx: RequestContext, @Args(() => ConnectionArgs) page: ConnectionArgs) {
    return listAuditLog(tenant(ctx), page);
  }
}
