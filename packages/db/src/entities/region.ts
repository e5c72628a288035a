import { randomUUID } from 'node:crypto';
import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** Shared reference data: the areas regional bodies and benchmarks are organised by. */
@Entity({ tableName: 'region' })
export class Region {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 40, unique: true })
  code!: string;

  @Property({ type: 'string', length: 200 })
  name!: string;
}
