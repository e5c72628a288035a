import { Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { Mutation } from '../../graphql/mutation';
import type { RequestContext } from '../../context';
import { PUBLIC, SIGNED_IN } from '../../graphql/auth-checker';
import * as auth from './auth.service';
import { LoginArgs } from './inputs';
import { AuthPayload, Me } from './types';

@Resolver()
export class AuthResolver {
  @Authorized(PUBLIC)
  @Mutation(() => AuthPayload, { description: 'Sign in with email and password; the email is not case-sensitive.' })
  login(@Ctx() ctx: RequestContext, @Args(() => LoginArgs) args: LoginArgs): Promise<AuthPayload> {
    return auth.login(ctx, args.email, args.password);
  }

  @Authorized(SIGNED_IN)
  @Query(() => Me, { description: 'Who is asking: the person (or API key), their organisations, and the one this request acts for.' })
  me(@Ctx() ctx: RequestContext): Promise<Me> {
    return auth.me(ctx);
  }
}
