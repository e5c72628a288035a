import { buildSchema } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { DateTime } from './scalars';
import { authChecker } from './auth-checker';
import { callFieldResolversDirectly } from './direct';
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
    scalarsMap: [{ type: Date, scalar: DateTime }],
  }).then((schema) => {
    callFieldResolversDirectly(schema);
    return describeRoots(schema);
  });
  return built;
}

/** type-graphql builds the root types without descriptions; integrators' tools read them too. */
function describeRoots(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  if (query) query.description = 'Reads, as far as the caller\'s role or the API key\'s scopes allow; every list is a Relay connection.';
  if (mutation) mutation.description = 'Changes: each checked against the caller\'s role or the API key\'s scopes.';
  return schema;
}
