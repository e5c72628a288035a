import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { type RequestContext, tenant } from '../../context';
import { ConnectionArgs, connectionOf } from '../../graphql/connection';
import { rowsWith } from '../../graphql/loader';
import { Mutation } from '../../graphql/mutation';
import { ConsensusAnswerType } from '../assessments/types';
import { requiredPersonOf } from '../people/reads';
import { PersonType } from '../people/types';
import { evidenceByAssessment, findEvidence, linksByEvidence, listEvidence } from './reads';
import * as evidence from './service';
import { EvidenceInput, EvidenceLinkInput, EvidenceLinkType, type EvidenceRow, EvidenceType } from './types';

const EvidenceConnection = connectionOf(EvidenceType, 'Evidence', 'evidence item');

@Resolver(() => EvidenceType)
export class EvidenceResolver {
  @Authorized('evidence:read')
  @Query(() => EvidenceConnection, { description: "The organisation's evidence library, newest first." })
  evidenceLibrary(@Ctx() ctx: RequestContext, @Args(() => ConnectionArgs) page: ConnectionArgs) {
    return listEvidence(tenant(ctx).db, page);
  }

  @Authorized('evidence:read')
  @Query(() => EvidenceType, { description: 'One evidence item of the library.' })
  evidence(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The evidence item.' }) id: string) {
    return findEvidence(tenant(ctx).db, id);
  }

  @Authorized('evidence:write')
  @Mutation(() => EvidenceType, { description: 'Add an item to the evidence library.' })
  createEvidence(@Ctx() ctx: RequestContext, @Arg('input', () => EvidenceInput, { description: 'The item.' }) input: EvidenceInput) {
    return evidence.createEvidence(tenant(ctx), input);
  }

  @Authorized('evidence:write')
  @Mutation(() => EvidenceType, { description: 'Change an evidence item (every field is replaced).' })
  updateEvidence(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The evidence item.' }) id: string,
    @Arg('input', () => EvidenceInput, { description: 'Its new fields.' }) input: EvidenceInput,
  ) {
    return evidence.updateEvidence(tenant(ctx), id, input);
  }

  @Authorized('evidence:write')
  @Mutation(() => Boolean, { description: 'Delete an evidence item and its links; refused (CONFLICT) while it supports a submitted assessment.' })
  deleteEvidence(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The evidence item.' }) id: string) {
    return evidence.deleteEvidence(tenant(ctx), id);
  }

  @Authorized('evidence:write')
  @Mutation(() => EvidenceLinkType, { description: 'Cite an evidence item for an answer (linking twice changes nothing).' })
  linkEvidence(@Ctx() ctx: RequestContext, @Arg('input', () => EvidenceLinkInput, { description: 'The item and the answer.' }) input: EvidenceLinkInput) {
    return evidence.linkEvidence(tenant(ctx), input);
  }

  @Authorized('evidence:write')
  @Mutation(() => Boolean, { description: 'Stop citing an evidence item for an answer.' })
  unlinkEvidence(@Ctx() ctx: RequestContext, @Arg('input', () => EvidenceLinkInput, { description: 'The item and the answer.' }) input: EvidenceLinkInput) {
    return evidence.unlinkEvidence(tenant(ctx), input);
  }

  @FieldResolver(() => [EvidenceLinkType], { description: 'The answers this item supports.' })
  links(@Root() row: EvidenceRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.of(linksByEvidence).load(row.id);
  }

  @FieldResolver(() => PersonType, { description: 'Who added it.' })
  createdBy(@Root() row: EvidenceRow, @Ctx() ctx: RequestContext) {
    return requiredPersonOf(ctx, row.createdBy);
  }
}

@Resolver(() => ConsensusAnswerType)
export class ConsensusEvidenceResolver {
  @FieldResolver(() => [EvidenceType], { description: 'Evidence cited for this answer.' })
  async evidence(@Root() answer: { assessmentId: string; nodeKey: string }, @Ctx() ctx: RequestContext) {
    return rowsWith(await ctx.loaders.of(evidenceByAssessment).load(answer.assessmentId), 'nodeKey', answer.nodeKey);
  }
}

export const EVIDENCE_RESOLVERS = [EvidenceResolver, ConsensusEvidenceResolver] as const;
