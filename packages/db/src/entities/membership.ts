import { Entity, Enum, ManyToOne, Unique } from '@mikro-orm/core';
import { TenantEntity } from './base';
import { MemberRole } from './enums';
import { User } from './user';

@Entity({ tableName: 'membership' })
@Unique({ properties: ['organisationId', 'userId'] })
@Unique({ properties: ['organisationId', 'id'] })
export class Membership extends TenantEntity {
  @ManyToOne({ entity: () => User, mapToPk: true, fieldName: 'user_id', deleteRule: 'cascade', index: true })
  userId!: string;

  @Enum({ items: () => MemberRole, nativeEnumName: 'member_role' })
  role!: MemberRole;
}
