import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { type RequestContext, tenant } from '../../context';
import { queueHealth } from './reads';
import { QueueHealth } from './types';

@Resolver()
export class QueuesResolver {
  @Authorized('operations:read')
  @Query(() => QueueHealth, { description: "Background work: this organisation's own webhook deliveries, reminder emails and events (nothing of any other organisation's)." })
  queueHealth(@Ctx() ctx: RequestContext) {
    return queueHealth(tenant(ctx));
  }
}

export const QUEUE_RESOLVERS = [QueuesResolver] as const;
