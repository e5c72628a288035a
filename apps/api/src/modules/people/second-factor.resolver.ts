import { Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { Mutation } from '../../graphql/mutation';
import { type RequestContext, tenant } from '../../context';
import { SIGNED_IN } from '../../graphql/auth-checker';
import * as secondFactor from './second-factor.service';
import { ConfirmSecondFactorArgs, DisableSecondFactorArgs, SecondFactorRequirementArgs } from './inputs';
import { OrganisationType, RecoveryCodes, SecondFactorSetup, SecondFactorStatus } from './types';

/** A person's own second factor (TOTP and recovery codes), and an owner's requirement of it. */
@Resolver()
export class SecondFactorResolver {
  @Authorized(SIGNED_IN)
  @Query(() => SecondFactorStatus, { description: 'Your own second factor: whether it is on and how many recovery codes are left. A person only, not an API key.' })
  secondFactor(@Ctx() ctx: RequestContext): Promise<SecondFactorStatus> {
    return secondFactor.secondFactorStatus(ctx);
  }

  @Authorized(SIGNED_IN)
  @Mutation(() => SecondFactorSetup, {
    description: 'Start setting up an authenticator app: a new key, shown this once. Nothing changes at sign-in until `confirmSecondFactor`. Refused (CONFLICT) while a second factor is on.',
  })
  beginSecondFactorSetup(@Ctx() ctx: RequestContext): Promise<SecondFactorSetup> {
    return secondFactor.beginSetup(ctx);
  }

  @Authorized(SIGNED_IN)
  @Mutation(() => RecoveryCodes, {
    description: 'Turn the second factor on with a current code from the app for the new key. Answers ten single-use recovery codes, shown this once. Wrong codes count towards the sign-in lock-out.',
  })
  confirmSecondFactor(@Ctx() ctx: RequestContext, @Args(() => ConfirmSecondFactorArgs) args: ConfirmSecondFactorArgs): Promise<RecoveryCodes> {
    return secondFactor.confirmSetup(ctx, args.code);
  }

  @Authorized(SIGNED_IN)
  @Mutation(() => Boolean, { description: 'Turn your second factor off, proven by a current code (or a recovery code) or your password. Its recovery codes stop working.' })
  disableSecondFactor(@Ctx() ctx: RequestContext, @Args(() => DisableSecondFactorArgs) args: DisableSecondFactorArgs): Promise<boolean> {
    return secondFactor.disable(ctx, args.code, args.password);
  }

  @Authorized('organisation:manage')
  @Mutation(() => OrganisationType, {
    description:
      "Require (or stop requiring) owners and managers of the active organisation to use a second factor. Those without one are told to set it up and can do nothing for the organisation until they have. Turning it on needs your own second factor first.",
  })
  setSecondFactorRequirement(@Ctx() ctx: RequestContext, @Args(() => SecondFactorRequirementArgs) args: SecondFactorRequirementArgs): Promise<OrganisationType> {
    return secondFactor.setRequirement(tenant(ctx), args.required);
  }
}
