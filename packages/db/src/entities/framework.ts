import { Entity, Enum, ManyToOne, type Opt, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from './base';
import { FrameworkNodeKind } from './enums';

/**
 * A published framework version, shared by every organisation. The API's role may only read it;
 * a version's content hash is checked on every import so it can never change in place.
 */
@Entity({ tableName: 'framework' })
@Unique({ properties: ['key', 'version'] })
export class Framework extends BaseEntity {
  @Property({ type: 'string', length: 100 })
  key!: string;

  @Property({ type: 'string', length: 40 })
  version!: string;

  @Property({ type: 'string', length: 300 })
  title!: string;

  @Property({ type: 'json' })
  source!: Record<string, unknown>;

  @Property({ type: 'json', lazy: true })
  document!: Record<string, unknown>;

  @Property({ type: 'string', length: 64 })
  contentHash!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  publishedAt: Date & Opt = new Date();
}

@Entity({ tableName: 'framework_node' })
@Unique({ properties: ['frameworkId', 'key'] })
export class FrameworkNode extends BaseEntity {
  @ManyToOne({ entity: () => Framework, mapToPk: true, fieldName: 'framework_id', deleteRule: 'cascade' })
  frameworkId!: string;

  @Property({ type: 'string', length: 40 })
  key!: string;

  @Enum({ items: () => FrameworkNodeKind, nativeEnumName: 'framework_node_kind' })
  kind!: FrameworkNodeKind;

  @Property({ type: 'string', length: 40, nullable: true })
  parentKey: string | null = null;

  /** Document order across the whole framework, so one ORDER BY rebuilds the tree. */
  @Property({ type: 'integer' })
  ordinal!: number;

  @Property({ type: 'integer' })
  position!: number;

  @Property({ type: 'text' })
  text!: string;

  /** Waymark's short title of an element, beside the source's words (not part of the content hash). */
  @Property({ type: 'text', nullable: true })
  title: string | null = null;

  /** What to do about an action or a prompt, in Waymark's plain words (not part of the content hash). */
  @Property({ type: 'text', nullable: true })
  todo: string | null = null;

  @Property({ type: 'json' })
  footnotes: number[] & Opt = [];
}

/** Partner-type guidance (paraphrased, attributed), linked to the framework actions it helps with. */
@Entity({ tableName: 'guidance' })
export class Guidance extends BaseEntity {
  @Property({ type: 'string', length: 100, unique: true })
  key!: string;

  @Property({ type: 'string', length: 300 })
  title!: string;

  @Property({ type: 'string', length: 60 })
  partnerType!: string;

  @Property({ type: 'json' })
  source!: Record<string, unknown>;

  @Property({ type: 'json' })
  document!: Record<string, unknown>;

  @Property({ type: 'string', length: 64 })
  contentHash!: string;
}

@Entity({ tableName: 'guidance_link' })
@Unique({ properties: ['guidanceId', 'frameworkKey', 'nodeKey'] })
export class GuidanceLink extends BaseEntity {
  @ManyToOne({ entity: () => Guidance, mapToPk: true, fieldName: 'guidance_id', deleteRule: 'cascade' })
  guidanceId!: string;

  @Property({ type: 'string', length: 100 })
  frameworkKey!: string;

  @Property({ type: 'string', length: 40 })
  nodeKey!: string;

  @Property({ type: 'text' })
  reason!: string;
}

/**
 * How the keys of one framework version map onto the next: old key -> new key(s), or null when
 * retired (the `waymark-crosswalk/1` file as published). Shared and read-only like the versions.
 */
@Entity({ tableName: 'framework_crosswalk' })
@Unique({ properties: ['fromFrameworkId', 'toFrameworkId'] })
export class FrameworkCrosswalk extends BaseEntity {
  @ManyToOne({ entity: () => Framework, mapToPk: true, fieldName: 'from_framework_id', deleteRule: 'cascade' })
  fromFrameworkId!: string;

  @ManyToOne({ entity: () => Framework, mapToPk: true, fieldName: 'to_framework_id', deleteRule: 'cascade' })
  toFrameworkId!: string;

  @Property({ type: 'json' })
  map!: Record<string, string | string[] | null>;

  @Property({ type: 'string', length: 64 })
  contentHash!: string;
}
