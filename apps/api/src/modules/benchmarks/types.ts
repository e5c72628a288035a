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

@ObjectType('BenchmarkSnapshot', { description: 'When the figures were computed, and the smallest cohort they show.' })
export class SnapshotObject {
  @Field(() => ID, { description: 'Id of the snapshot.' }) id!: string;
  @Field(() => Date, { description: 'When it was computed.' }) takenAt!: Date;
  @Field(() => String, { description: '`nightly`, `incremental` (after a submission or reopening) or `manual`.' }) trigger!: string;
  @Field(() => Int, { description: 'Cohorts smaller than this are suppressed: no figure of theirs is shown.' }) minCohort!: number;
}

@ObjectType('Distribution', { description: 'How a measure is spread over a cohort (0-100).' })
export class DistributionObject {
  @Field(() => Int, { description: 'Institutions with a value.' }) n!: number;
  @Field(() => Float, { description: 'The mean.' }) mean!: number;
  @Field(() => Float, { description: 'The 25th percentile.' }) p25!: number;
  @Field(() => Float, { description: 'The median.' }) median!: number;
  @Field(() => Float, { description: 'The 75th percentile.' }) p75!: number;
  @Field(() => Float, { description: 'The lowest value.' }) min!: number;
  @Field(() => Float, { description: 'The highest value.' }) max!: number;
}

@ObjectType('ScopeFigures', { description: 'A cohort\'s distributions for one scope: the whole framework, or one element.' })
export class ScopeFiguresObject {
  @Field(() => String, { description: '`overall`, or an element key such as `3.1`.' }) scope!: string;
  @Field(() => DistributionObject, { nullable: true, description: 'Practice scores; null when too few to show.' }) practice!: DistributionObject | null;
  @Field(() => DistributionObject, { nullable: true, description: 'Evidence scores; null when too few institutions have one.' }) evidence!: DistributionObject | null;
}

@ObjectType('OwnStanding', { description: "The organisation's own score in a cohort, and where it stands among the others." })
export class OwnStandingObject {
  @Field(() => String, { description: '`overall`, or an element key.' }) scope!: string;
  @Field(() => String, { description: '`practice` or `evidence`.' }) measure!: string;
  @Field(() => Float, { description: 'Its own score (0-100).' }) value!: number;
  @Field(() => Float, { description: 'Percentile rank, 0-100: the share of the cohort\'s other institutions scoring below it.' }) percentile!: number;
}

export interface CohortView {
  key: string;
  dimension: CohortDimension;
  label: string;
  suppressed: boolean;
  members: number | null;
  figures: ScopeFiguresObject[];
  mine: OwnStandingObject[];
}

@ObjectType('Cohort', { description: 'A group of institutions compared together. A suppressed cohort shows nothing but that it is suppressed.' })
export class CohortObject {
  @Field(() => String, { description: 'Stable key, e.g. `region:NW`, `kind:MUSEUM`, `region-kind:NW:MUSEUM`, `network:<id>`.' }) key!: string;
  @Field(() => CohortDimension, { description: 'What it groups by.' }) dimension!: CohortDimension;
  @Field(() => String, { description: 'A name for people, e.g. "Museums in North West".' }) label!: string;
  @Field(() => Boolean, { description: 'Too few institutions (or its figures would give a smaller group away): no figure is shown.' }) suppressed!: boolean;
  @Field(() => Int, { nullable: true, description: 'Institutions counted; null when suppressed.' }) members!: number | null;
  @Field(() => [ScopeFiguresObject], { description: 'Distributions, overall first, then by element; empty when suppressed.' }) figures!: ScopeFiguresObject[];
  @Field(() => [OwnStandingObject], { description: "The organisation's own scores and percentile ranks here (institutions only; empty otherwise)." })
  mine!: OwnStandingObject[];
}

@ObjectType('InstitutionBenchmarks', { description: "The organisation's scores beside each cohort it belongs to." })
export class InstitutionBenchmarksObject {
  @Field(() => SnapshotObject, { nullable: true, description: 'The snapshot shown; null before the first one.' }) snapshot!: SnapshotObject | null;
  @Field(() => String, { nullable: true, description: 'Why there is nothing to show, when there is not (e.g. the organisation does not share its results).' })
  unavailableReason!: string | null;
  @Field(() => [CohortObject], { description: 'The cohorts the organisation counts in.' }) cohorts!: CohortView[];
}

@ObjectType('ElementStanding', { description: 'How a cohort does on one element.' })
export class ElementStandingObject {
  @Field(() => String, { description: 'The element key.' }) elementKey!: string;
  @Field(() => String, { description: 'Its title in the framework.' }) title!: string;
  @Field(() => DistributionObject, { description: 'Practice scores.' }) practice!: DistributionObject;
}

@ObjectType('PartStanding', { description: 'How a cohort answered one action part.' })
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
  @Field(() => Date, { description: 'When the snapshot was computed.' }) takenAt!: Date;
  @Field(() => Int, { nullable: true, description: 'Institutions counted; null when suppressed then.' }) members!: number | null;
  @Field(() => DistributionObject, { nullable: true, description: 'Overall practice; null when suppressed then.' }) practice!: DistributionObject | null;
  @Field(() => DistributionObject, { nullable: true, description: 'Overall evidence; null when suppressed or too few then.' }) evidence!: DistributionObject | null;
}

@ObjectType('RegionBenchmarks', { description: "A regional body's view of its region." })
export class RegionBenchmarksObject {
  @Field(() => SnapshotObject, { nullable: true, description: 'The snapshot shown; null before the first one.' }) snapshot!: SnapshotObject | null;
  @Field(() => String, { nullable: true, description: 'The region code.' }) region!: string | null;
  @Field(() => CohortObject, { nullable: true, description: "The region's own figures." }) overall!: CohortView | null;
  @Field(() => [ElementStandingObject], { description: 'Elements by median practice, weakest first (when the region is shown).' }) weakestElements!: ElementStandingObject[];
  @Field(() => [PartStandingObject], { description: 'The ten action parts fewest institutions answer YES, weakest first.' }) weakestParts!: PartStandingObject[];
  @Field(() => [CohortObject], { description: 'The spread by kind: libraries, museums, archives and combined institutions of the region.' }) byKind!: CohortView[];
  @Field(() => [TrendPointObject], { description: "The region's overall figures in each snapshot, oldest first." }) trend!: TrendPointObject[];
}

@ObjectType('HeatmapCell', { description: "A member's scores for one scope." })
export class HeatmapCellObject {
  @Field(() => String, { description: '`overall`, or an element key.' }) scope!: string;
  @Field(() => Float, { description: 'Practice, 0-100.' }) practice!: number;
  @Field(() => Float, { nullable: true, description: 'Evidence, 0-100; null when none was counted.' }) evidence!: number | null;
}

@ObjectType('HeatmapRow', { description: 'One member of the network: named (NAMED consent) or under a pseudonym that changes with every snapshot (ANONYMOUS).' })
export class HeatmapRowObject {
  @Field(() => String, { description: 'The institution\'s name, or its pseudonym in this snapshot.' }) label!: string;
  @Field(() => Boolean, { description: 'Whether the row is named.' }) named!: boolean;
  @Field(() => ID, { nullable: true, description: 'The institution, for named rows only.' }) organisationId!: string | null;
  @Field(() => [HeatmapCellObject], { description: 'Its scores, overall first, then by element.' }) cells!: HeatmapCellObject[];
}

@ObjectType('NetworkHeatmap', { description: "A body's network as a matrix of members by elements." })
export class NetworkHeatmapObject {
  @Field(() => SnapshotObject, { nullable: true, description: 'The snapshot shown; null before the first one.' }) snapshot!: SnapshotObject | null;
  @Field(() => NetworkObject, { description: 'The network.' }) network!: NetworkRow;
  @Field(() => [String], { description: 'The columns: `overall`, then each element key.' }) scopes!: string[];
  @Field(() => [HeatmapRowObject], { description: 'Members shown, named ones by name first.' }) rows!: HeatmapRowObject[];
  @Field(() => Int, { description: 'Members whose rows are suppressed: too few anonymous members to hide among (their cells are marked suppressed).' })
  suppressedRows!: number;
  @Field(() => CohortObject, { nullable: true, description: "The network's own figures (suppressed when they would give hidden members away)." })
  aggregate!: CohortView | null;
}
