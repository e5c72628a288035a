import { Arg, Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { type RequestContext, tenant } from '../../context';
import { PUBLIC } from '../../graphql/auth-checker';
import { Mutation } from '../../graphql/mutation';
import { AuthPayload } from '../people/types';
import * as sso from './service';
import { ConfigureSsoInput, DiscoverSsoArgs, FinishSsoSignInArgs, SsoDiscovery, SsoSettings } from './types';

@Resolver()
export class SsoResolver {
  @Authorized('organisation:manage')
  @Query(() => SsoSettings, { nullable: true, description: "The organisation's single sign-on settings (owners); null when none are saved." })
  ssoSettings(@Ctx() ctx: RequestContext): Promise<SsoSettings | null> {
    return sso.readSettings(tenant(ctx));
  }

  @Authorized('organisation:manage')
  @Mutation(() => SsoSettings, {
    description: "Save the organisation's identity provider (owners). An OpenID Connect issuer must answer discovery; a domain already used by another organisation is a CONFLICT.",
  })
  configureSso(@Ctx() ctx: RequestContext, @Arg('input', () => ConfigureSsoInput, { description: 'The settings.' }) input: ConfigureSsoInput): Promise<SsoSettings> {
    return sso.configure(tenant(ctx), input);
  }

  @Authorized(PUBLIC)
  @Query(() => SsoDiscovery, {
    nullable: true,
    description: "Whether an email address signs in through its organisation's own identity provider (by its domain), and where to begin; null when not.",
  })
  ssoDiscovery(@Ctx() ctx: RequestContext, @Args(() => DiscoverSsoArgs) args: DiscoverSsoArgs): Promise<SsoDiscovery | null> {
    return sso.discover(ctx, args.email);
  }

  @Authorized(PUBLIC)
  @Mutation(() => AuthPayload, {
    description: "Finish a sign-in through the organisation's identity provider: exchange the one-time code (once, within two minutes) for a session, as after a password sign-in.",
  })
  finishSsoSignIn(@Ctx() ctx: RequestContext, @Args(() => FinishSsoSignInArgs) args: FinishSsoSignInArgs): Promise<AuthPayload> {
    return sso.finishSignIn(ctx, args.code);
  }
}

export const SSO_RESOLVERS = [SsoResolver] as const;
