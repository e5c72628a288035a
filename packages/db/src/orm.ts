import { type Options, ReflectMetadataProvider } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver, defineConfig } from '@mikro-orm/postgresql';
import { SeedManager } from '@mikro-orm/seeder';
import path from 'node:path';
import { ENTITIES, TENANT_ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export const TENANT_FILTER = 'tenant';

export interface OrmOptions {
  clientUrl: string;
  poolMax?: number;
  /** Receives every SQL statement; tests use it to count queries per request. */
  onQuery?: (sql: string) => void;
  /** Only for the cross-organisation reader: no tenant filter (its role reads every organisation). */
  withoutTenantFilter?: boolean;
  /**
   * Limits for the apps' connections, so a frozen or overloaded database fails requests quickly
   * instead of hanging them: statements are cancelled, idle transactions ended, and waiting for a
   * pooled connection gives up. Migrations (the owner's connection) run without them.
   */
  timeouts?: { statementMs: number; idleInTransactionMs: number; acquireMs: number };
}

/** The app's connection settings from its configuration. */
export function appTimeouts(cfg: {
  DATABASE_STATEMENT_TIMEOUT_MS: number;
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: number;
  DATABASE_ACQUIRE_TIMEOUT_MS: number;
}): NonNullable<OrmOptions['timeouts']> {
  return {
    statementMs: cfg.DATABASE_STATEMENT_TIMEOUT_MS,
    idleInTransactionMs: cfg.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    acquireMs: cfg.DATABASE_ACQUIRE_TIMEOUT_MS,
  };
}

export function ormConfig({ clientUrl, poolMax = 10, onQuery, withoutTenantFilter = false, timeouts }: OrmOptions): Options<PostgreSqlDriver> {
  return defineConfig({
    clientUrl,
    entities: ENTITIES,
    metadataProvider: ReflectMetadataProvider,
    discovery: { warnWhenNoEntities: true },
    pool: { min: 0, max: poolMax, ...(timeouts ? { acquireTimeoutMillis: timeouts.acquireMs } : {}) },
    ...(timeouts
      ? {
          driverOptions: {
            connection: {
              statement_timeout: timeouts.statementMs,
              // A frozen server cannot cancel its own statements: the client gives up a little later.
              query_timeout: timeouts.statementMs + 1_000,
              idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
              // A database that does not answer a new connection at all is as good as down.
              connectionTimeoutMillis: timeouts.acquireMs,
            },
          },
        }
      : {}),
    forceUtcTimezone: true,
    allowGlobalContext: false,
    // Every find on a tenant entity needs the organisation: a missing parameter is an error, not all rows.
    filters: withoutTenantFilter ? {} : {
      [TENANT_FILTER]: {
        name: TENANT_FILTER,
        cond: (args: { organisationId?: string }) => ({ organisationId: args.organisationId }),
        entity: TENANT_ENTITIES.map((e) => e.name),
        default: true,
      },
    },
    extensions: [Migrator, SeedManager],
    migrations: {
      migrationsList: MIGRATIONS,
      path: path.join(__dirname, 'migrations'),
      pathTs: path.join(__dirname, '..', 'src', 'migrations'),
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: 'ts',
      silent: true,
    },
    debug: onQuery ? ['query'] : false,
    logger: onQuery ? (message: string) => onQuery(message) : undefined,
    colors: false,
  });
}
