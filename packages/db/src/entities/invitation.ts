import { Entity, Enum, Index, Property, Unique } from '@mikro-orm/core';
import { TenantEntity } from './base';
import { MemberRole } from './enums';

/** An invitation by email. Only a hash of its token is kept; the token is shown once. */
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
}
