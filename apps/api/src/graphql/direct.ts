import { type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from 'graphql';
import { getMetadataStorage } from 'type-graphql';

type ResolverClass = new () => Record<string, (...params: unknown[]) => unknown>;

/**
 * type-graphql calls every field resolver through a general wrapper: it looks the resolver's class
 * up in its container, sorts and maps the parameter list, and dispatches middleware. A field
 * resolver that takes only its parent object and the context, with no guard (`@Authorized`) and no
 * middleware, needs none of that, and a plan page calls such resolvers about 200 times. This gives
 * each of them a direct call to the same method. Fields with arguments, a guard or middleware keep
 * type-graphql's wrapper, which converts and validates arguments and runs the auth checker.
 * Returns the fields it rewired, as `Type.field`.
 */
export function callFieldResolversDirectly(schema: GraphQLSchema): string[] {
  const storage = getMetadataStorage();
  const typeNames = new Map(storage.objectTypes.map((t) => [t.target, t.name]));
  const instances = new Map<Function, InstanceType<ResolverClass>>();
  const rewired: string[] = [];
  for (const resolver of storage.fieldResolvers) {
    if (resolver.kind !== 'external' || resolver.roles || resolver.middlewares?.length) continue;
    const params = [...(resolver.params ?? [])].sort((a, b) => a.index - b.index);
    const plain = params.every((p) => (p.kind === 'root' && !p.propertyName && !p.getType) || (p.kind === 'context' && !p.propertyName));
    if (!plain) continue;
    const typeName = typeNames.get(resolver.getObjectType?.() as Function);
    const type = typeName ? schema.getType(typeName) : undefined;
    const field = isObjectType(type) ? type.getFields()[resolver.schemaName] : undefined;
    if (!field) continue;
    const target = resolver.target as ResolverClass;
    const instance = instances.get(target) ?? new target();
    instances.set(target, instance);
    const method = instance[resolver.methodName]?.bind(instance);
    if (!method) continue;
    const kinds = params.map((p) => p.kind);
    field.resolve = directCall(method, kinds);
    rewired.push(`${typeName}.${field.name}`);
  }
  return rewired;
}

function directCall(method: (...params: unknown[]) => unknown, kinds: string[]): GraphQLFieldResolver<unknown, unknown> {
  if (kinds.length === 2 && kinds[0] === 'root' && kinds[1] === 'context') return (root, _args, context) => method(root, context);
  if (kinds.length === 2 && kinds[0] === 'context' && kinds[1] === 'root') return (root, _args, context) => method(context, root);
  return (root, _args, context) => method(...kinds.map((kind) => (kind === 'root' ? root : context)));
}
