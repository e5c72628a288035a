import { Organisation } from '@waymark/db';
import { notFound } from '@waymark/domain';
import type { TenantContext } from '../../context';
import { audit, snapshot } from '../../graphql/audit';
import type { UpdateOrganisationInput } from './inputs';
import type { OrganisationType } from './types';

/** The organisation the request acts for; the id comes from the credential, never an argument. */
export async function getOrganisation(ctx: TenantContext): Promise<OrganisationType> {
  // The scope narrows `organisation` to the one in scope.
  const row = await ctx.db.sql
    .selectFrom('organisation as o')
    .leftJoin('region as r', 'r.id', 'o.regionId')
    .select([
      'o.id', 'o.name', 'o.slug', 'o.kind', 'o.sizeBand', 'o.governance', 'o.timeZone', 'o.locale', 'o.benchmarkingConsent', 'o.requireSecondFactor', 'o.createdAt',
      'r.id as regionId', 'r.code as regionCode', 'r.name as regionName',
    ])
    .executeTakeFirst();
  if (!row) throw notFound('Organisation', ctx.organisationId);
  const { regionId, regionCode, regionName, ...org } = row;
  return { ...org, region: regionId ? { id: regionId, code: regionCode!, name: regionName! } : null };
}

export async function activeOrganisation(ctx: TenantContext): Promise<Organisation> {
  const org = await ctx.em.findOne(Organisation, { id: ctx.organisationId });
  if (!org) throw notFound('Organisation', ctx.organisationId);
  return org;
}

export async function updateOrganisation(ctx: TenantContext, input: UpdateOrganisationInput): Promise<OrganisationType> {
  const org = await activeOrganisation(ctx);
  const before = snapshot(org);
  const changes = {
    name: input.name,
    sizeBand: input.sizeBand,
    governance: input.governance,
    timeZone: input.timeZone,
    locale: input.locale,
    benchmarkingConsent: input.benchmarkingConsent,
  };
  for (const [key, value] of Object.entries(changes)) {
    // GraphQL null means "not given" here: none of these may be cleared.
    if (value !== undefined && value !== null) Object.assign(org, { [key]: value });
  }
  audit(ctx, 'organisation.update', 'Organisation', org.id, before, snapshot(org));
  await ctx.em.flush();
  return getOrganisation(ctx);
}
