import { Entity, Enum, Index, type Opt, Property, Unique } from '@mikro-orm/core';
import { TenantEntity } from './base';
import { AnswerLink } from './answer-link';
import { TenantRef } from './base';
import { PartnerStatus, PartnerType } from './enums';

/** The partnership register: who the organisation works with, what each side brings, when to review. */
@Entity({ tableName: 'partner' })
@Unique({ properties: ['organisationId', 'id'] })
@Index({ properties: ['organisationId', 'nextReviewOn'] })
export class Partner extends TenantEntity {
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Enum({ items: () => PartnerType, nativeEnumName: 'partner_type' })
  partnerType!: PartnerType;

  @Property({ type: 'string', length: 200, nullable: true })
  contactName: string | null = null;

  @Property({ type: 'string', length: 320, nullable: true })
  contactEmail: string | null = null;

  @Property({ type: 'string', length: 60, nullable: true })
  contactPhone: string | null = null;

  @Property({ type: 'text', nullable: true })
  theyBring: string | null = null;

  @Property({ type: 'text', nullable: true })
  weBring: string | null = null;

  @Enum({ items: () => PartnerStatus, nativeEnumName: 'partner_status' })
  status: PartnerStatus & Opt = PartnerStatus.ACTIVE;

  @Property({ type: 'date', nullable: true })
  startDate: string | null = null;

  @Property({ type: 'date', nullable: true })
  nextReviewOn: string | null = null;

  @Property({ type: 'integer', nullable: true })
  reviewIntervalDays: number | null = null;

  @Property({ type: 'text', nullable: true })
  notes: string | null = null;

  @Property({ type: 'uuid' })
  createdBy!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}

/** A partnership cited as evidence for an answer (elements 3.1-3.3). */
@Entity({ tableName: 'partner_link' })
@Unique({ properties: ['organisationId', 'partnerId', 'assessmentId', 'nodeKey'] })
export class PartnerLink extends AnswerLink {
  @TenantRef(() => Partner, { fieldName: 'partner_id' })
  partnerId!: string;
}
