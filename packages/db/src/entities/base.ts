import { randomUUID } from 'node:crypto';
import { type EntityName, ManyToOne, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { Organisation } from './organisation';

export abstract class BaseEntity {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}

/**
 * Every row an organisation owns carries its id. The ORM's `tenant` filter narrows every find to
 * the request's organisation; PostgreSQL row-level security on the same column is the second wall;
 * composite foreign keys (TenantRef) are the third. Each tenant table also has a unique
 * (organisation_id, id), which those keys reference (and which a distributed PostgreSQL such as
 * Citus needs). The index it makes serves lookups by organisation, so none is made for the column alone.
 */
export abstract class TenantEntity extends BaseEntity {
  @ManyToOne({ entity: () => Organisation, mapToPk: true, fieldName: 'organisation_id', deleteRule: 'cascade' })
  organisationId!: string;
}

type RefOptions = { fieldName: string; nullable?: boolean; index?: boolean };

/**
 * A reference from one tenant row to another row of the same organisation. The ORM knows the
 * relation (so it orders inserts) but does not make the foreign key: the migrations make a composite
 * one, `(organisation_id, <column>) references <table> (organisation_id, id)`, so PostgreSQL itself
 * refuses a reference across organisations. `migrationNeeded` knows these keys by their
 * `_tenant_fk` suffix.
 */
export function TenantRef(entity: () => EntityName<object>, options: RefOptions): PropertyDecorator {
  return ManyToOne({ entity, mapToPk: true, createForeignKeyConstraint: false, nullable: options.nullable ?? false, ...options }) as PropertyDecorator;
}
