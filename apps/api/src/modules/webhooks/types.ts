import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsEnum, IsOptional } from 'class-validator';
import { MAX_WEBHOOK_URL_LENGTH, TEXT_LIMITS, WEBHOOK_EVENT_TYPES, WebhookDeliveryStatus } from '@waymark/domain';
import { ObjectType } from '../../graphql/object-type';
import { Text } from '../../graphql/text';

registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'Where one delivery (one event to one endpoint) stands.',
  valuesConfig: {
    PENDING: { description: 'Queued, not tried yet (or queued again by a redelivery).' },
    RETRYING: { description: 'Tried and failed; another try is scheduled (exponential backoff with jitter).' },
    DELIVERED: { description: 'The endpoint answered with a 2xx status.' },
    DEAD: { description: 'Every try failed: a dead letter, until it is redelivered.' },
  },
});

const EVENT_LIST = WEBHOOK_EVENT_TYPES.join(', ');

export interface WebhookEndpointRow {
  id: string;
  url: string;
  description: string | null;
  eventTypes: string[];
  enabled: boolean;
  previousSecretExpiresAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

@ObjectType('WebhookEndpoint', { description: 'Where the organisation receives signed webhooks (Standard Webhooks 1.0), and for which events.' })
export class WebhookEndpointObject {
  @Field(() => ID, { description: 'Id of the endpoint.' }) id!: string;
  @Field(() => String, { description: 'The URL each event is POSTed to.' }) url!: string;
  @Field(() => String, { nullable: true, description: 'What the endpoint is for.' }) description!: string | null;
  @Field(() => [String], { description: `The event types it receives (of ${EVENT_LIST}).` }) eventTypes!: string[];
  @Field(() => Boolean, { description: 'Whether events are sent to it.' }) enabled!: boolean;
  @Field(() => Date, {
    nullable: true,
    description: 'After a rotation, until when the previous secret still signs alongside the new one (both signatures are sent).',
  })
  previousSecretExpiresAt!: Date | null;
  @Field(() => Date, { description: 'When it was registered.' }) createdAt!: Date;
  @Field(() => Date, { description: 'When it last changed.' }) updatedAt!: Date;
}

@ObjectType('WebhookEndpointWithSecret', { description: 'An endpoint and its signing secret, shown this once.' })
export class WebhookEndpointWithSecret {
  @Field(() => WebhookEndpointObject, { description: 'The endpoint.' }) endpoint!: WebhookEndpointRow;
  @Field(() => String, { description: 'The signing secret (`whsec_` and base64): verify deliveries with it; it is never shown again.' })
  secret!: string;
}

export interface WebhookDeliveryRow {
  id: string;
  endpointId: string;
  endpointUrl: string;
  eventId: string;
  eventType: string;
  body: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  lastAttemptAt: Date | null;
  deliveredAt: Date | null;
  deadAt: Date | null;
  redeliveries: number;
  createdAt: Date;
}

@ObjectType('WebhookDelivery', { description: 'One event to one endpoint: the delivery ledger row, with how its tries went.' })
export class WebhookDeliveryObject {
  @Field(() => ID, { description: 'Id of the delivery; the receiver sees `msg_<id>` as `webhook-id` on every try.' }) id!: string;
  @Field(() => ID, { description: 'The endpoint.' }) endpointId!: string;
  @Field(() => String, { description: "The endpoint's URL." }) endpointUrl!: string;
  @Field(() => ID, { description: 'The event delivered.' }) eventId!: string;
  @Field(() => String, { description: 'Its type.' }) eventType!: string;
  @Field(() => String, { description: 'The JSON body sent (and signed).' }) body!: string;
  @Field(() => WebhookDeliveryStatus, { description: 'Where it stands.' }) status!: WebhookDeliveryStatus;
  @Field(() => Int, { description: 'Tries so far, redeliveries included.' }) attempts!: number;
  @Field(() => Int, { nullable: true, description: 'The HTTP status of the last answer, if there was one.' }) lastStatusCode!: number | null;
  @Field(() => String, { nullable: true, description: 'Why the last try failed.' }) lastError!: string | null;
  @Field(() => Date, { nullable: true, description: 'When it was last tried.' }) lastAttemptAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'When the endpoint accepted it.' }) deliveredAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'When it became a dead letter.' }) deadAt!: Date | null;
  @Field(() => Int, { description: 'How many times it was redelivered after dying.' }) redeliveries!: number;
  @Field(() => Date, { description: 'When the event was fanned out to the endpoint.' }) createdAt!: Date;
}

@InputType({ description: 'A new webhook endpoint.' })
export class CreateWebhookEndpointInput {
  @Field(() => String, {
    description: 'An http:// or https:// URL. Outside development it must be a public address: loopback, private and link-local ones are refused.',
  })
  @Text({ min: 1, max: MAX_WEBHOOK_URL_LENGTH })
  url!: string;

  @Field(() => [String], { description: `The event types to receive, one or more of ${EVENT_LIST}.` })
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  eventTypes!: string[];

  @Field(() => String, { nullable: true, description: 'What it is for (up to 500 characters).' })
  @IsOptional()
  @Text({ max: TEXT_LIMITS.webhookDescription })
  description?: string | null;

  @Field(() => Boolean, { defaultValue: true, description: 'Whether events are sent to it; true unless given.' })
  @IsBoolean()
  enabled: boolean = true;
}

@InputType({ description: 'Only the fields given change.' })
export class UpdateWebhookEndpointInput {
  @Field(() => String, { nullable: true, description: 'A new URL (checked as on creation); cannot be cleared.' })
  @IsOptional()
  @Text({ min: 1, max: MAX_WEBHOOK_URL_LENGTH })
  url?: string | null;

  @Field(() => [String], { nullable: true, description: `The event types to receive (of ${EVENT_LIST}); cannot be cleared.` })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  eventTypes?: string[] | null;

  @Field(() => String, { nullable: true, description: 'What it is for; null or empty clears it.' })
  @IsOptional()
  @Text({ max: TEXT_LIMITS.webhookDescription })
  description?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether events are sent to it.' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean | null;
}

@InputType({ description: 'Which deliveries; every condition given must hold.' })
export class WebhookDeliveryFilter {
  @Field(() => ID, { nullable: true, description: 'Only deliveries to this endpoint.' })
  @IsOptional()
  endpointId?: string | null;

  @Field(() => [WebhookDeliveryStatus], { nullable: true, description: 'Only deliveries in these states.' })
  @IsOptional()
  @ArrayMaxSize(4)
  @IsEnum(WebhookDeliveryStatus, { each: true })
  status?: WebhookDeliveryStatus[] | null;
}

@ObjectType('DeliveryFailure', { description: 'The most recent failed try.' })
export class DeliveryFailure {
  @Field(() => Date, { description: 'When it happened.' }) at!: Date;
  @Field(() => String, {
    nullable: true,
    description: "Why it failed; null when the failure was another organisation's (queue-wide figures never show their details).",
  })
  message!: string | null;
}

@ObjectType('WebhookDeliveryHealth', { description: "The organisation's own webhook deliveries, from the delivery ledger." })
export class WebhookDeliveryHealth {
  @Field(() => Int, { description: 'Deliveries queued, not tried yet.' }) pending!: number;
  @Field(() => Int, { description: 'Deliveries waiting for another try.' }) retrying!: number;
  @Field(() => Int, { description: 'Deliveries accepted by their endpoint.' }) delivered!: number;
  @Field(() => Int, { description: 'Dead letters (see webhookDeadLetters).' }) deadLetters!: number;
  @Field(() => Int, { nullable: true, description: 'Seconds since the oldest delivery still owed was queued; null when none is owed.' })
  oldestOwedAgeSeconds!: number | null;
  @Field(() => DeliveryFailure, { nullable: true, description: 'The last failed try of any of its deliveries.' }) lastFailure!: DeliveryFailure | null;
}

@ObjectType('ReminderDeliveryHealth', { description: "The organisation's own reminder emails, from the reminder ledger." })
export class ReminderDeliveryHealth {
  @Field(() => Int, { description: 'Digests claimed by a worker and not yet marked sent (being sent now, or waiting for their lease to run out).' })
  sending!: number;
  @Field(() => Int, { description: 'Digests sent in the last 24 hours.' }) sentLastDay!: number;
  @Field(() => Date, { nullable: true, description: 'When the last digest was sent; null when none ever was.' }) lastSentAt!: Date | null;
}

@ObjectType('EventRelayHealth', { description: "The organisation's own domain events, from the outbox." })
export class EventRelayHealth {
  @Field(() => Int, { description: 'Events recorded and not yet handed to the worker.' }) waiting!: number;
  @Field(() => Int, { nullable: true, description: 'Seconds the oldest of them has waited; null when none waits.' }) oldestWaitingAgeSeconds!: number | null;
}

/** Why queue-wide figures are not here: they mix every organisation's work. */
export const QUEUE_WIDE_ELSEWHERE = "Queue-wide figures mix every organisation's work, so they are shown to operators only (the worker's /metrics)";

@ObjectType('QueueCounts', { description: 'Deprecated: queue-wide counts are no longer shown to organisations.' })
export class QueueCounts {
  @Field(() => String, { description: 'The queue.' }) name!: string;
  @Field(() => Int, { description: 'Jobs waiting for a worker.' }) waiting!: number;
  @Field(() => Int, { description: 'Jobs being processed.' }) active!: number;
  @Field(() => Int, { description: 'Jobs scheduled for later (retries included).' }) delayed!: number;
  @Field(() => Int, { description: 'Jobs that failed for good (kept for a while).' }) failed!: number;
  @Field(() => Int, { description: 'Jobs completed (kept for a while).' }) completed!: number;
  @Field(() => Int, { nullable: true, description: 'Seconds the oldest waiting job has waited; null when none waits.' }) oldestWaitingAgeSeconds!: number | null;
  @Field(() => DeliveryFailure, { nullable: true, description: "The queue's last failure." }) lastFailure!: DeliveryFailure | null;
}

@ObjectType('QueueHealth', { description: "How the organisation's own background work is doing: its webhook deliveries, reminder emails and events, and nothing of any other organisation's." })
export class QueueHealth {
  @Field(() => WebhookDeliveryHealth, { description: "This organisation's webhook deliveries." }) deliveries!: WebhookDeliveryHealth;
  @Field(() => ReminderDeliveryHealth, { description: "This organisation's reminder emails." }) reminders!: ReminderDeliveryHealth;
  @Field(() => EventRelayHealth, { description: "This organisation's domain events on their way to the worker." }) events!: EventRelayHealth;
  @Field(() => [QueueCounts], { nullable: true, description: 'Always null: see queuesUnavailableReason.', deprecationReason: QUEUE_WIDE_ELSEWHERE })
  queues!: QueueCounts[] | null;
  @Field(() => String, { nullable: true, description: 'Why `queues` is null.', deprecationReason: QUEUE_WIDE_ELSEWHERE }) queuesUnavailableReason!: string | null;
}
