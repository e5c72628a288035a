import { Entity, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { TenantEntity } from './base';
import { User } from './user';

/**
 * A person's iCalendar feed of their own due and review dates in one organisation. Only a hash of
 * the URL's secret is kept; rotating replaces it (the old URL stops working), revoking clears it.
 */
@Entity({ tableName: 'calendar_feed' })
@Unique({ properties: ['organisationId', 'id'] })
@Unique({ properties: ['organisationId', 'userId'] })
export class CalendarFeed extends TenantEntity {
  @ManyToOne({ entity: () => User, mapToPk: true, fieldName: 'user_id', deleteRule: 'cascade', index: true })
  userId!: string;

  @Property({ type: 'string', length: 64, nullable: true, hidden: true })
  tokenHash: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  revokedAt: Date | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  lastUsedAt: Date | null = null;
}
