import { Arg, Args, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { Mutation } from '../../graphql/mutation';
import { type RequestContext, tenant } from '../../context';
import { ConnectionArgs, connectionOf } from '../../graphql/connection';
import * as members from './members.service';
import { ChangeMemberRoleArgs } from './inputs';
import { MembershipType } from './types';

const MembershipConnection = connectionOf(MembershipType, 'Membership', 'membership');

@Resolver()
export class MembersResolver {
  @Authorized('members:read')
  @Query(() => MembershipConnection, { description: "The organisation's members, in the order they joined." })
  members(@Ctx() ctx: RequestContext, @Args(() => ConnectionArgs) page: ConnectionArgs) {
    return members.listMembers(tenant(ctx), page);
  }

  @Authorized('members:manage')
  @Mutation(() => MembershipType, { description: 'Only an owner grants or takes away OWNER; the last owner stays an owner.' })
  changeMemberRole(@Ctx() ctx: RequestContext, @Args(() => ChangeMemberRoleArgs) args: ChangeMemberRoleArgs): Promise<MembershipType> {
    return members.changeMemberRole(tenant(ctx), args.membershipId, args.role);
  }

  @Authorized('members:manage')
  @Mutation(() => Boolean, { description: 'Remove someone from the organisation; never the last owner.' })
  removeMember(@Ctx() ctx: RequestContext, @Arg('membershipId', () => ID, { description: 'The membership.' }) membershipId: string): Promise<boolean> {
    return members.removeMember(tenant(ctx), membershipId);
  }
}
