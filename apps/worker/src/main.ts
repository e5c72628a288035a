import 'reflect-metadata';
import { configOrExit } from '@waymark/config';
import { createLogger } from '@waymark/logger';
import { startTracing } from '@waymark/telemetry';
import { startWorker } from './worker';

async function main() {
  const cfg = configOrExit('worker');
  const logger = createLogger({ level: cfg.LOG_LEVEL, name: 'worker', production: cfg.NODE_ENV === 'production' });
  // Off (nothing installed) unless OTEL_EXPORTER_OTLP_ENDPOINT is set.
  const tracing = startTracing(cfg, 'waymark-worker');
  if (tracing) logger.info('traces: exported over OTLP/HTTP to OTEL_EXPORTER_OTLP_ENDPOINT');
  const worker = await startWorker(cfg, { logger });
  logger.info({ queues: worker.workers.map((w) => w.name), health: worker.health?.port, mail: worker.services.mailer.enabled }, 'worker ready');
  if (!worker.services.mailer.enabled) logger.warn('SMTP_URL is not set: reminder emails are not sent (nothing is marked as sent either)');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping worker');
    const result = await worker.stop();
    if (result.timedOut) logger.error({ completed: result.completed }, `shutdown passed its ${cfg.SHUTDOWN_DEADLINE_MS} ms deadline`);
    for (const failure of result.failed) logger.error(failure, 'shutdown step failed');
    await tracing?.shutdown().catch((error: unknown) => logger.warn({ err: error }, 'the last spans could not be exported'));
    process.exit(result.timedOut || result.failed.length ? 1 : 0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
