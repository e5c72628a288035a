import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { type RequestContext, tenant } from '../../context';
import { ConnectionArgs, connectionOf } from '../../graphql/connection';
import { rowsWith } from '../../graphql/loader';
import { Mutation } from '../../graphql/mutation';
import { ConsensusAnswerType } from '../assessments/types';
import { findPartner, linksByPartner, listPartners, partnersByAssessment } from './reads';
import * as partners from './service';
import {
  CreatePartnerInput,
  PartnerFilter,
  PartnerLinkInput,
  PartnerLinkObject,
  PartnerObject,
  type PartnerRow,
  ReviewPartnerArgs,
  UpdatePartnerInput,
} from './types';

const PartnerConnection = connectionOf(PartnerObject, 'Partner', 'partnership');

@Resolver(() => PartnerObject)
export class PartnerResolver {
  @Authorized('partners:read')
  @Query(() => PartnerConnection, { description: "The organisation's partnership register, by name." })
  partners(
    @Ctx() ctx: RequestContext,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filter', () => PartnerFilter, { nullable: true, description: 'Which partnerships.' }) filter?: PartnerFilter | null,
  ) {
    return listPartners(tenant(ctx).db, page, filter);
  }

  @Authorized('partners:read')
  @Query(() => PartnerObject, { description: 'One partnership of the register.' })
  partner(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The partnership.' }) id: string) {
    return findPartner(tenant(ctx).db, id);
  }

  @Authorized('partners:write')
  @Mutation(() => PartnerObject, { description: 'Add a partnership to the register.' })
  createPartner(@Ctx() ctx: RequestContext, @Arg('input', () => CreatePartnerInput, { description: 'The partnership.' }) input: CreatePartnerInput) {
    return partners.createPartner(tenant(ctx), input);
  }

  @Authorized('partners:write')
  @Mutation(() => PartnerObject, { description: 'Change a partnership: only the fields given change.' })
  updatePartner(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The partnership.' }) id: string,
    @Arg('input', () => UpdatePartnerInput, { description: 'The fields to change.' }) input: UpdatePartnerInput,
  ) {
    return partners.updatePartner(tenant(ctx), id, input);
  }

  @Authorized('partners:write')
  @Mutation(() => Boolean, { description: 'Delete a partnership and its links; refused (CONFLICT) while a submitted assessment cites it.' })
  deletePartner(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The partnership.' }) id: string) {
    return partners.deletePartner(tenant(ctx), id);
  }

  @Authorized('partners:write')
  @Mutation(() => PartnerObject, { description: 'Record that the partnership was reviewed today: the next review falls due reviewIntervalDays from today.' })
  reviewPartner(@Ctx() ctx: RequestContext, @Args(() => ReviewPartnerArgs) { id, note }: ReviewPartnerArgs) {
    return partners.reviewPartner(tenant(ctx), id, note);
  }

  @Authorized('partners:write')
  @Mutation(() => PartnerLinkObject, { description: 'Cite a partnership as evidence for an answer (citing twice changes nothing).' })
  linkPartner(@Ctx() ctx: RequestContext, @Arg('input', () => PartnerLinkInput, { description: 'The partnership and the answer.' }) input: PartnerLinkInput) {
    return partners.linkPartner(tenant(ctx), input);
  }

  @Authorized('partners:write')
  @Mutation(() => Boolean, { description: 'Stop citing a partnership for an answer.' })
  unlinkPartner(@Ctx() ctx: RequestContext, @Arg('input', () => PartnerLinkInput, { description: 'The partnership and the answer.' }) input: PartnerLinkInput) {
    return partners.unlinkPartner(tenant(ctx), input);
  }

  @FieldResolver(() => [PartnerLinkObject], { description: 'The answers this partnership is cited for.' })
  links(@Root() row: PartnerRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.of(linksByPartner).load(row.id);
  }
}

@Resolver(() => ConsensusAnswerType)
export class ConsensusPartnersResolver {
  @FieldResolver(() => [PartnerObject], { description: 'Partnerships cited as evidence for this answer, by name.' })
  async partners(@Root() answer: { assessmentId: string; nodeKey: string }, @Ctx() ctx: RequestContext) {
    return rowsWith(await ctx.loaders.of(partnersByAssessment).load(answer.assessmentId), 'nodeKey', answer.nodeKey);
  }
}

/** The partnership register, and the partnerships cited on an assessment's agreed answers. */
export const PARTNER_RESOLVERS = [PartnerResolver, ConsensusPartnersResolver] as const;
