import { Entity, Enum, Index, ManyToOne, type Opt, Property, Unique } from '@mikro-orm/core';
import { TenantEntity, TenantRef } from './base';
import { AssessmentStatus } from './enums';
import { Framework } from './framework';

/** One organisation's self-assessment against one framework version for one cycle (e.g. "2026"). */
@Entity({ tableName: 'assessment' })
@Unique({ properties: ['organisationId', 'frameworkId', 'cycle'] })
@Unique({ properties: ['organisationId', 'id'] })
@Index({ properties: ['organisationId', 'createdAt', 'id'] })
export class Assessment extends TenantEntity {
  @ManyToOne({ entity: () => Framework, mapToPk: true, fieldName: 'framework_id', deleteRule: 'restrict' })
  frameworkId!: string;

  @Property({ type: 'string', length: 40 })
  cycle!: string;

  @Enum({ items: () => AssessmentStatus, nativeEnumName: 'assessment_status' })
  status: AssessmentStatus & Opt = AssessmentStatus.DRAFT;

  @Property({ type: 'date', nullable: true })
  dueOn: string | null = null;

  /** The cycle this one was started from, so plans and progress can follow an organisation over years. */
  @TenantRef(() => Assessment, { fieldName: 'previous_id', nullable: true })
  previousId: string | null = null;

  @Property({ type: 'uuid' })
  createdBy!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  submittedAt: Date | null = null;

  @Property({ type: 'uuid', nullable: true })
  submittedBy: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}

/** Why and by whom a submitted assessment was reopened; kept for good. */
@Entity({ tableName: 'assessment_reopening' })
@Unique({ properties: ['organisationId', 'id'] })
@Index({ properties: ['organisationId', 'assessmentId'] })
export class AssessmentReopening extends TenantEntity {
  @TenantRef(() => Assessment, { fieldName: 'assessment_id' })
  assessmentId!: string;

  @Property({ type: 'text' })
  reason!: string;

  @Property({ type: 'uuid' })
  reopenedBy!: string;
}
