import { JOBS } from '@waymark/jobs';
import { defineProcessor } from './processor';

/** Liveness: touches PostgreSQL and answers with its clock. */
export const heartbeat = defineProcessor({
  job: JOBS.heartbeat,
  async handle({ orm }, payload) {
    const rows = await orm.em.fork().getConnection().execute<{ now: Date }[]>('select now() as now');
    return { requestedAt: payload.requestedAt, databaseTime: new Date(rows[0]!.now).toISOString() };
  },
});
