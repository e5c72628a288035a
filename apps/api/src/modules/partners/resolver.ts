import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Mutation } from '../../graphql/mutation';
import type { Partner } from '@waymark/db';
import { type RequestContext, tenant } from '../../context';
import { PageInput, connectionOf } from '../../graphql/connection';
import { ConsensusAnswerType } from '../assessments/types';
import * as partners from './service';
import {
  CreatePartnerInput,
  PartnerFilter,
  PartnerLinkInput,
  PartnerLinkObject,
  PartnerObject,
  ReviewPartnerArgs,
  UpdatePartnerInput,
} from './types';

const PartnerConnection = connectionOf(PartnerObject, 'Partner');

@Resolver(() => PartnerObject)
export class PartnerResolver {
  @Authorized('partners:read')
  @Query(() => PartnerConnection, { description: "The organisation's partnership register, by name." })
  partners(
    @Ctx() ctx: RequestContext,
    @Arg('page', () => PageInput, { defaultValue: { first: 20 } }) page: PageInput,
    @Arg('filter', () => PartnerFilter, { nullable: true }) filter?: PartnerFilter | null,
  ) {
    return partners.listPartners(tenant(ctx), page, filter);
  }

  @Authorized('partners:read')
  @Query(() => PartnerObject)
  partner(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return partners.getPartner(tenant(ctx), id);
  }

  @Authorized('partners:write')
  @Mutation(() => PartnerObject, { description: 'Add a partnership to the register.' })
  createPartner(@Ctx() ctx: RequestContext, @Arg('input', () => CreatePartnerInput) input: CreatePartnerInput) {
    return partners.createPartner(tenant(ctx), input);
  }

  @Authorized('partners:write')
  @Mutation(() => PartnerObject, { description: 'Change a partnership: only the fields given change.' })
  updatePartner(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Arg('input', () => UpdatePartnerInput) input: UpdatePartnerInput) {
    return partners.updatePartner(tenant(ctx), id, input);
  }

  @Authorized('partners:write')
  @Mutation(() => Boolean, { description: 'Delete a partnership and its links; refused (CONFLICT) while a submitted assessment cites it.' })
  deletePartner(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return partners.deletePartner(tenant(ctx), id);
  }

  @Authorized('partners:write')
  @Mutation(() => PartnerObject, { description: 'Record that the partnership was reviewed today: the next review falls due reviewIntervalDays from today.' })
  reviewPartner(@Ctx() ctx: RequestContext, @Args(() => ReviewPartnerArgs) { id, note }: ReviewPartnerArgs) {
    return partners.reviewPartner(tenant(ctx), id, note);
  }

  @Authorized('partners:write')
  @Mutation(() => PartnerLinkObject, { description: 'Cite a partnership as evidence for an answer (idempotent).' })
  linkPartner(@Ctx() ctx: RequestContext, @Arg('input', () => PartnerLinkInput) input: PartnerLinkInput) {
    return partners.linkPartner(tenant(ctx), input);
  }

  @Authorized('partners:write')
  @Mutation(() => Boolean)
  unlinkPartner(@Ctx() ctx: RequestContext, @Arg('input', () => PartnerLinkInput) input: PartnerLinkInput) {
    return partners.unlinkPartner(tenant(ctx), input);
  }

  @FieldResolver(() => [PartnerLinkObject], { description: 'The answers this partnership is cited for.' })
  links(@Root() row: Partner, @Ctx() ctx: RequestContext) {
    return ctx.loaders.partnerLinksByPartner.load(row.id);
  }
}

@Resolver(() => ConsensusAnswerType)
export class ConsensusPartnersResolver {
  @FieldResolver(() => [PartnerObject], { description: 'Partnerships cited as evidence for this answer, by name.' })
  async partners(@Root() answer: ConsensusAnswerType, @Ctx() ctx: RequestContext) {
    const links = (await ctx.loaders.partnerLinksByAssessment.load(answer.assessmentId)).filter((l) => l.nodeKey === answer.nodeKey);
    const rows = await ctx.loaders.partners.loadMany(links.map((l) => l.partnerId));
    return rows
      .filter((r): r is Partner => r !== null && !(r instanceof Error))
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }
}
