import { ArgsType, Field, Float, ID, Int, registerEnumType } from 'type-graphql';
import { CohortDimension, NetworkMemberStatus, OrganisationKind } from '@waymark/db';
import { ObjectType } from '../../graphql/object-type';
import { Text } from '../../graphql/text';
import { ConnectionArgs } from '../../graphql/connection';
import { IsOptional } from 'class-validator';

registerEnumType(NetworkMemberStatus, {
  name: 'NetworkMemberStatus',
  description: "An institution's place in a regional body's network.",
  valuesConfig: {
    INVITED: { description: 'Invited by the body; the institution has not answered yet.' },
    MEMBER: { description: 'Accepted: the body sees its submitted results (by name only with NAMED consent).' },
    DECLINED: { description: 'The institution declined the invitation.' },
    LEFT: { description: 'The institution left the network.' },
    REMOVED: { description: 'The body removed the institution.' },
  },
});
registerEnumType(CohortDimension, {
  name: 'CohortDimension',
  description: 'What a benchmark cohort groups institutions by.',
  valuesConfig: {
    REGION: { description: 'Every institution of a region.' },
    KIND: { description: 'Every institution of one kind (library, museum, archive, combined), anywhere.' },
    SIZE: { description: 'Every institution of one size band, anywhere.' },
    REGION_KIND: { description: 'The institutions of one kind in a region.' },
    NETWORK: { description: "The members of a regional body's network." },
    NETWORK_OTHERS: { description: 'The members of a network that are not NAMED, counted together ("Other members").' },
  },
});

export interface InstitutionRow {
  id: string;
  name: string;
  kind: OrganisationKind;
  region: string | null;
}

@ObjectType('Institution', { description: 'An institution as another organisation may see it: its name, kind and region, nothing else.' })
export class InstitutionObject {
  @Field(() => ID, { description: 'Id of the organisation.' }) id!: string;
  @Field(() => String, { description: 'Its name.' }) name!: string;
  @Field(() => OrganisationKind, { description: 'What kind of institution it is.' }) kind!: OrganisationKind;
  @Field(() => String, { nullable: true, description: 'The code of its region.' }) region!: string | null;
}

export interface NetworkRow {
  id: string;
  name: string;
  createdAt: Date;
}

@ObjectType('Network', { description: "A regional body's network of institutions." })
export class NetworkObject {
  @Field(() => ID, { description: 'Id of the network.' }) id!: string;
  @Field(() => String, { description: 'Its name.' }) name!: string;
  @Field(() => Date, { description: 'When it was made.' }) createdAt!: Date;
}

export interface MembershipRow {
  id: string;
  status: NetworkMemberStatus;
  invitedAt: Date;
  respondedAt: Date | null;
  networkId: string;
  networkName: string;
  body: InstitutionRow;
  institution: InstitutionRow;
}

@ObjectType('NetworkMembership', { description: "An institution's place in a network, as the body and the institution both see it." })
export class NetworkMembershipObject {
  @Field(() => ID, { description: 'Id of the membership.' }) id!: string;
  @Field(() => NetworkMemberStatus, { description: 'Where it stands.' }) status!: NetworkMemberStatus;
  @Field(() => Date, { description: 'When the body invited the institution.' }) invitedAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When the institution (or, on removal, the body) last answered.' }) respondedAt!: Date | null;
  @Field(() => ID, { description: 'The network.' }) networkId!: string;
  @Field(() => String, { description: "The network's name." }) networkName!: string;
  @Field(() => InstitutionObject, { description: 'The regional body whose network it is.' }) body!: InstitutionRow;
  @Field(() => InstitutionObject, { description: 'The institution.' }) institution!: InstitutionRow;
}

@ArgsType()
export class InviteArgs {
  @Field(() => ID, { description: 'The network.' }) networkId!: string;
  @Field(() => ID, { description: 'The institution to invite (from institutionDirectory).' }) organisationId!: string;
}

@ArgsType()
export class DirectoryArgs extends ConnectionArgs {
  @Field(() => String, { nullable: true, description: 'Part of the name.' })
  @IsOptional()
  @Text({ max: 200 })
  search?: string | null;
}

@ArgsType()
export class CreateNetworkArgs {
  @Field(() => String, { description: "The network's name, unique within the body." })
  @Text({ max: 200 })
  name!: string;
}

/**
 * Why a benchmark figure is held back, older than the snapshot, or absent. The API gives the code
 * and the words (`reasonText`); the web app words each code from its catalogue.
 */
export enum BenchmarkReason {
  NO_CONTRIBUTORS = 'NO_CONTRIBUTORS',
  TOO_FEW_UNKNOWN = 'TOO_FEW_UNKNOWN',
  SECONDARY = 'SECONDARY',
  QUARTILES_NOT_PUBLISHED = 'QUARTILES_NOT_PUBLISHED',
  UNCHANGED = 'UNCHANGED',
  NOT_YET_COUNTED = 'NOT_YET_COUNTED',
  OTHER_VERSION = 'OTHER_VERSION',
  NOT_SHARED = 'NOT_SHARED',
  NO_SNAPSHOT = 'NO_SNAPSHOT',
  NO_SUBMISSION = 'NO_SUBMISSION',
}

export const REASON_TEXT: Record<BenchmarkReason, string> = {
  NO_CONTRIBUTORS: 'No institution in this group has a figure for it.',
  TOO_FEW_UNKNOWN: 'Held back: too few institutions in this group besides those whose scores are already known (named ones, and your own), so it could give one of them away.',
  SECONDARY: 'Held back: together with other published figures, now or earlier, it would narrow an institution\'s score or give away its answer.',
  QUARTILES_NOT_PUBLISHED: 'Quartiles are not published: with few institutions they are single institutions\' scores. The mean is published, with a little deliberate noise.',
  UNCHANGED: 'Nobody in this group has submitted or left since then, so these figures still stand.',
  NOT_YET_COUNTED: 'Your latest submission is newer than the published figures: it is shown against them now and counts in them from the next snapshot, once the privacy check has passed.',
  OTHER_VERSION: 'Your latest submission answers another version of this framework than the published figures: it is compared with them through the crosswalk between the two versions (element by element where an element kept its place) and counts in the figures of its own version.',
  NOT_SHARED: 'Your organisation does not share its results (benchmarking consent NONE), so it is compared with no one.',
  NO_SNAPSHOT: 'No benchmark has been published yet: the first one appears once institutions have submitted and the privacy check has passed.',
  NO_SUBMISSION: 'Your organisation has not submitted an assessment of this framework yet.',
};

registerEnumType(BenchmarkReason, {
  name: 'BenchmarkReason',
  description: 'Why a benchmark figure is held back, older than the snapshot, or absent (see docs/privacy.md).',
  valuesConfig: {
    NO_CONTRIBUTORS: { description: 'Nobody in the cohort has this value.' },
    TOO_FEW_UNKNOWN: { description: 'Fewer contributors than the threshold that the viewer does not already know (NAMED members and itself are known).' },
    SECONDARY: { description: 'Held back because, combined with other figures of any cohort or snapshot, it would narrow a protected value below P points or determine an answer.' },
    QUARTILES_NOT_PUBLISHED: { description: 'The figure is published but its quartiles are not.' },
    UNCHANGED: { description: 'Older than the snapshot: nobody in the cohort changed since `asOf`.' },
    NOT_YET_COUNTED: { description: "The organisation's own latest submission is newer than the snapshot: shown against it now, counted from the next one." },
    OTHER_VERSION: { description: "The organisation's own latest submission answers another version of the framework than the snapshot: compared with it through the crosswalk, not counted in it." },
    NOT_SHARED: { description: 'The organisation does not share its results (consent NONE).' },
    NO_SNAPSHOT: { description: 'No snapshot has been published yet.' },
    NO_SUBMISSION: { description: 'The organisation has no submitted assessment of the framework.' },
  },
});

/** A reason with its words, or nulls. */
export function because(reason: BenchmarkReason | null): { reason: BenchmarkReason | null; reasonText: string | null } {
  return { reason, reasonText: reason ? REASON_TEXT[reason] : null };
}

@ObjectType('BenchmarkSnapshot', { description: 'One audited publication of the benchmarks: when, and the protection every figure in it keeps.' })
export class SnapshotObject {
  @Field(() => ID, { description: 'Id of the snapshot.' }) id!: string;
  @Field(() => Date, { description: 'When it was computed and published (after the privacy audit passed).' }) takenAt!: Date;
  @Field(() => String, { description: '`nightly`, `incremental` (after a submission or reopening) or `manual`.' }) trigger!: string;
  @Field(() => Int, { description: "The protection interval P: no figure places a non-NAMED institution's score within fewer points than this." })
  protectionPoints!: number;
}

@ObjectType('Distribution', { description: 'One measure (0-100) over a cohort: published with deliberate noise, or held back with the reason.' })
export class DistributionObject {
  @Field(() => Boolean, { description: 'Whether the figure is published (false: held back, see `reason`).' }) published!: boolean;
  @Field(() => Int, { nullable: true, description: 'Institutions with a value; null when held back.' }) n!: number | null;
  @Field(() => Float, { nullable: true, description: 'The mean, from a sum with deliberate cell-key noise; null when held back.' }) mean!: number | null;
  @Field(() => Float, { nullable: true, description: 'The 25th percentile; null when not published (see `reason`).' }) p25!: number | null;
  @Field(() => Float, { nullable: true, description: 'The median; null when not published (see `reason`).' }) median!: number | null;
  @Field(() => Float, { nullable: true, description: 'The 75th percentile; null when not published (see `reason`).' }) p75!: number | null;
  @Field(() => Float, { nullable: true, description: 'Always null.', deprecationReason: "Never published: the lowest value is one institution's score." }) min!: null;
  @Field(() => Float, { nullable: true, description: 'Always null.', deprecationReason: "Never published: the highest value is one institution's score." }) max!: null;
  @Field(() => Date, { description: 'The figure is as of then: when the cohort last changed.' }) asOf!: Date;
  @Field(() => BenchmarkReason, { nullable: true, description: 'Why it is held back, or why its quartiles are not published; null when published in full.' })
  reason!: BenchmarkReason | null;
  @Field(() => String, { nullable: true, description: '`reason` in words.' }) reasonText!: string | null;
}

@ObjectType('ScopeFigures', { description: 'A cohort\'s distributions for one scope: the whole framework, or one element.' })
export class ScopeFiguresObject {
  @Field(() => String, { description: '`overall`, or an element key such as `3.1`.' }) scope!: string;
  @Field(() => DistributionObject, { nullable: true, description: 'Practice scores; null when nobody in the cohort has one.' }) practice!: DistributionObject | null;
  @Field(() => DistributionObject, { nullable: true, description: 'Evidence scores; null when nobody in the cohort has one.' }) evidence!: DistributionObject | null;
}

@ObjectType('OwnStanding', { description: "The organisation's own latest score (at once after submitting) beside a cohort's published figure." })
export class OwnStandingObject {
  @Field(() => String, { description: '`overall`, or an element key.' }) scope!: string;
  @Field(() => String, { description: '`practice` or `evidence`.' }) measure!: string;
  @Field(() => Float, { description: 'Its own score (0-100), from its latest submission.' }) value!: number;
  @Field(() => Float, { nullable: true, description: "The cohort's published mean; null when held back." }) cohortMean!: number | null;
  @Field(() => Float, { nullable: true, description: 'Its own score less the cohort mean, in points; null when the mean is held back.' }) difference!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'Percentile rank, 0-100, computed at read time from the published quartiles; null when they are not published (see `reason`).',
  })
  percentile!: number | null;
  @Field(() => BenchmarkReason, { nullable: true, description: 'Why the cohort figure or the percentile is missing; null when both are there.' }) reason!: BenchmarkReason | null;
  @Field(() => String, { nullable: true, description: '`reason` in words.' }) reasonText!: string | null;
}

export interface CohortView {
  key: string;
  dimension: CohortDimension;
  label: string;
  published: boolean;
  suppressed: boolean;
  members: number | null;
  asOf: Date;
  reason: BenchmarkReason | null;
  reasonText: string | null;
  figures: ScopeFiguresObject[];
  mine: OwnStandingObject[];
}

@ObjectType('Cohort', { description: 'A group of institutions compared together: published, or held back with the reason.' })
export class CohortObject {
  @Field(() => String, { description: 'Stable key, e.g. `region:NW`, `kind:MUSEUM`, `region-kind:NW:MUSEUM`, `network:<id>`, `others:<network id>`.' }) key!: string;
  @Field(() => CohortDimension, { description: 'What it groups by.' }) dimension!: CohortDimension;
  @Field(() => String, { description: 'A name for people, e.g. "Museums in North West".' }) label!: string;
  @Field(() => Boolean, { description: 'Whether its overall figures are published (false: held back, see `reason`).' }) published!: boolean;
  @Field(() => Boolean, { description: 'The opposite of `published`.', deprecationReason: 'Use `published` and `reason`.' }) suppressed!: boolean;
  @Field(() => Int, { nullable: true, description: 'Institutions counted; null when held back.' }) members!: number | null;
  @Field(() => Date, { description: 'The figures are as of then: when somebody in the cohort last submitted, reopened or left.' }) asOf!: Date;
  @Field(() => BenchmarkReason, { nullable: true, description: 'Why it is held back, or older than the snapshot; null otherwise.' }) reason!: BenchmarkReason | null;
  @Field(() => String, { nullable: true, description: '`reason` in words.' }) reasonText!: string | null;
  @Field(() => [ScopeFiguresObject], { description: 'Distributions, overall first, then by element; empty when held back.' }) figures!: ScopeFiguresObject[];
  @Field(() => [OwnStandingObject], { description: "The organisation's own latest scores beside this cohort's (institutions only; empty otherwise)." })
  mine!: OwnStandingObject[];
}

@ObjectType('OwnScores', { description: "The organisation's own latest submitted scores, shown at once (its own data is no disclosure to itself)." })
export class OwnScoresObject {
  @Field(() => Date, { description: 'When it submitted them.' }) submittedAt!: Date;
  @Field(() => Boolean, { description: 'Whether the snapshot shown counts this submission yet.' }) counted!: boolean;
  @Field(() => String, {
    description: 'The framework version these scores answer. When it is not the snapshot\u2019s, they are compared through the crosswalk between the two versions (elements matched by key; an element without a single counterpart is left out).',
  })
  frameworkVersion!: string;
  @Field(() => Float, { description: 'Overall practice, 0-100.' }) practice!: number;
  @Field(() => Float, { nullable: true, description: 'Overall evidence, 0-100; null when every prompt was N/A.' }) evidence!: number | null;
}

@ObjectType('InstitutionBenchmarks', { description: "The organisation's own latest scores beside each cohort it belongs to." })
export class InstitutionBenchmarksObject {
  @Field(() => SnapshotObject, { nullable: true, description: 'The snapshot shown; null before the first one.' }) snapshot!: SnapshotObject | null;
  @Field(() => Date, { nullable: true, description: 'The figures are as of then (the snapshot); null before the first one.' }) asOf!: Date | null;
  @Field(() => OwnScoresObject, { nullable: true, description: 'Its own latest submission; null when it has none.' }) own!: OwnScoresObject | null;
  @Field(() => BenchmarkReason, { nullable: true, description: 'Why there is nothing to show, or why its own scores are newer than the figures; null otherwise.' })
  reason!: BenchmarkReason | null;
  @Field(() => String, { nullable: true, description: '`reason` in words.' }) reasonText!: string | null;
  @Field(() => String, { nullable: true, description: 'Why there is nothing to show.', deprecationReason: 'Use `reason` and `reasonText`.' })
  unavailableReason!: string | null;
  @Field(() => [CohortObject], { description: 'The cohorts the organisation counts in.' }) cohorts!: CohortView[];
}

@ObjectType('ElementStanding', { description: 'How a cohort does on one element.' })
export class ElementStandingObject {
  @Field(() => String, { description: 'The element key.' }) elementKey!: string;
  @Field(() => String, { description: 'Its title in the framework.' }) title!: string;
  @Field(() => DistributionObject, { description: 'Practice scores (published).' }) practice!: DistributionObject;
}

@ObjectType('PartStanding', { description: 'How a cohort answered one action part, from counts with deliberate noise.' })
export class PartStandingObject {
  @Field(() => String, { description: 'The part key, e.g. `3.1.2.b`.' }) partKey!: string;
  @Field(() => String, { description: 'Its text in the framework.' }) text!: string;
  @Field(() => Int, { description: 'Institutions that answered it.' }) answered!: number;
  @Field(() => Float, { description: 'Share answering YES, 0-1.' }) yes!: number;
  @Field(() => Float, { description: 'Share answering STARTED, 0-1.' }) started!: number;
  @Field(() => Float, { description: 'Share answering NO, 0-1.' }) no!: number;
}

@ObjectType('TrendPoint', { description: "One snapshot's overall figures for a cohort." })
export class TrendPointObject {
  @Field(() => Date, { description: 'When the snapshot was published.' }) takenAt!: Date;
  @Field(() => Int, { nullable: true, description: 'Institutions counted; null when held back then.' }) members!: number | null;
  @Field(() => DistributionObject, { nullable: true, description: 'Overall practice then.' }) practice!: DistributionObject | null;
  @Field(() => DistributionObject, { nullable: true, description: 'Overall evidence then.' }) evidence!: DistributionObject | null;
}

@ObjectType('RegionBenchmarks', { description: "A regional body's view of its region." })
export class RegionBenchmarksObject {
  @Field(() => SnapshotObject, { nullable: true, description: 'The snapshot shown; null before the first one.' }) snapshot!: SnapshotObject | null;
  @Field(() => Date, { nullable: true, description: 'The figures are as of then (the snapshot); null before the first one.' }) asOf!: Date | null;
  @Field(() => BenchmarkReason, { nullable: true, description: 'Why there is nothing to show; null otherwise.' }) reason!: BenchmarkReason | null;
  @Field(() => String, { nullable: true, description: '`reason` in words.' }) reasonText!: string | null;
  @Field(() => String, { nullable: true, description: 'The region code.' }) region!: string | null;
  @Field(() => CohortObject, { nullable: true, description: "The region's own figures." }) overall!: CohortView | null;
  @Field(() => [ElementStandingObject], { description: 'Elements by mean practice, weakest first (those published).' }) weakestElements!: ElementStandingObject[];
  @Field(() => [PartStandingObject], { description: 'The ten action parts the fewest institutions answer YES, weakest first (those published).' }) weakestParts!: PartStandingObject[];
  @Field(() => [CohortObject], { description: 'The spread by kind: libraries, museums, archives and combined institutions of the region.' }) byKind!: CohortView[];
  @Field(() => [TrendPointObject], { description: "The region's overall figures in each snapshot, oldest first." }) trend!: TrendPointObject[];
}

@ObjectType('HeatmapCell', { description: "A row's scores for one scope." })
export class HeatmapCellObject {
  @Field(() => String, { description: '`overall`, or an element key.' }) scope!: string;
  @Field(() => Float, { nullable: true, description: 'Practice, 0-100 (for "Other members": their published mean); null when held back.' }) practice!: number | null;
  @Field(() => Float, { nullable: true, description: 'Evidence, 0-100; null when none was counted or held back.' }) evidence!: number | null;
}

@ObjectType('HeatmapRow', { description: 'A NAMED member of the network by name, or the "Other members" row (everyone else, together).' })
export class HeatmapRowObject {
  @Field(() => String, { description: "The institution's name, or \"Other members\"." }) label!: string;
  @Field(() => Boolean, { description: 'Whether the row is one named member (false: the "Other members" row).' }) named!: boolean;
  @Field(() => ID, { nullable: true, description: 'The institution, for named rows only.' }) organisationId!: string | null;
  @Field(() => Int, { description: 'Institutions in the row: 1 for a named member.' }) members!: number;
  @Field(() => [HeatmapCellObject], { description: 'Its scores, overall first, then by element.' }) cells!: HeatmapCellObject[];
}

@ObjectType('HeatmapCounts', { description: 'How the heatmap\'s rows add up to the network\'s members, and who is left out and why.' })
export class HeatmapCountsObject {
  @Field(() => Int, { description: 'Members of the network now (as in the network list).' }) members!: number;
  @Field(() => Int, { description: 'Members counted in the snapshot: named rows plus other members.' }) counted!: number;
  @Field(() => Int, { description: 'Named rows.' }) named!: number;
  @Field(() => Int, { description: 'Members counted only together, in the "Other members" row (or held back with it).' }) others!: number;
  @Field(() => Int, { description: 'Members not counted: no submitted assessment, results not shared, or joined after the snapshot.' }) leftOut!: number;
  @Field(() => String, { description: 'The counts in words.' }) text!: string;
}

@ObjectType('NetworkHeatmap', { description: "A body's network as a matrix of members by elements: NAMED members by name, everyone else together." })
export class NetworkHeatmapObject {
  @Field(() => SnapshotObject, { nullable: true, description: 'The snapshot shown; null before the first one.' }) snapshot!: SnapshotObject | null;
  @Field(() => Date, { nullable: true, description: 'The rows are as of then; null before the first snapshot.' }) asOf!: Date | null;
  @Field(() => NetworkObject, { description: 'The network.' }) network!: NetworkRow;
  @Field(() => [String], { description: 'The columns: `overall`, then each element key.' }) scopes!: string[];
  @Field(() => [HeatmapRowObject], { description: 'Named members by name, then the "Other members" row when it is published.' }) rows!: HeatmapRowObject[];
  @Field(() => HeatmapCountsObject, { description: 'How the rows add up to the members, and who is left out.' }) counts!: HeatmapCountsObject;
  @Field(() => BenchmarkReason, { nullable: true, description: 'Why the "Other members" row is held back (or why there is nothing); null when shown.' })
  reason!: BenchmarkReason | null;
  @Field(() => String, { nullable: true, description: '`reason` in words.' }) reasonText!: string | null;
  @Field(() => CohortObject, { nullable: true, description: "The network's own figures (published or held back with the reason)." }) aggregate!: CohortView | null;
}
