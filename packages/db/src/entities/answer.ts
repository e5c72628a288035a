import { Entity, type Opt, Property, Unique } from '@mikro-orm/core';
import { TenantEntity, TenantRef } from './base';
import { Assessment } from './assessment';

/**
 * Answers are keyed by the framework node's stable key, so they survive a new framework version
 * through a crosswalk. `value` is YES / STARTED / NO for parts and YES / NO / NOT_APPLICABLE for
 * prompts; the service checks which scale applies to which key.
 */
abstract class AnswerFields extends TenantEntity {
  @TenantRef(() => Assessment, { fieldName: 'assessment_id' })
  assessmentId!: string;

  @Property({ type: 'string', length: 40 })
  nodeKey!: string;

  @Property({ type: 'string', length: 20 })
  value!: string;

  @Property({ type: 'boolean' })
  areaForImprovement: boolean & Opt = false;

  @Property({ type: 'text', nullable: true })
  note: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}

/** One assessor's own view of one item. */
@Entity({ tableName: 'assessor_answer' })
@Unique({ properties: ['organisationId', 'assessmentId', 'nodeKey', 'userId'] })
@Unique({ properties: ['organisationId', 'id'] })
export class AssessorAnswer extends AnswerFields {
  @Property({ type: 'uuid' })
  userId!: string;
}

/** The team's agreed answer: the only one that counts for scores. */
@Entity({ tableName: 'consensus_answer' })
@Unique({ properties: ['organisationId', 'assessmentId', 'nodeKey'] })
@Unique({ properties: ['organisationId', 'id'] })
export class ConsensusAnswer extends AnswerFields {
  @Property({ type: 'uuid' })
  setBy!: string;

  /**
   * Carried into a new framework version onto a node whose question changed (split, merged or
   * reworded): the team should look at it again. Setting the agreed answer clears it.
   */
  @Property({ type: 'boolean' })
  needsReview: boolean & Opt = false;
}
