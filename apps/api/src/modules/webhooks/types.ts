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
