import { type ClassType, ObjectType as TypeGraphQLObjectType } from 'type-graphql';

type Options = NonNullable<Parameters<typeof TypeGraphQLObjectType>[1]>;

/**
 * `@ObjectType` with plain fields read straight from their object. type-graphql otherwise wraps
 * every plain field of every row in a resolver of its own (an object and a middleware chain per
 * field per row), which costs more than everything else in a large answer; nothing of ours needs
 * it (guards sit on operations, and field resolvers keep their own wrapping).
 */
export function ObjectType(name: string, options?: Options): ClassDecorator;
export function ObjectType(options?: Options): ClassDecorator;
export function ObjectType(nameOrOptions?: string | Options, maybeOptions?: Options): ClassDecorator {
  const name = typeof nameOrOptions === 'string' ? nameOrOptions : undefined;
  const options = { ...(typeof nameOrOptions === 'string' ? maybeOptions : nameOrOptions), simpleResolvers: true };
  const decorate = name ? TypeGraphQLObjectType(name, options) : TypeGraphQLObjectType(options);
  return (target) => {
    decorate(target as unknown as ClassType);
  };
}
