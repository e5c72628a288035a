import { Arg, Authorized, Ctx, ID, Resolver } from 'type-graphql';
import { Mutation } from '../../graphql/mutation';
import { SIGNED_IN } from '../../graphql/auth-checker';
import { type RequestContext, tenant } from '../../context';
import * as erasure from './erasure.service';
import { ErasedPerson, OrganisationDeletion } from './types';

@Resolver()
export class ErasureResolver {
  @Authorized('organisation:manage')
  @Mutation(() => ErasedPerson, {
    description:
      'Erase a member for good (owners only, and only when every organisation the person belongs to is one you own): their sessions end, ' +
      'their memberships and invitations go, and their name and email are replaced by "Former member N" wherever they appear; their answers, notes and plan work stay.',
  })
  erasePerson(
    @Ctx() ctx: RequestContext,
    @Arg('membershipId', () => ID, { description: 'Their membership in the organisation you act for.' }) membershipId: string,
  ): Promise<ErasedPerson> {
    return erasure.erasePerson(tenant(ctx), membershipId);
  }

  @Authorized(SIGNED_IN)
  @Mutation(() => Boolean, {
    description:
      'Erase your own account for good: every session ends and you cannot sign in again; each organisation shows you as "Former member N". ' +
      'The last owner of an organisation must hand it over or delete it first.',
  })
  eraseMyAccount(
    @Ctx() ctx: RequestContext,
    @Arg('password', () => String, { description: 'Your password, to confirm it is you.' }) password: string,
  ): Promise<boolean> {
    return erasure.eraseMyAccount(ctx, password);
  }

  @Authorized('organisation:manage')
  @Mutation(() => OrganisationDeletion, {
    description:
      `Delete the organisation you act for and everything it owns (owners only). Download its export first (GET /exports/organisation.json, ` +
      `within ${erasure.EXPORT_FRESH_DAYS} days) or set exportDeclined. Its API keys, webhooks and calendar feeds stop at once and it leaves every future benchmark.`,
  })
  deleteOrganisation(
    @Ctx() ctx: RequestContext,
    @Arg('confirmName', () => String, { description: "The organisation's name, typed to confirm." }) confirmName: string,
    @Arg('exportDeclined', () => Boolean, { defaultValue: false, description: 'True to delete without a recent export: you do not want a copy.' }) exportDeclined: boolean,
  ): Promise<OrganisationDeletion> {
    return erasure.deleteOrganisation(tenant(ctx), confirmName, exportDeclined);
  }
}
