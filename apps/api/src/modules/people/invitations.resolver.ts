import { Arg, Args, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { Mutation } from '../../graphql/mutation';
import type { Invitation } from '@waymark/db';
import { type RequestContext, tenant } from '../../context';
import { PUBLIC } from '../../graphql/auth-checker';
import { ConnectionArgs, connectionOf } from '../../graphql/connection';
import * as invitations from './invitations.service';
import { AcceptInvitationArgs, InviteMemberArgs } from './inputs';
import { AuthPayload, InvitationType } from './types';

const InvitationConnection = connectionOf(InvitationType, 'Invitation', 'invitation');

@Resolver()
export class InvitationsResolver {
  @Authorized('members:read')
  @Query(() => InvitationConnection, { description: 'Invitations sent by this organisation, newest first.' })
  invitations(@Ctx() ctx: RequestContext, @Args(() => ConnectionArgs) page: ConnectionArgs) {
    return invitations.listInvitations(tenant(ctx), page);
  }

  @Authorized('members:manage')
  @Mutation(() => InvitationType, {
    description: 'Invite someone by email: Waymark emails them a link to join that works for 14 days. The link is never shown here.',
  })
  inviteMember(@Ctx() ctx: RequestContext, @Args(() => InviteMemberArgs) args: InviteMemberArgs): Promise<Invitation> {
    return invitations.inviteMember(tenant(ctx), args.email, args.role);
  }

  @Authorized('members:manage')
  @Mutation(() => InvitationType, { description: 'Email a pending or expired invitation again, with a new link for 14 days; the old link stops working.' })
  resendInvitation(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'Its id.' }) id: string): Promise<Invitation> {
    return invitations.resendInvitation(tenant(ctx), id);
  }

  @Authorized('members:manage')
  @Mutation(() => InvitationType, { description: 'Withdraw a pending invitation; its token stops working.' })
  revokeInvitation(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'Its id.' }) id: string): Promise<Invitation> {
    return invitations.revokeInvitation(tenant(ctx), id);
  }

  @Authorized(PUBLIC)
  @Mutation(() => AuthPayload, {
    description:
      'Join with the token of an emailed invitation link: a new person gives a name and a password; someone with an account signs in first (or gives its password).',
  })
  acceptInvitation(@Ctx() ctx: RequestContext, @Args(() => AcceptInvitationArgs) args: AcceptInvitationArgs): Promise<AuthPayload> {
    return invitations.acceptInvitation(ctx, args);
  }
}
