import { sqlPool } from '@waymark/db';
import { JOBS } from '@waymark/jobs';
import { defineProcessor } from './processor';

/** Liveness: touches PostgreSQL and answers with its clock. */
export const heartbeat = defineProcessor({
  job: JOBS.heartbeat,
  async handle({ orm }, payload) {
    const { now } = await sqlPool(orm, { kind: 'system', purpose: 'heartbeat' })
      .selectNoFrom((eb) => eb.fn<Date>('now').as('now'))
      .executeTakeFirstOrThrow();
    return { requestedAt: payload.requestedAt, databaseTime: new Date(now).toISOString() };
  },
});
