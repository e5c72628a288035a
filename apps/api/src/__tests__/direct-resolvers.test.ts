import 'reflect-metadata';
import { graphql } from 'graphql';
import { Arg, Authorized, Ctx, Field, FieldResolver, ObjectType, Query, Resolver, Root, buildSchema } from 'type-graphql';
import { callFieldResolversDirectly } from '../graphql/direct';

@ObjectType()
class Crate {
  @Field() id!: string;
}

/** Rows reach field resolvers as plain objects (an interface, as in the modules), not class instances. */
interface CrateRow {
  id: string;
}

interface Who {
  who: string;
  roles: string[];
}

@Resolver(() => Crate)
class CrateResolver {
  @Query(() => Crate)
  crate(): CrateRow {
    return { id: 'c1' };
  }

  @FieldResolver(() => String)
  label(@Root() crate: CrateRow, @Ctx() ctx: Who): string {
    return `${crate.id} for ${ctx.who}`;
  }

  @FieldResolver(() => String)
  reversed(@Ctx() ctx: Who, @Root() crate: CrateRow): string {
    return `${ctx.who}/${crate.id}`;
  }

  @Authorized('open-crates')
  @FieldResolver(() => String)
  contents(): string {
    return 'the secret';
  }

  @FieldResolver(() => String)
  padded(@Root() crate: CrateRow, @Arg('width') width: number): string {
    return crate.id.padStart(width, '.');
  }
}

describe('field resolvers called directly', () => {
  it('rewires only the plain ones; guards and arguments keep type-graphql', async () => {
    const schema = await buildSchema({
      resolvers: [CrateResolver],
      authChecker: ({ context }, roles) => roles.every((r) => (context as Who).roles.includes(r)),
      validate: false,
    });
    expect(callFieldResolversDirectly(schema).sort()).toEqual(['Crate.label', 'Crate.reversed']);
    const ask = (roles: string[]) =>
      graphql({ schema, source: '{ crate { label reversed padded(width: 4) contents } }', contextValue: { who: 'ann', roles } });
    const refused = await ask([]);
    expect(refused.data).toBeNull();
    expect(refused.errors?.[0]?.message).toMatch(/Access denied/);
    const allowed = await ask(['open-crates']);
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data).toEqual({ crate: { label: 'c1 for ann', reversed: 'ann/c1', padded: '..c1', contents: 'the secret' } });
  });
});
