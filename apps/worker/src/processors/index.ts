import { benchmarkRecompute } from './benchmarks';
import { domainEvent } from './domain-event';
import { heartbeat } from './heartbeat';
import { organisationReminders } from './organisation-reminders';
import { reminderScan } from './reminder-scan';
import { retentionPrune } from './retention';
import { webhookDelivery } from './webhooks';
import type { Processor } from './processor';

export { EVENT_CONSUMERS, type EventConsumer } from './domain-event';
export { defineProcessor, type Processor } from './processor';

/** Every job the worker runs: one file per job in this folder, listed once here. */
export const PROCESSORS: readonly Processor[] = [heartbeat, domainEvent, reminderScan, organisationReminders, webhookDelivery, benchmarkRecompute, retentionPrune];
