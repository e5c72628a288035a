import { randomUUID } from 'node:crypto';
import { ManyToOne, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { Organisation } from './organisation';

export abstract class BaseEntity {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}

/**
 * Every row an organisation owns carries its id. The ORM's `tenant` filter narrows every find to
 * the request's organisation; PostgreSQL row-level security on the same column is the second wall.
 */
export abstract class TenantEntity extends BaseEntity {
  @ManyToOne({ entity: () => Organisation, mapToPk: true, fieldName: 'organisation_id', deleteRule: 'cascade', index: true })
  organisationId!: string;
}
