import type { Queue, Worker } from 'bullmq';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { within } from '@waymark/jobs';
import { processMetrics } from '@waymark/logger';

const STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed'] as const;

/**
 * The worker's Prometheus metrics (GET /metrics on the health port): queue depths read from Redis
 * at each scrape, job durations and failures, reminders sent, webhooks delivered and dead-lettered,
 * and the process. Labels are queue and job names only: nothing about an organisation or a person.
 */
export class WorkerMetrics {
  readonly registry = new Registry();
  readonly jobSeconds = new Histogram({
    name: 'waymark_worker_job_duration_seconds',
    help: 'Time a job took from being picked up to finishing, by queue, job name and outcome.',
    labelNames: ['queue', 'job', 'outcome'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
    registers: [this.registry],
  });
  readonly jobFailures = new Counter({
    name: 'waymark_worker_job_failures_total',
    help: 'Tries of a job that failed (a retried job counts each failed try), by queue and job name.',
    labelNames: ['queue', 'job'] as const,
    registers: [this.registry],
  });
  readonly remindersSent = new Counter({
    name: 'waymark_worker_reminders_sent_total',
    help: 'Reminder digests the SMTP server accepted and the ledger marked sent.',
    registers: [this.registry],
  });
  readonly webhooksDelivered = new Counter({
    name: 'waymark_worker_webhooks_delivered_total',
    help: 'Webhook deliveries the endpoint accepted (2xx).',
    registers: [this.registry],
  });
  readonly webhooksDead = new Counter({
    name: 'waymark_worker_webhooks_dead_lettered_total',
    help: 'Webhook deliveries that used up their tries and became dead letters.',
    registers: [this.registry],
  });

  constructor(queues: readonly Queue[]) {
    processMetrics(this.registry, 'waymark_worker_');
    new Gauge({
      name: 'waymark_worker_queue_jobs',
      help: 'Jobs in each queue by state, read from Redis at scrape time (absent while Redis does not answer).',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        await Promise.all(queues.map(async (q) => {
          const counts = await within(1_000, q.getJobCounts(...STATES)).catch(() => null);
          if (counts) for (const state of STATES) this.set({ queue: q.name, state }, counts[state] ?? 0);
        }));
      },
    });
  }

  /** Times every job of these workers and counts their failed tries. */
  observe(workers: readonly Worker[]) {
    for (const w of workers) {
      w.on('completed', (job) => {
        if (job.processedOn && job.finishedOn) this.jobSeconds.observe({ queue: w.name, job: job.name, outcome: 'completed' }, (job.finishedOn - job.processedOn) / 1000);
      });
      w.on('failed', (job) => {
        if (!job) return;
        this.jobFailures.inc({ queue: w.name, job: job.name });
        if (job.processedOn) this.jobSeconds.observe({ queue: w.name, job: job.name, outcome: 'failed' }, (Date.now() - job.processedOn) / 1000);
      });
    }
  }
}
