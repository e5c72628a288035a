/**
 * Domain events: what happened to an organisation's data, written to the outbox in the transaction
 * that made the change (see `recordEvent` in packages/db) and relayed by the worker to the
 * `events` queue. Webhook fan-out and other consumers read this union.
 */
export const DOMAIN_EVENT_TYPES = [
  'assessment.submitted',
  'assessment.reopened',
  'plan.generated',
  'action_item.status_changed',
  'action_item.overdue',
  'partner.review_due',
] as const;
export type DomainEventType = (typeof DOMAIN_EVENT_TYPES)[number];

export const isDomainEventType = (value: string): value is DomainEventType => (DOMAIN_EVENT_TYPES as readonly string[]).includes(value);

/** What each event carries besides its organisation and subject (the id of the row it is about). */
export interface DomainEventPayloads {
  'assessment.submitted': { cycle: string; frameworkId: string; submittedAt: string };
  'assessment.reopened': { cycle: string; reason: string };
  'plan.generated': { assessmentId: string; planId: string; items: number };
  'action_item.status_changed': { from: string; to: string; assessmentId: string };
  'action_item.overdue': { dueOn: string | null; nextReviewOn: string | null; period: string };
  'partner.review_due': { nextReviewOn: string; period: string };
}

export interface DomainEvent<T extends DomainEventType = DomainEventType> {
  organisationId: string;
  type: T;
  subjectId: string;
  payload: DomainEventPayloads[T];
}
