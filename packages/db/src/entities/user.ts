import { Entity, Property } from '@mikro-orm/core';
import { BaseEntity } from './base';

/** A person. Users are not tenant-owned: one user holds memberships in many organisations. */
@Entity({ tableName: 'app_user' })
export class User extends BaseEntity {
  /** Stored lower-case; the unique index makes two accounts for one address impossible. */
  @Property({ type: 'string', length: 320, unique: true })
  email!: string;

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'string', length: 200, hidden: true, lazy: true })
  passwordHash!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  lastLoginAt: Date | null = null;

  /** Set when the person was erased: the row then keeps no name, address or password (see docs/privacy.md). */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  erasedAt: Date | null = null;
}
