import { Entity, Enum, Index, type Opt, Property, Unique } from '@mikro-orm/core';
import { TenantEntity } from './base';
import { MemberRole } from './enums';

/**
 * An invitation by email. Only a hash of its link's token is kept; the token itself is never shown:
 * the worker derives it again to write the email. A resend counts `sends` up, which makes a new link
 * and kills the old one.
 */
@Entity({ tableName: 'invitation' })
@Unique({ properties: ['organisationId', 'id'] })
@Index({ properties: ['organisationId', 'email'] })
export class Invitation extends TenantEntity {
  @Property({ type: 'string', length: 320 })
  email!: string;

  @Enum({ items: () => MemberRole, nativeEnumName: 'member_role' })
  role!: MemberRole;

  @Property({ type: 'string', length: 64, hidden: true })
  tokenHash!: string;

  @Property({ type: 'uuid' })
  invitedBy!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  acceptedAt: Date | null = null;

  @Property({ type: 'uuid', nullable: true })
  acceptedBy: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  revokedAt: Date | null = null;

  /** How many times it has been sent (1, then one more per resend): the link of the latest send alone works. */
  @Property({ type: 'integer', default: 1 })
  sends: number & Opt = 1;
}
