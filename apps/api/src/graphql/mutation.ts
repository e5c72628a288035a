import { type MiddlewareFn, Mutation as TypeGraphQLMutation, UseMiddleware } from 'type-graphql';

type Options = Parameters<typeof TypeGraphQLMutation>[1];
type ReturnType = Parameters<typeof TypeGraphQLMutation>[0];
import type { RequestContext } from '../context';

/**
 * Writes a mutation's changes before its result is sent, so a database error (a unique
 * constraint, say) becomes that mutation's typed error instead of surfacing at commit. Attached to
 * mutations only: a global middleware would wrap every field of every query in another promise.
 */
const flushAfterMutation: MiddlewareFn<RequestContext> = async ({ context }, next) => {
  const result: unknown = await next();
  await context.em.flush();
  return result;
};

/** `@Mutation` that flushes the request's changes when the mutation's resolver returns. */
export function Mutation(returnType: ReturnType, options?: Options): MethodDecorator {
  return (target, key, descriptor) => {
    TypeGraphQLMutation(returnType as never, options)(target, key, descriptor);
    UseMiddleware(flushAfterMutation)(target, key, descriptor);
  };
}
