import { Entity, Index, Property, Unique } from '@mikro-orm/core';
import { TenantEntity, TenantRef } from './base';
import { AnswerLink } from './answer-link';

/** An item in the organisation's evidence library; one item can support many answers. */
@Entity({ tableName: 'evidence' })
@Unique({ properties: ['organisationId', 'id'] })
@Index({ properties: ['organisationId', 'createdAt', 'id'] })
export class Evidence extends TenantEntity {
  @Property({ type: 'string', length: 300 })
  title!: string;

  @Property({ type: 'string', length: 2000, nullable: true })
  url: string | null = null;

  @Property({ type: 'string', length: 500, nullable: true })
  fileReference: string | null = null;

  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  @Property({ type: 'date' })
  evidenceDate!: string;

  @Property({ type: 'date', nullable: true })
  expiresOn: string | null = null;

  @Property({ type: 'uuid' })
  createdBy!: string;
}

/** Links an evidence item to one answer (assessment + node key). */
@Entity({ tableName: 'evidence_link' })
@Unique({ properties: ['organisationId', 'evidenceId', 'assessmentId', 'nodeKey'] })
export class EvidenceLink extends AnswerLink {
  @TenantRef(() => Evidence, { fieldName: 'evidence_id' })
  evidenceId!: string;
}
