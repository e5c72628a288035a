import { buildSchema } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { authChecker } from './auth-checker';
import { validateArguments } from './text';
import { RESOLVERS } from '../modules';

let built: Promise<GraphQLSchema> | undefined;

/** The schema: every module's resolvers, guarded by `@Authorized`, arguments validated (text first). */
export function createSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: RESOLVERS,
    authChecker,
    authMode: 'error',
    validateFn: validateArguments,
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
  });
  return built;
}
