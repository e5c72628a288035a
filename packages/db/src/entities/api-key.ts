import { Entity, Property, Unique } from '@mikro-orm/core';
import { TenantEntity } from './base';

/** A machine credential for one organisation. Only a hash of the secret is kept. */
@Entity({ tableName: 'api_key' })
@Unique({ properties: ['organisationId', 'id'] })
export class ApiKey extends TenantEntity {
  @Property({ type: 'string', length: 200 })
  name!: string;

  /** The first characters of the secret, shown in lists so people can tell keys apart. */
  @Property({ type: 'string', length: 16 })
  prefix!: string;

  @Property({ type: 'string', length: 64, hidden: true })
  secretHash!: string;

  @Property({ type: 'text[]' })
  scopes!: string[];

  @Property({ type: 'uuid' })
  createdBy!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  lastUsedAt: Date | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  revokedAt: Date | null = null;
}
