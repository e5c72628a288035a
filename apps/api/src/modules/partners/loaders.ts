import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Partner, PartnerLink } from '@waymark/db';
import type { RequestContext } from '../../context';

function groupedBy<K extends 'assessmentId' | 'partnerId'>(em: EntityManager, key: K) {
  return new DataLoader<string, PartnerLink[]>(async (ids) => {
    const rows = await em.find(PartnerLink, { [key]: { $in: [...ids] } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
    const grouped = new Map<string, PartnerLink[]>();
    for (const row of rows) grouped.set(row[key], [...(grouped.get(row[key]) ?? []), row]);
    return ids.map((id) => grouped.get(id) ?? []);
  });
}

function createPartnerLoaders(em: EntityManager) {
  return {
    linksByAssessment: groupedBy(em, 'assessmentId'),
    linksByPartner: groupedBy(em, 'partnerId'),
    partners: new DataLoader<string, Partner | null>(async (ids) => {
      const rows = new Map((await em.find(Partner, { id: { $in: [...ids] } })).map((r) => [r.id, r]));
      return ids.map((id) => rows.get(id) ?? null);
    }),
  };
}

export type PartnerLoaders = ReturnType<typeof createPartnerLoaders>;

/**
 * The partners module's per-request DataLoaders. They live beside the request's shared loaders
 * (graphql/loaders.ts) rather than in them: keyed weakly on the request's context object, so they
 * are made on first use, share that request's entity manager (tenant filter and row-level security
 * apply) and go when the request does. Nothing outlives a request, so replicas share no state.
 */
const perRequest = new WeakMap<RequestContext, PartnerLoaders>();

export function partnerLoaders(ctx: RequestContext): PartnerLoaders {
  let loaders = perRequest.get(ctx);
  if (!loaders) {
    loaders = createPartnerLoaders(ctx.em);
    perRequest.set(ctx, loaders);
  }
  return loaders;
}
