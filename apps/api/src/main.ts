import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/postgresql';
import { configOrExit, databaseUrlFor, replicaUrlFor } from '@waymark/config';
import { appTimeouts, ormConfig } from '@waymark/db';
import { createLogger } from '@waymark/logger';
import { startTracing } from '@waymark/telemetry';
import { createApiServer } from './server';

async function main() {
  const cfg = configOrExit('api');
  const log = createLogger({ level: cfg.LOG_LEVEL, name: 'api', production: cfg.NODE_ENV === 'production' });
  // Off (nothing installed) unless OTEL_EXPORTER_OTLP_ENDPOINT is set.
  const tracing = startTracing(cfg, 'waymark-api');
  if (tracing) log.info('traces: exported over OTLP/HTTP to OTEL_EXPORTER_OTLP_ENDPOINT');
  // The API connects as waymark_app: row-level security applies to every query it sends.
  const orm = await MikroORM.init(
    ormConfig({ clientUrl: databaseUrlFor(cfg, 'app'), poolMax: cfg.DATABASE_POOL_MAX, timeouts: appTimeouts(cfg) }),
  );
  // Benchmark views read from the replica when there is one.
  const replicaUrl = replicaUrlFor(cfg);
  const replica = replicaUrl ? await MikroORM.init(ormConfig({ clientUrl: replicaUrl, poolMax: cfg.DATABASE_POOL_MAX, timeouts: appTimeouts(cfg) })) : null;
  const server = await createApiServer(cfg, orm, { log, replica });
  const port = await server.listen(cfg.PORT, cfg.HOST);
  log.info({ port, host: cfg.HOST }, `GraphQL API listening on http://${cfg.HOST === '0.0.0.0' ? 'localhost' : cfg.HOST}:${port}/graphql`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: stopping`);
    const deadline = setTimeout(() => {
      log.error(`shutdown took longer than ${cfg.SHUTDOWN_DEADLINE_MS} ms: exiting`);
      process.exit(1);
    }, cfg.SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    await server.stop();
    await orm.close();
    await replica?.close();
    await tracing?.shutdown().catch((error: unknown) => log.warn({ err: error }, 'the last spans could not be exported'));
    clearTimeout(deadline);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
