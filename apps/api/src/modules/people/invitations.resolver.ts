import { Arg, Args, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { Mutation } from '../../graphql/mutation';
import type { Invitation } from '@waymark/db';
import { type RequestContext, tenant } from '../../context';
import { PUBLIC } from '../../graphql/auth-checker';
import { PageInput, connectionOf } from '../../graphql/connection';
import * as invitations from './invitations.service';
import { AcceptInvitationArgs, InviteMemberArgs } from './inputs';
import { AuthPayload, InvitationType, InvitationWithToken } from './types';

const InvitationConnection = connectionOf(InvitationType, 'Invitation', 'invitation');

@Resolver()
export class InvitationsResolver {
  @Authorized('members:read')
  @Query(() => InvitationConnection, { description: 'Invitations sent by this organisation, newest first.' })
  invitations(@Ctx() ctx: RequestContext, @Arg('page', () => PageInput, { defaultValue: { first: 20 }, description: 'Which page.' }) page: PageInput) {
    return invitations.listInvitations(tenant(ctx), page);
  }

  @Authorized('members:manage')
  @Mutation(() => InvitationWithToken, { description: 'Invite someone by email; the token is shown once and lasts 14 days.' })
  inviteMember(@Ctx() ctx: RequestContext, @Args(() => InviteMemberArgs) args: InviteMemberArgs): Promise<InvitationWithToken> {
    return invitations.inviteMember(tenant(ctx), args.email, args.role);
  }

  @Authorized('members:manage')
  @Mutation(() => InvitationType, { description: 'Withdraw a pending invitation; its token stops working.' })
  revokeInvitation(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'Its id.' }) id: string): Promise<Invitation> {
    return invitations.revokeInvitation(tenant(ctx), id);
  }

  @Authorized(PUBLIC)
  @Mutation(() => AuthPayload, {
    description: "Join with an invitation token: an existing account gives its password; a new one gives a name and a password.",
  })
  acceptInvitation(@Ctx() ctx: RequestContext, @Args(() => AcceptInvitationArgs) args: AcceptInvitationArgs): Promise<AuthPayload> {
    return invitations.acceptInvitation(ctx, args);
  }
}
