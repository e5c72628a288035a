import { Arg, Args, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { type RequestContext, tenant } from '../../context';
import { ConnectionArgs, connectionOf } from '../../graphql/connection';
import { Mutation } from '../../graphql/mutation';
import { findDelivery, findEndpoint, listDeliveries, listEndpoints } from './reads';
import * as webhooks from './service';
import {
  CreateWebhookEndpointInput, UpdateWebhookEndpointInput, WebhookDeliveryFilter, WebhookDeliveryObject, WebhookEndpointObject,
  WebhookEndpointWithSecret,
} from './types';

const WebhookEndpointConnection = connectionOf(WebhookEndpointObject, 'WebhookEndpoint', 'webhook endpoint');
const WebhookDeliveryConnection = connectionOf(WebhookDeliveryObject, 'WebhookDelivery', 'webhook delivery');

const page = () => Args(() => ConnectionArgs);

@Resolver()
export class WebhooksResolver {
  @Authorized('webhooks:manage')
  @Query(() => WebhookEndpointConnection, { description: "The organisation's webhook endpoints, newest first; secrets are never shown again." })
  webhookEndpoints(@Ctx() ctx: RequestContext, @page() pageInput: ConnectionArgs) {
    return listEndpoints(tenant(ctx).db, pageInput);
  }

  @Authorized('webhooks:manage')
  @Query(() => WebhookEndpointObject, { description: 'One webhook endpoint.' })
  webhookEndpoint(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The endpoint.' }) id: string) {
    return findEndpoint(tenant(ctx).db, id);
  }

  @Authorized('webhooks:manage')
  @Query(() => WebhookDeliveryConnection, { description: 'Webhook deliveries (one per event and endpoint), newest first.' })
  webhookDeliveries(
    @Ctx() ctx: RequestContext,
    @page() pageInput: ConnectionArgs,
    @Arg('filter', () => WebhookDeliveryFilter, { nullable: true, description: 'Which deliveries.' }) filter?: WebhookDeliveryFilter | null,
  ) {
    return listDeliveries(tenant(ctx).db, pageInput, filter);
  }

  @Authorized('webhooks:manage')
  @Query(() => WebhookDeliveryConnection, { description: 'Dead letters: deliveries whose every try failed, most recently dead first. redeliverWebhook sends one again.' })
  webhookDeadLetters(
    @Ctx() ctx: RequestContext,
    @page() pageInput: ConnectionArgs,
    @Arg('filter', () => WebhookDeliveryFilter, { nullable: true, description: 'Which dead letters (status is ignored).' }) filter?: WebhookDeliveryFilter | null,
  ) {
    return listDeliveries(tenant(ctx).db, pageInput, filter, true);
  }

  @Authorized('webhooks:manage')
  @Mutation(() => WebhookEndpointWithSecret, { description: 'Register an endpoint; its signing secret is in this answer only.' })
  createWebhookEndpoint(@Ctx() ctx: RequestContext, @Arg('input', () => CreateWebhookEndpointInput, { description: 'The endpoint.' }) input: CreateWebhookEndpointInput) {
    return webhooks.createEndpoint(tenant(ctx), input);
  }

  @Authorized('webhooks:manage')
  @Mutation(() => WebhookEndpointObject, { description: 'Change an endpoint: only the fields given change.' })
  updateWebhookEndpoint(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The endpoint.' }) id: string,
    @Arg('input', () => UpdateWebhookEndpointInput, { description: 'The fields to change.' }) input: UpdateWebhookEndpointInput,
  ) {
    return webhooks.updateEndpoint(tenant(ctx), id, input);
  }

  @Authorized('webhooks:manage')
  @Mutation(() => WebhookEndpointWithSecret, {
    description: 'A new signing secret, shown in this answer only; the old one keeps signing alongside it for a grace period (WEBHOOK_SECRET_GRACE_HOURS).',
  })
  rotateWebhookSecret(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The endpoint.' }) id: string) {
    return webhooks.rotateSecret(tenant(ctx), id);
  }

  @Authorized('webhooks:manage')
  @Mutation(() => Boolean, { description: 'Delete an endpoint and its deliveries.' })
  deleteWebhookEndpoint(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The endpoint.' }) id: string) {
    return webhooks.deleteEndpoint(tenant(ctx), id);
  }

  @Authorized('webhooks:manage')
  @Mutation(() => WebhookDeliveryObject, { description: 'Send a dead letter again (with a fresh set of tries); anything else is CONFLICT.' })
  async redeliverWebhook(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The dead delivery.' }) id: string) {
    const scoped = tenant(ctx);
    return findDelivery(scoped.db, await webhooks.redeliver(scoped, id));
  }
}

export const WEBHOOK_RESOLVERS = [WebhooksResolver] as const;
