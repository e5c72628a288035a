import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { NetworkMemberStatus } from '@waymark/db';
import { type RequestContext, tenant } from '../../context';
import { ConnectionArgs, connectionOf } from '../../graphql/connection';
import { Mutation } from '../../graphql/mutation';
import * as networks from './networks';
import {
  CreateNetworkArgs,
  DirectoryArgs,
  InstitutionBenchmarksObject,
  InstitutionObject,
  InviteArgs,
  NetworkHeatmapObject,
  NetworkMembershipObject,
  NetworkObject,
  type NetworkRow,
  RegionBenchmarksObject,
} from './types';
import {
  assertBody, assertInstitution, findNetwork, institutionBenchmarks, institutionDirectory, listNetworks, memberCounts, myNetworkMemberships, networkHeatmap, networkMembers,
  regionBenchmarks,
} from './reads';

const NetworkConnection = connectionOf(NetworkObject, 'Network', 'network');
const MembershipConnection = connectionOf(NetworkMembershipObject, 'NetworkMembership', 'network membership');
const InstitutionConnection = connectionOf(InstitutionObject, 'Institution', 'institution');

const frameworkArg = { nullable: true, description: 'The framework, by key; by default the one your newest assessment answers (or, for a body, the newest benchmarked one).' } as const;

@Resolver()
export class BenchmarkResolver {
  @Authorized('benchmarks:read')
  @Query(() => InstitutionBenchmarksObject, { description: "An institution's scores beside each cohort it counts in, with its percentile ranks." })
  benchmarks(@Ctx() ctx: RequestContext, @Arg('frameworkKey', () => String, frameworkArg) frameworkKey?: string | null) {
    return institutionBenchmarks(tenant(ctx), frameworkKey);
  }

  @Authorized('benchmarks:read')
  @Query(() => RegionBenchmarksObject, { description: "A regional body's view of its region: figures, weakest elements and parts, the spread by kind, the trend." })
  regionBenchmarks(@Ctx() ctx: RequestContext, @Arg('frameworkKey', () => String, frameworkArg) frameworkKey?: string | null) {
    return regionBenchmarks(tenant(ctx), frameworkKey);
  }

  @Authorized('benchmarks:read')
  @Query(() => NetworkHeatmapObject, { description: "A regional body's network as a heatmap of members by elements." })
  networkHeatmap(
    @Ctx() ctx: RequestContext,
    @Arg('networkId', () => ID, { description: 'The network.' }) networkId: string,
    @Arg('frameworkKey', () => String, frameworkArg) frameworkKey?: string | null,
  ) {
    return networkHeatmap(tenant(ctx), networkId, frameworkKey);
  }
}

@Resolver(() => NetworkObject)
export class NetworkResolver {
  @Authorized('benchmarks:read')
  @Query(() => NetworkConnection, { description: "A regional body's networks, by name." })
  async networks(@Ctx() ctx: RequestContext, @Args(() => ConnectionArgs) page: ConnectionArgs) {
    await assertBody(tenant(ctx));
    return listNetworks(ctx.db, page);
  }

  @Authorized('benchmarks:read')
  @Query(() => NetworkObject, { description: 'One of the regional body\'s networks.' })
  async network(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The network.' }) id: string) {
    await assertBody(tenant(ctx));
    return findNetwork(ctx.db, id);
  }

  @Authorized('organisation:read')
  @Query(() => MembershipConnection, { description: "An institution's invitations to networks and its memberships, in every regional body's networks." })
  async networkMemberships(@Ctx() ctx: RequestContext, @Args(() => ConnectionArgs) page: ConnectionArgs) {
    await assertInstitution(tenant(ctx));
    return myNetworkMemberships(ctx.db, page);
  }

  @Authorized('networks:manage')
  @Query(() => InstitutionConnection, { description: 'Institutions a regional body may invite to its networks, by name.' })
  async institutionDirectory(@Ctx() ctx: RequestContext, @Args(() => DirectoryArgs) args: DirectoryArgs) {
    await assertBody(tenant(ctx));
    return institutionDirectory(ctx.db, args, args.search);
  }

  @FieldResolver(() => MembershipConnection, { description: 'The institutions invited to the network and their answers, by name.' })
  members(
    @Ctx() ctx: RequestContext,
    @Root() network: NetworkRow,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('status', () => [NetworkMemberStatus], { nullable: true, description: 'Only these statuses.' }) status?: NetworkMemberStatus[] | null,
  ) {
    return networkMembers(ctx.db, network.id, page, status);
  }

  @FieldResolver(() => Int, { description: 'Members that have accepted (and not left or been removed).' })
  async memberCount(@Ctx() ctx: RequestContext, @Root() network: NetworkRow) {
    const counts = await ctx.loaders.of(memberCounts).load(network.id);
    return counts.find((c) => c.status === NetworkMemberStatus.MEMBER)?.n ?? 0;
  }

  @Authorized('networks:manage')
  @Mutation(() => NetworkObject, { description: 'Make a network (regional bodies only).' })
  createNetwork(@Ctx() ctx: RequestContext, @Args(() => CreateNetworkArgs) { name }: CreateNetworkArgs) {
    return networks.createNetwork(tenant(ctx), name);
  }

  @Authorized('networks:manage')
  @Mutation(() => NetworkMembershipObject, { description: 'Invite an institution to a network (again, after it declined, left or was removed).' })
  inviteToNetwork(@Ctx() ctx: RequestContext, @Args(() => InviteArgs) { networkId, organisationId }: InviteArgs) {
    return networks.invite(tenant(ctx), networkId, organisationId);
  }

  @Authorized('networks:manage')
  @Mutation(() => NetworkMembershipObject, { description: 'Remove an institution from a network: its results leave the body\'s views from the next snapshot.' })
  removeFromNetwork(@Ctx() ctx: RequestContext, @Arg('membershipId', () => ID, { description: 'The membership.' }) membershipId: string) {
    return networks.remove(tenant(ctx), membershipId);
  }

  @Authorized('networks:manage')
  @Mutation(() => NetworkMembershipObject, { description: "Accept a body's invitation: the body sees the institution's submitted results (named only with NAMED consent)." })
  acceptNetworkInvitation(@Ctx() ctx: RequestContext, @Arg('membershipId', () => ID, { description: 'The invitation.' }) membershipId: string) {
    return networks.answer(tenant(ctx), membershipId, 'accept');
  }

  @Authorized('networks:manage')
  @Mutation(() => NetworkMembershipObject, { description: "Decline a body's invitation." })
  declineNetworkInvitation(@Ctx() ctx: RequestContext, @Arg('membershipId', () => ID, { description: 'The invitation.' }) membershipId: string) {
    return networks.answer(tenant(ctx), membershipId, 'decline');
  }

  @Authorized('networks:manage')
  @Mutation(() => NetworkMembershipObject, { description: 'Leave a network: the institution leaves its body\'s views from the next snapshot.' })
  leaveNetwork(@Ctx() ctx: RequestContext, @Arg('membershipId', () => ID, { description: 'The membership.' }) membershipId: string) {
    return networks.answer(tenant(ctx), membershipId, 'leave');
  }
}

export const BENCHMARK_RESOLVERS = [BenchmarkResolver, NetworkResolver] as const;
