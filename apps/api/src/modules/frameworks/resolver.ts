import { Arg, Args, ArgsType, Authorized, Ctx, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { IsOptional, MaxLength } from 'class-validator';
import { Framework } from '@waymark/db';
import { notFound } from '@waymark/domain';
import type { RequestContext } from '../../context';
import { PageInput, connectionOf } from '../../graphql/connection';
import { paginate } from '../../graphql/paginate';
import { FrameworkType } from './types';
import { loadFrameworkTree } from '@waymark/db';
import { frameworkView } from './view';
import { isUuid } from '../../graphql/ids';

@ObjectType()
class FrameworkSummary {
  @Field(() => ID) id!: string;
  @Field(() => String) key!: string;
  @Field(() => String) version!: string;
  @Field(() => String) title!: string;
  @Field(() => Date) publishedAt!: Date;
}

const FrameworkConnection = connectionOf(FrameworkSummary, 'Framework');

@ArgsType()
class FrameworkLookup {
  @Field(() => ID, { nullable: true }) @IsOptional() id?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(100) key?: string;
  @Field(() => String, { nullable: true, description: 'Defaults to the newest published version of `key`.' })
  @IsOptional()
  @MaxLength(40)
  version?: string;
}

@Resolver()
export class FrameworkResolver {
  @Authorized('frameworks:read')
  @Query(() => FrameworkConnection, { description: 'Published frameworks, oldest first.' })
  async frameworks(@Ctx() ctx: RequestContext, @Arg('page', () => PageInput, { defaultValue: { first: 20 } }) page: PageInput) {
    return paginate(ctx.em, Framework, {}, page, { by: 'createdAt' });
  }

  @Authorized('frameworks:read')
  @Query(() => FrameworkType, { description: 'One framework with its full tree, by id or by key (and version).' })
  async framework(@Ctx() ctx: RequestContext, @Args(() => FrameworkLookup) args: FrameworkLookup): Promise<FrameworkType> {
    let id = args.id;
    if (!id && args.key) {
      const rows = await ctx.em.find(Framework, args.version ? { key: args.key, version: args.version } : { key: args.key }, {
        orderBy: { publishedAt: 'desc' },
        limit: 1,
      });
      id = rows[0]?.id;
      if (!id) throw notFound('Framework', args.version ? `${args.key}@${args.version}` : args.key);
    }
    if (!id || !isUuid(id)) throw notFound('Framework', id);
    return frameworkView(await loadFrameworkTree(ctx.em, id));
  }
}
