import { Arg, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Mutation } from '../../graphql/mutation';
import { Evidence, EvidenceLink } from '@waymark/db';
import { type RequestContext, tenant } from '../../context';
import { PageInput, connectionOf } from '../../graphql/connection';
import { paginate } from '../../graphql/paginate';
import { ConsensusAnswerType } from '../assessments/types';
import * as evidence from './service';
import { EvidenceInput, EvidenceLinkInput, EvidenceLinkType, EvidenceType } from './types';

const EvidenceConnection = connectionOf(EvidenceType, 'Evidence');

@Resolver(() => EvidenceType)
export class EvidenceResolver {
  @Authorized('evidence:read')
  @Query(() => EvidenceConnection, { description: "The organisation's evidence library, newest first." })
  evidenceLibrary(@Ctx() ctx: RequestContext, @Arg('page', () => PageInput, { defaultValue: { first: 20 } }) page: PageInput) {
    const t = tenant(ctx);
    return paginate(t.em, Evidence, { organisationId: t.organisationId }, page, { direction: 'desc' });
  }

  @Authorized('evidence:read')
  @Query(() => EvidenceType)
  evidence(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return evidence.getEvidence(tenant(ctx), id);
  }

  @Authorized('evidence:write')
  @Mutation(() => EvidenceType)
  createEvidence(@Ctx() ctx: RequestContext, @Arg('input', () => EvidenceInput) input: EvidenceInput) {
    return evidence.createEvidence(tenant(ctx), input);
  }

  @Authorized('evidence:write')
  @Mutation(() => EvidenceType)
  updateEvidence(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Arg('input', () => EvidenceInput) input: EvidenceInput) {
    return evidence.updateEvidence(tenant(ctx), id, input);
  }

  @Authorized('evidence:write')
  @Mutation(() => Boolean, { description: 'Delete an evidence item and its links; refused while it supports a submitted assessment.' })
  deleteEvidence(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return evidence.deleteEvidence(tenant(ctx), id);
  }

  @Authorized('evidence:write')
  @Mutation(() => EvidenceLinkType, { description: 'Link an evidence item to an answer (idempotent).' })
  linkEvidence(@Ctx() ctx: RequestContext, @Arg('input', () => EvidenceLinkInput) input: EvidenceLinkInput) {
    return evidence.linkEvidence(tenant(ctx), input);
  }

  @Authorized('evidence:write')
  @Mutation(() => Boolean)
  unlinkEvidence(@Ctx() ctx: RequestContext, @Arg('input', () => EvidenceLinkInput) input: EvidenceLinkInput) {
    return evidence.unlinkEvidence(tenant(ctx), input);
  }

  @FieldResolver(() => [EvidenceLinkType], { description: 'The answers this item supports.' })
  links(@Root() row: Evidence, @Ctx() ctx: RequestContext) {
    return ctx.em.find(EvidenceLink, { evidenceId: row.id }, { orderBy: { createdAt: 'asc' } });
  }
}

@Resolver(() => ConsensusAnswerType)
export class ConsensusEvidenceResolver {
  @FieldResolver(() => [EvidenceType], { description: 'Evidence linked to this answer.' })
  async evidence(@Root() answer: ConsensusAnswerType, @Ctx() ctx: RequestContext) {
    const links = (await ctx.loaders.evidenceLinks.load(answer.assessmentId)).filter((l) => l.nodeKey === answer.nodeKey);
    const rows = await ctx.loaders.evidence.loadMany(links.map((l) => l.evidenceId));
    return rows.filter((r): r is Evidence => r !== null && !(r instanceof Error));
  }
}
