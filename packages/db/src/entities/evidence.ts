import { Entity, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { TenantEntity } from './base';
import { Assessment } from './assessment';

/** An item in the organisation's evidence library; one item can support many answers. */
@Entity({ tableName: 'evidence' })
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
@Unique({ properties: ['evidenceId', 'assessmentId', 'nodeKey'] })
@Index({ properties: ['assessmentId', 'nodeKey'] })
export class EvidenceLink extends TenantEntity {
  @ManyToOne({ entity: () => Evidence, mapToPk: true, fieldName: 'evidence_id', deleteRule: 'cascade' })
  evidenceId!: string;

  @ManyToOne({ entity: () => Assessment, mapToPk: true, fieldName: 'assessment_id', deleteRule: 'cascade' })
  assessmentId!: string;

  @Property({ type: 'string', length: 40 })
  nodeKey!: string;

  @Property({ type: 'uuid' })
  linkedBy!: string;
}
