import { randomUUID } from 'node:crypto';
import { Entity, Enum, ManyToOne, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { BenchmarkingConsent, Governance, OrganisationKind, SizeBand } from './enums';
import { Region } from './region';

/** The tenant. Row-level security shows a session only the organisation it acts for and the user's own. */
@Entity({ tableName: 'organisation' })
export class Organisation {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'string', length: 80, unique: true })
  slug!: string;

  @Enum({ items: () => OrganisationKind, nativeEnumName: 'organisation_kind' })
  kind!: OrganisationKind;

  @ManyToOne({ entity: () => Region, mapToPk: true, fieldName: 'region_id', nullable: true, deleteRule: 'set null' })
  regionId: string | null = null;

  @Enum({ items: () => SizeBand, nativeEnumName: 'size_band' })
  sizeBand!: SizeBand;

  @Enum({ items: () => Governance, nativeEnumName: 'governance' })
  governance!: Governance;

  @Property({ type: 'string', length: 64 })
  timeZone: string & Opt = 'Europe/London';

  /** BCP 47 locale its people read dates and numbers in ("en-GB"), whatever their browser says. */
  @Property({ type: 'string', length: 35 })
  locale: string & Opt = 'en-GB';

  @Enum({ items: () => BenchmarkingConsent, nativeEnumName: 'benchmarking_consent' })
  benchmarkingConsent: BenchmarkingConsent & Opt = BenchmarkingConsent.NONE;

  /** Owners and managers must have a second factor (TOTP) to act for the organisation. */
  @Property({ type: 'boolean' })
  requireSecondFactor: boolean & Opt = false;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}
