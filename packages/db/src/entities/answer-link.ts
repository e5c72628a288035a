import { Index, Property, Unique } from '@mikro-orm/core';
import { TenantEntity, TenantRef } from './base';
import { Assessment } from './assessment';

/**
 * Something cited for one answer (an assessment and a node key): an evidence item or a partnership.
 * The two kinds differ only in what they cite, so they share this shape and one link service; each
 * keeps its own table so its foreign key can name what it cites.
 */
@Index({ properties: ['organisationId', 'assessmentId', 'nodeKey'] })
@Unique({ properties: ['organisationId', 'id'] })
export abstract class AnswerLink extends TenantEntity {
  @TenantRef(() => Assessment, { fieldName: 'assessment_id' })
  assessmentId!: string;

  @Property({ type: 'string', length: 40 })
  nodeKey!: string;

  @Property({ type: 'uuid' })
  linkedBy!: string;
}
