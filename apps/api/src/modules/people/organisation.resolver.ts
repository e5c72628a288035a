import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { Mutation } from '../../graphql/mutation';
import { type RequestContext, tenant } from '../../context';
import * as organisations from './organisation.service';
import { UpdateOrganisationInput } from './inputs';
import { OrganisationType } from './types';

@Resolver()
export class OrganisationResolver {
  @Authorized('organisation:read')
  @Query(() => OrganisationType, { description: 'The organisation this request acts for.' })
  organisation(@Ctx() ctx: RequestContext): Promise<OrganisationType> {
    return organisations.getOrganisation(tenant(ctx));
  }

  @Authorized('organisation:manage')
  @Mutation(() => OrganisationType, { description: "Change the active organisation's details." })
  updateOrganisation(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => UpdateOrganisationInput, { description: 'The fields to change.' }) input: UpdateOrganisationInput,
  ): Promise<OrganisationType> {
    return organisations.updateOrganisation(tenant(ctx), input);
  }
}
