import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, type Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { TenantEntity, TenantRef } from './base';
import { Assessment } from './assessment';
import { CohortDimension, NetworkMemberStatus } from './enums';
import { Framework } from './framework';
import { Organisation } from './organisation';

/**
 * The scores of a submitted assessment, kept as they were at submission (computed by the one
 * scoring function, in the submitting transaction), so benchmarks never recompute them. A reopening
 * sets `withdrawnAt`: the scores leave every benchmark until the next submission replaces them.
 */
@Entity({ tableName: 'submitted_score' })
@Unique({ properties: ['organisationId', 'id'] })
@Unique({ properties: ['organisationId', 'assessmentId'] })
@Index({ properties: ['frameworkId', 'withdrawnAt'] })
export class SubmittedScore extends TenantEntity {
  @TenantRef(() => Assessment, { fieldName: 'assessment_id' })
  assessmentId!: string;

  @ManyToOne({ entity: () => Framework, mapToPk: true, fieldName: 'framework_id', deleteRule: 'cascade' })
  frameworkId!: string;

  @Property({ type: 'string', length: 40 })
  cycle!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  submittedAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  withdrawnAt: Date | null = null;

  /** Overall practice, 0-100. */
  @Property({ type: 'double' })
  practice!: number;

  /** Overall evidence, 0-100, or null when no prompt was answered YES or NO. */
  @Property({ type: 'double', nullable: true })
  evidence: number | null = null;
}

/** One element's scores in a submitted assessment. */
@Entity({ tableName: 'submitted_element_score' })
@Unique({ properties: ['organisationId', 'id'] })
@Unique({ properties: ['organisationId', 'scoreId', 'elementKey'] })
export class SubmittedElementScore extends TenantEntity {
  @TenantRef(() => SubmittedScore, { fieldName: 'score_id' })
  scoreId!: string;

  @Property({ type: 'string', length: 40 })
  elementKey!: string;

  @Property({ type: 'double' })
  practice!: number;

  @Property({ type: 'double', nullable: true })
  evidence: number | null = null;
}

/** The agreed answer (YES, STARTED or NO) to one action part of a submitted assessment. */
@Entity({ tableName: 'submitted_part_answer' })
@Unique({ properties: ['organisationId', 'id'] })
@Unique({ properties: ['organisationId', 'scoreId', 'partKey'] })
export class SubmittedPartAnswer extends TenantEntity {
  @TenantRef(() => SubmittedScore, { fieldName: 'score_id' })
  scoreId!: string;

  @Property({ type: 'string', length: 40 })
  partKey!: string;

  @Property({ type: 'string', length: 10 })
  value!: string;
}

/** A regional body's network (the body is the owning organisation). */
@Entity({ tableName: 'network' })
@Unique({ properties: ['organisationId', 'id'] })
@Unique({ properties: ['organisationId', 'name'] })
export class Network extends TenantEntity {
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'uuid' })
  createdBy!: string;
}

/**
 * An institution's place in a network: the row belongs to the body (`organisationId`), and the
 * institution it names sees it too (row-level security lets either side read it), so it can accept,
 * decline or leave.
 */
@Entity({ tableName: 'network_member' })
@Unique({ properties: ['organisationId', 'id'] })
@Unique({ properties: ['organisationId', 'networkId', 'memberOrganisationId'] })
@Index({ properties: ['memberOrganisationId'] })
export class NetworkMember extends TenantEntity {
  @TenantRef(() => Network, { fieldName: 'network_id' })
  networkId!: string;

  @ManyToOne({ entity: () => Organisation, mapToPk: true, fieldName: 'member_organisation_id', deleteRule: 'cascade' })
  memberOrganisationId!: string;

  @Enum({ items: () => NetworkMemberStatus, nativeEnumName: 'network_member_status' })
  status: NetworkMemberStatus & Opt = NetworkMemberStatus.INVITED;

  @Property({ type: 'uuid' })
  invitedBy!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  respondedAt: Date | null = null;

  @Property({ type: 'uuid', nullable: true })
  respondedBy: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}

/**
 * One computation of every cohort of one framework, dated. Written only by the benchmark job (as
 * waymark_analytics); what it holds is aggregate, suppressed where a cohort is too small.
 */
@Entity({ tableName: 'benchmark_snapshot' })
@Index({ properties: ['frameworkId', 'takenAt'] })
export class BenchmarkSnapshot {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => Framework, mapToPk: true, fieldName: 'framework_id', deleteRule: 'cascade' })
  frameworkId!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  takenAt!: Date;

  /** The UTC day it belongs to: snapshots of one day must not be subtractable from one another. */
  @Property({ type: 'date' })
  day!: string;

  /** `nightly` (everything), `incremental` (after a submission or reopening), `manual`. */
  @Property({ type: 'string', length: 20 })
  trigger!: string;

  /** The smallest cohort shown (k). */
  @Property({ type: 'integer' })
  minCohort!: number;

  /** Institutions counted (consent not NONE, a current submission). */
  @Property({ type: 'integer' })
  institutions!: number;
}

/** A cohort of a snapshot: its size and whether it is shown. A suppressed cohort has no figures at all. */
@Entity({ tableName: 'benchmark_cohort' })
@Unique({ properties: ['snapshotId', 'key'] })
export class BenchmarkCohort {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => BenchmarkSnapshot, mapToPk: true, fieldName: 'snapshot_id', deleteRule: 'cascade' })
  snapshotId!: string;

  /** e.g. `region:NW`, `kind:MUSEUM`, `size:SMALL`, `region-kind:NW:MUSEUM`, `network:<id>`. */
  @Property({ type: 'string', length: 120 })
  key!: string;

  @Enum({ items: () => CohortDimension, nativeEnumName: 'cohort_dimension' })
  dimension!: CohortDimension;

  @Property({ type: 'string', length: 40, nullable: true })
  value: string | null = null;

  @Property({ type: 'string', length: 40, nullable: true })
  secondValue: string | null = null;

  /** Institutions in the cohort; null when suppressed (the size is a figure too). */
  @Property({ type: 'integer', nullable: true })
  members: number | null = null;

  /** `too-small` or `complementary` when suppressed; null when shown. */
  @Property({ type: 'string', length: 20, nullable: true })
  suppressed: string | null = null;

  /** For a network: members whose heatmap rows are withheld (too few anonymous ones to hide among). */
  @Property({ type: 'integer' })
  hiddenRows: number & Opt = 0;
}

/** The distribution of one measure over one scope (overall, or an element) in a shown cohort. */
@Entity({ tableName: 'benchmark_figure' })
@Unique({ properties: ['snapshotId', 'cohortKey', 'scope', 'measure'] })
export class BenchmarkFigure {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => BenchmarkSnapshot, mapToPk: true, fieldName: 'snapshot_id', deleteRule: 'cascade' })
  snapshotId!: string;

  @Property({ type: 'string', length: 120 })
  cohortKey!: string;

  /** `overall`, or an element key. */
  @Property({ type: 'string', length: 40 })
  scope!: string;

  /** `practice` or `evidence`. */
  @Property({ type: 'string', length: 10 })
  measure!: string;

  /** Institutions with a value (evidence can be null). */
  @Property({ type: 'integer' })
  n!: number;

  @Property({ type: 'double', nullable: true })
  mean: number | null = null;

  @Property({ type: 'double', nullable: true })
  p25: number | null = null;

  @Property({ type: 'double', nullable: true })
  median: number | null = null;

  @Property({ type: 'double', nullable: true })
  p75: number | null = null;

  @Property({ type: 'double', nullable: true })
  min: number | null = null;

  @Property({ type: 'double', nullable: true })
  max: number | null = null;
}

/** How a shown cohort answered one action part: the share at YES, STARTED and NO. */
@Entity({ tableName: 'benchmark_part_share' })
@Unique({ properties: ['snapshotId', 'cohortKey', 'partKey'] })
export class BenchmarkPartShare {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => BenchmarkSnapshot, mapToPk: true, fieldName: 'snapshot_id', deleteRule: 'cascade' })
  snapshotId!: string;

  @Property({ type: 'string', length: 120 })
  cohortKey!: string;

  @Property({ type: 'string', length: 40 })
  partKey!: string;

  @Property({ type: 'integer' })
  answered!: number;

  @Property({ type: 'double' })
  yes!: number;

  @Property({ type: 'double' })
  started!: number;

  @Property({ type: 'double' })
  no!: number;
}

/** An institution's own value and percentile rank in a shown cohort it belongs to: its own row, read only by it. */
@Entity({ tableName: 'benchmark_rank' })
@Unique({ properties: ['organisationId', 'id'] })
@Unique({ properties: ['organisationId', 'snapshotId'] })
export class BenchmarkRank extends TenantEntity {
  @ManyToOne({ entity: () => BenchmarkSnapshot, mapToPk: true, fieldName: 'snapshot_id', deleteRule: 'cascade' })
  snapshotId!: string;

  /**
   * The institution's standing in every shown cohort of the snapshot, one row per institution (not
   * one per cohort, scope and measure: a snapshot of 10,000 institutions writes 10,000 rows, not
   * 360,000).
   */
  @Property({ type: 'json' })
  ranks!: RankEntry[];
}

export interface RankEntry {
  cohortKey: string;
  /** `overall`, or an element key. */
  scope: string;
  /** `practice` or `evidence`. */
  measure: string;
  value: number;
  /** 0-100: the share of the cohort's other institutions below this one (percent_rank). */
  percentile: number;
}

/**
 * One cell of a body's network heatmap: a member's score for a scope. The row belongs to the body.
 * A NAMED member is named and identified; an ANONYMOUS one carries only this snapshot's pseudonym.
 */
@Entity({ tableName: 'benchmark_network_cell' })
@Unique({ properties: ['organisationId', 'id'] })
@Index({ properties: ['organisationId', 'snapshotId', 'networkId'] })
export class BenchmarkNetworkCell extends TenantEntity {
  @ManyToOne({ entity: () => BenchmarkSnapshot, mapToPk: true, fieldName: 'snapshot_id', deleteRule: 'cascade' })
  snapshotId!: string;

  @Property({ type: 'uuid' })
  networkId!: string;

  /** The institution's name (NAMED) or its pseudonym in this snapshot (ANONYMOUS). */
  @Property({ type: 'string', length: 200 })
  label!: string;

  /** Set only for NAMED members. */
  @Property({ type: 'uuid', nullable: true })
  memberOrganisationId: string | null = null;

  /** Row order in the heatmap: named members by name, then pseudonyms in their (random) order. */
  @Property({ type: 'integer' })
  position!: number;

  @Property({ type: 'string', length: 40 })
  scope!: string;

  @Property({ type: 'double' })
  practice!: number;

  @Property({ type: 'double', nullable: true })
  evidence: number | null = null;
}

/** The entries (hashed) that made each cohort of a snapshot: only the benchmark job reads them, to keep one day's snapshots from being subtracted. */
@Entity({ tableName: 'benchmark_cohort_entries' })
@Unique({ properties: ['snapshotId', 'cohortKey'] })
export class BenchmarkCohortEntries {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => BenchmarkSnapshot, mapToPk: true, fieldName: 'snapshot_id', deleteRule: 'cascade' })
  snapshotId!: string;

  @Property({ type: 'string', length: 120 })
  cohortKey!: string;

  @Property({ type: 'text[]' })
  entries!: string[];
}
