import { Args, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import { Mutation } from '../../graphql/mutation';
import type { RequestContext } from '../../context';
import { PUBLIC, SIGNED_IN } from '../../graphql/auth-checker';
import * as auth from './auth.service';
import * as secondFactor from './second-factor.service';
import { ChangePasswordArgs, CompleteSignInArgs, LoginArgs, RequestPasswordResetArgs, ResetPasswordArgs } from './inputs';
import { AuthPayload, Me } from './types';

@Resolver()
export class AuthResolver {
  @Authorized(PUBLIC)
  @Mutation(() => AuthPayload, {
    description:
      'Sign in with email and password; the email is not case-sensitive. Opens a session the server can end, or, for a person with a second factor, answers a challenge for `completeSignIn` instead.',
  })
  login(@Ctx() ctx: RequestContext, @Args(() => LoginArgs) args: LoginArgs): Promise<AuthPayload> {
    return auth.login(ctx, args.email, args.password);
  }

  @Authorized(PUBLIC)
  @Mutation(() => AuthPayload, {
    description:
      "Second step of signing in for a person with a second factor: the challenge from `login` and a current code from their authenticator app, or an unused recovery code (spent). Wrong codes count towards the same lock-out as wrong passwords; a code is accepted once.",
  })
  completeSignIn(@Ctx() ctx: RequestContext, @Args(() => CompleteSignInArgs) args: CompleteSignInArgs): Promise<AuthPayload> {
    return secondFactor.completeSignIn(ctx, args.challenge, args.code, (user) => auth.openSessionFor(ctx, user));
  }

  @Authorized(SIGNED_IN)
  @Query(() => Me, { description: 'Who is asking: the person (or API key), their organisations, and the one this request acts for.' })
  me(@Ctx() ctx: RequestContext): Promise<Me> {
    return auth.me(ctx);
  }

  @Authorized(SIGNED_IN)
  @Mutation(() => Boolean, { description: "Sign out: ends this session on the server at once (its token stops working). A person's session only, not an API key." })
  signOut(@Ctx() ctx: RequestContext): Promise<boolean> {
    return auth.signOut(ctx);
  }

  @Authorized(SIGNED_IN)
  @Mutation(() => Int, { description: "Sign out everywhere: ends every one of the person's sessions, this one included. Returns how many ended." })
  signOutEverywhere(@Ctx() ctx: RequestContext): Promise<number> {
    return auth.signOutEverywhere(ctx);
  }

  @Authorized(SIGNED_IN)
  @Mutation(() => Int, {
    description: 'Change your password, proven by the current one. Every other session ends (this one goes on); returns how many ended.',
  })
  changePassword(@Ctx() ctx: RequestContext, @Args(() => ChangePasswordArgs) args: ChangePasswordArgs): Promise<number> {
    return auth.changePassword(ctx, args.currentPassword, args.newPassword);
  }

  @Authorized(PUBLIC)
  @Mutation(() => Boolean, {
    description: 'Ask for a password reset link by email. Always answers true, whether or not the address has an account; the link works once, for an hour.',
  })
  requestPasswordReset(@Ctx() ctx: RequestContext, @Args(() => RequestPasswordResetArgs) args: RequestPasswordResetArgs): Promise<boolean> {
    return auth.requestPasswordReset(ctx, args.email);
  }

  @Authorized(PUBLIC)
  @Mutation(() => AuthPayload, { description: 'Set a new password with the token of a reset link (once). Ends every session of the person, then signs in with a new one.' })
  resetPassword(@Ctx() ctx: RequestContext, @Args(() => ResetPasswordArgs) args: ResetPasswordArgs): Promise<AuthPayload> {
    return auth.resetPassword(ctx, args.token, args.newPassword);
  }
}
