import { Entity, Property, Unique } from '@mikro-orm/core';
import { TenantEntity } from './base';

/**
 * An erased person's place in one organisation: wherever their answers, notes or audit entries are
 * shown there, they appear as "Former member <number>". Numbers count up per organisation and never
 * change, so the team's history reads the same before and after a later erasure. Written only by
 * `waymark_erase_person` (see the erasure migration); the user id is an opaque key, not personal data.
 */
@Entity({ tableName: 'former_member' })
@Unique({ properties: ['organisationId', 'id'] })
@Unique({ properties: ['organisationId', 'userId'] })
@Unique({ properties: ['organisationId', 'number'] })
export class FormerMember extends TenantEntity {
  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'integer' })
  number!: number;
}
