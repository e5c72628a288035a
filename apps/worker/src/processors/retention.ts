import { sqlPool } from '@waymark/db';
import { JOBS } from '@waymark/jobs';
import { sql } from 'kysely';
import { defineProcessor } from './processor';

const DAY_MS = 24 * 3600 * 1000;

interface Pruned {
  organisationId: string;
  auditEntries: string;
  reminderDeliveries: string;
  webhookDeliveries: string;
}

/**
 * Retention: deletes audit entries older than AUDIT_RETENTION_DAYS and finished deliveries (sent
 * reminders, delivered or dead webhooks) older than DELIVERY_RETENTION_DAYS, in every organisation,
 * through waymark_prune (the API role may not delete audit entries itself). Idempotent: a second run
 * finds nothing more to delete. Answers how many rows went, per organisation.
 */
export const retentionPrune = defineProcessor({
  job: JOBS.retentionPrune,
  async handle({ orm, cfg }) {
    const now = Date.now();
    const auditBefore = new Date(now - cfg.AUDIT_RETENTION_DAYS * DAY_MS);
    const deliveriesBefore = new Date(now - cfg.DELIVERY_RETENTION_DAYS * DAY_MS);
    const rows = await sqlPool(orm, { kind: 'system', purpose: 'retention' })
      .selectFrom(sql<Pruned>`waymark_prune(${auditBefore}, ${deliveriesBefore})`.as('p'))
      .selectAll()
      .execute();
    return {
      auditBefore: auditBefore.toISOString(),
      deliveriesBefore: deliveriesBefore.toISOString(),
      organisations: rows.map((r) => ({
        organisationId: r.organisationId, auditEntries: Number(r.auditEntries), reminderDeliveries: Number(r.reminderDeliveries), webhookDeliveries: Number(r.webhookDeliveries),
      })),
    };
  },
});
