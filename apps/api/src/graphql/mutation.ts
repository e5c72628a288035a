import { type MiddlewareFn, Mutation as TypeGraphQLMutation, UseMiddleware } from 'type-graphql';
import type { RequestContext } from '../context';

type Options = Parameters<typeof TypeGraphQLMutation>[1];
type ReturnType = Parameters<typeof TypeGraphQLMutation>[0];

/**
 * Writes a mutation's changes before its result is resolved, so a database error (a unique
 * constraint, say) becomes that mutation's typed error instead of surfacing at commit, and the
 * fields of the result (read through the read path, on the same transaction) see what was written.
 */
const flushAfterMutation: MiddlewareFn<RequestContext> = async ({ context }, next) => {
  const result: unknown = await next();
  await context.em.flush();
  context.loaders.clearAll();
  return result;
};

/** `@Mutation` that flushes the request's changes when the mutation's resolver returns. */
export function Mutation(returnType: ReturnType, options?: Options): MethodDecorator {
  return (target, key, descriptor) => {
    TypeGraphQLMutation(returnType as never, options)(target, key, descriptor);
    UseMiddleware(flushAfterMutation)(target, key, descriptor);
  };
}
