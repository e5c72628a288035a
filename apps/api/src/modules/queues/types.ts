import { Field, Int } from 'type-graphql';
import { ObjectType } from '../../graphql/object-type';

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
