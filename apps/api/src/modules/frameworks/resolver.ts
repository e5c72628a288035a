import { Args, ArgsType, Authorized, Ctx, Field, ID, Query, Resolver } from 'type-graphql';
import { IsOptional } from 'class-validator';
import type { RequestContext } from '../../context';
import { ConnectionArgs, connectionOf } from '../../graphql/connection';
import { Text } from '../../graphql/text';
import { FrameworkSummary, FrameworkType } from './types';
import { findFramework, frameworkView, listFrameworks } from './reads';

const FrameworkConnection = connectionOf(FrameworkSummary, 'Framework', 'framework version');

@ArgsType()
class FrameworkLookup {
  @Field(() => ID, { nullable: true, description: 'A framework version by its id.' }) @IsOptional() id?: string;
  @Field(() => String, { nullable: true, description: 'A framework by its key, e.g. "inspiring-learning-partnerships".' })
  @IsOptional()
  @Text({ max: 100 })
  key?: string;
  @Field(() => String, { nullable: true, description: 'With `key`: this version; defaults to the newest published one.' })
  @IsOptional()
  @Text({ max: 40 })
  version?: string;
}

@Resolver()
export class FrameworkResolver {
  @Authorized('frameworks:read')
  @Query(() => FrameworkConnection, { description: 'Published framework versions, oldest first.' })
  frameworks(
    @Ctx() ctx: RequestContext,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
  ) {
    return listFrameworks(ctx.db, page);
  }

  @Authorized('frameworks:read')
  @Query(() => FrameworkType, { description: 'One framework version with its full tree, by id or by key (and version).' })
  async framework(@Ctx() ctx: RequestContext, @Args(() => FrameworkLookup) args: FrameworkLookup): Promise<FrameworkType> {
    return frameworkView(await findFramework(ctx.db, args));
  }
}
