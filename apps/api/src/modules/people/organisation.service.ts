import { Organisation, Region } from '@waymark/db';
import { badInput, notFound } from '@waymark/domain';
import type { TenantContext } from '../../context';
import { audit, snapshot } from '../../graphql/audit';
import type { UpdateOrganisationInput } from './inputs';
import type { OrganisationType } from './types';

/** The organisation the request acts for; the id comes from the credential, never an argument. */
export async function activeOrganisation(ctx: TenantContext): Promise<Organisation> {
  const org = await ctx.em.findOne(Organisation, { id: ctx.organisationId });
  if (!org) throw notFound('Organisation', ctx.organisationId);
  return org;
}

export async function organisationView(ctx: TenantContext, org: Organisation): Promise<OrganisationType> {
  const region = org.regionId ? await ctx.em.findOne(Region, { id: org.regionId }) : null;
  return {
    id: org.id,
    name: org.name,
    slug: org.slug,
    kind: org.kind,
    region: region ? { id: region.id, code: region.code, name: region.name } : null,
    sizeBand: org.sizeBand,
    governance: org.governance,
    timeZone: org.timeZone,
    benchmarkingConsent: org.benchmarkingConsent,
    createdAt: org.createdAt,
  };
}

export async function getOrganisation(ctx: TenantContext): Promise<OrganisationType> {
  return organisationView(ctx, await activeOrganisation(ctx));
}

export async function updateOrganisation(ctx: TenantContext, input: UpdateOrganisationInput): Promise<OrganisationType> {
  if (input.name !== undefined && input.name !== null && !input.name.trim()) throw badInput('name', 'must not be blank');
  const org = await activeOrganisation(ctx);
  const before = snapshot(org);
  const changes = {
    name: input.name?.trim(),
    sizeBand: input.sizeBand,
    governance: input.governance,
    timeZone: input.timeZone,
    benchmarkingConsent: input.benchmarkingConsent,
  };
  for (const [key, value] of Object.entries(changes)) {
    // GraphQL null means "not given" here: none of these may be cleared.
    if (value !== undefined && value !== null) Object.assign(org, { [key]: value });
  }
  audit(ctx, 'organisation.update', 'Organisation', org.id, before, snapshot(org));
  await ctx.em.flush();
  return organisationView(ctx, org);
}
