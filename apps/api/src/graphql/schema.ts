import { type MiddlewareFn, buildSchema } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { authChecker } from './auth-checker';
import { RESOLVERS } from '../modules';
import type { RequestContext } from '../context';

/**
 * Writes a mutation's changes before its result is sent, so a database error (a unique
 * constraint, say) becomes that mutation's typed error instead of surfacing at commit.
 */
const flushAfterMutation: MiddlewareFn<RequestContext> = async ({ info, context }, next) => {
  const result: unknown = await next();
  if (info.parentType.name === 'Mutation') await context.em.flush();
  return result;
};

export function createSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: RESOLVERS,
    authChecker,
    authMode: 'error',
    globalMiddlewares: [flushAfterMutation],
    validate: { forbidUnknownValues: false },
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
  });
}
