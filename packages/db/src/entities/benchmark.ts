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
 * One publication of a framework's benchmarks, dated: the cells it holds were protected (threshold
 * on unknown contributors, cell-key perturbation, secondary suppression) and passed the intruder
 * audit for every viewer before the row was written, so a snapshot that exists is readable.
 * Written only by the benchmark job (as waymark_analytics).
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

  /** `nightly` (everything), `incremental` (after a submission or reopening), `manual`. */
  @Property({ type: 'string', length: 20 })
  trigger!: string;

  /** The protection interval P (points on the 0-100 scale) every protected value kept. */
  @Property({ type: 'integer' })
  protectionPoints!: number;

  /** Institutions counted (consent not NONE, a current submission). */
  @Property({ type: 'integer' })
  institutions!: number;

  /** Cohorts whose contributors changed since the last snapshot (all of them for a full run). */
  @Property({ type: 'integer' })
  changedCohorts!: number;

  /** What the audit saw: viewers, protected values, narrowest interval, cells protected further, rounds, milliseconds. */
  @Property({ type: 'json' })
  audit!: SnapshotAudit;
}

export interface SnapshotAudit {
  viewers: number;
  protectedValues: number;
  /** The narrowest interval (points) any viewer can place a protected value in; null when nothing was published. */
  narrowest: number | null;
  /** Cells held back by secondary suppression (beyond the threshold rule). */
  cellsProtected: number;
  rounds: number;
  ms: number;
}

/**
 * A cohort of a snapshot: its (perturbed) size when published, or why it is held back. Cells of a
 * cohort whose contributors did not change are carried from the last snapshot with their `asOf`.
 */
@Entity({ tableName: 'benchmark_cohort' })
@Unique({ properties: ['snapshotId', 'key'] })
export class BenchmarkCohort {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => BenchmarkSnapshot, mapToPk: true, fieldName: 'snapshot_id', deleteRule: 'cascade' })
  snapshotId!: string;

  /** e.g. `region:NW`, `kind:MUSEUM`, `size:SMALL`, `region-kind:NW:MUSEUM`, `network:<id>`, `others:<network id>`. */
  @Property({ type: 'string', length: 120 })
  key!: string;

  @Enum({ items: () => CohortDimension, nativeEnumName: 'cohort_dimension' })
  dimension!: CohortDimension;

  @Property({ type: 'string', length: 40, nullable: true })
  value: string | null = null;

  @Property({ type: 'string', length: 40, nullable: true })
  secondValue: string | null = null;

  /** Institutions counted (perturbed); null when held back (the size is a figure too). */
  @Property({ type: 'integer', nullable: true })
  members: number | null = null;

  /** Why the cohort is held back (a HeldBackReason); null when published. */
  @Property({ type: 'string', length: 30, nullable: true })
  heldBack: string | null = null;

  /** For a network: members that are not NAMED (counted only in the "Other members" row, or held back). */
  @Property({ type: 'integer' })
  otherMembers: number & Opt = 0;

  /** When its contributors last changed: the figures are as of then. */
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  asOf!: Date;
}

/**
 * One measure over one scope (overall, or an element) in a cohort: n and mean from perturbed counts
 * and sums, quartiles only where they give no contributor away; or held back with its reason.
 */
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

  /** Institutions with a value (perturbed); null when held back. */
  @Property({ type: 'integer', nullable: true })
  n: number | null = null;

  @Property({ type: 'double', nullable: true })
  mean: number | null = null;

  @Property({ type: 'double', nullable: true })
  p25: number | null = null;

  @Property({ type: 'double', nullable: true })
  median: number | null = null;

  @Property({ type: 'double', nullable: true })
  p75: number | null = null;

  /** Why the figure (or its quartiles) is held back; null when published in full. */
  @Property({ type: 'string', length: 30, nullable: true })
  heldBack: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  asOf!: Date;
}

/** How a cohort answered one action part: the shares at YES, STARTED and NO, from perturbed counts; or held back. */
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

  @Property({ type: 'integer', nullable: true })
  answered: number | null = null;

  @Property({ type: 'double', nullable: true })
  yes: number | null = null;

  @Property({ type: 'double', nullable: true })
  started: number | null = null;

  @Property({ type: 'double', nullable: true })
  no: number | null = null;

  @Property({ type: 'string', length: 30, nullable: true })
  heldBack: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  asOf!: Date;
}

/**
 * One cell of a body's network heatmap: a NAMED member's score for a scope (it chose to be named).
 * The row belongs to the body. Members that are not NAMED never have a row of their own: they count
 * only in the network's "Other members" cohort (`others:<network id>`).
 */
@Entity({ tableName: 'benchmark_network_cell' })
@Unique({ properties: ['organisationId', 'id'] })
@Index({ properties: ['organisationId', 'snapshotId', 'networkId'] })
export class BenchmarkNetworkCell extends TenantEntity {
  @ManyToOne({ entity: () => BenchmarkSnapshot, mapToPk: true, fieldName: 'snapshot_id', deleteRule: 'cascade' })
  snapshotId!: string;

  @Property({ type: 'uuid' })
  networkId!: string;

  /** The institution's name. */
  @Property({ type: 'string', length: 200 })
  label!: string;

  @Property({ type: 'uuid' })
  memberOrganisationId!: string;

  /** Row order in the heatmap: by name. */
  @Property({ type: 'integer' })
  position!: number;

  @Property({ type: 'string', length: 40 })
  scope!: string;

  @Property({ type: 'double' })
  practice!: number;

  @Property({ type: 'double', nullable: true })
  evidence: number | null = null;
}

/**
 * The job's own tables (read and written only by waymark_analytics). Every contribution (one
 * submission of one institution) that ever counted, with its secret record key and its values and
 * answers as they were: the audit of a new snapshot judges it together with every earlier one, so
 * the truth behind earlier snapshots is kept even after a resubmission replaced the scores.
 */
@Entity({ tableName: 'benchmark_entry' })
export class BenchmarkEntry {
  @PrimaryKey({ type: 'string', length: 32 })
  entry!: string;

  @ManyToOne({ entity: () => Framework, mapToPk: true, fieldName: 'framework_id', deleteRule: 'cascade' })
  frameworkId!: string;

  /** The institution (the job's own column: the row is not the institution's, it never reads it). */
  @Property({ type: 'uuid' })
  institutionId!: string;

  /** A secret random integer in [0, 2^62) (cell-key perturbation). */
  @Property({ type: 'bigint' })
  recordKey!: string;

  /** Value per value key (`overall|practice`, `element:3.1|evidence`, ...), null when it has none. */
  @Property({ type: 'json' })
  scores!: Record<string, number | null>;

  /** Agreed answer per part key. */
  @Property({ type: 'json' })
  parts!: Record<string, string>;
}

/** The population as last computed: each counting institution's current entry and every cohort it counts in. */
@Entity({ tableName: 'benchmark_contribution' })
export class BenchmarkContribution {
  @PrimaryKey({ type: 'uuid' })
  frameworkId!: string;

  @PrimaryKey({ type: 'uuid' })
  institutionId!: string;

  @Property({ type: 'string', length: 32 })
  entry!: string;

  @Property({ type: 'string', length: 10 })
  consent!: string;

  /** Region, kind, size band, region x kind, each network, and (unless NAMED) each network's "Other members". */
  @Property({ type: 'text[]' })
  cohorts!: string[];
}

/**
 * What a snapshot published, for the audit of the next ones: each cohort's contributing entries
 * once, and every figure and share as published (perturbed) or held back.
 */
@Entity({ tableName: 'benchmark_publication' })
export class BenchmarkPublication {
  @PrimaryKey({ type: 'uuid' })
  snapshotId!: string;

  @ManyToOne({ entity: () => Framework, mapToPk: true, fieldName: 'framework_id', deleteRule: 'cascade' })
  frameworkId!: string;

  @Property({ type: 'json' })
  cohortEntries!: Record<string, string[]>;

  @Property({ type: 'json' })
  cells!: unknown;
}
