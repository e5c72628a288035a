import {
  type ColumnType,
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  type QueryResult,
  sql,
} from 'kysely';
import type { EntityManager, Knex, MikroORM } from '@mikro-orm/postgresql';
import { type PgConnection, SqlRunner } from '../session/runner';
import type { DB } from './schema';
import { StarRows } from './names';
import type { Scope } from './scope';
import { StatementCompiler } from './statements';
import { type OrganisationTable, SCOPED_TABLES } from './tables';

export type { DB } from './schema';
export { ScopeError, type Scope } from './scope';
export { SCOPED_TABLES, type OrganisationTable } from './tables';

/**
 * The schema as statements in a scope see it: an organisation table's `organisationId` is read as
 * it is, filled in by the scope on insert (so it may be left out) and never updated.
 */
export type ScopedDB = {
  [T in keyof DB]: T extends OrganisationTable ? Omit<DB[T], 'organisationId'> & { organisationId: ColumnType<string, string | undefined, never> } : DB[T];
};

/** The one way to write SQL: typed by the generated schema, scoped by structure. */
export type Sql = Kysely<ScopedDB>;

/**
 * Statements go through the session's own runner: its connection, its transaction (so row-level
 * security and the tenant setting apply), its one-at-a-time queue and its statement observer.
 * Transactions belong to the session, never to a statement.
 */
class RunnerDriver implements Driver {
  private readonly connection: DatabaseConnection;

  constructor(runner: SqlRunner) {
    this.connection = new RunnerConnection(runner);
  }

  async init(): Promise<void> {}
  acquireConnection(): Promise<DatabaseConnection> {
    return Promise.resolve(this.connection);
  }
  beginTransaction(): Promise<void> {
    return Promise.reject(new Error('the session owns the transaction'));
  }
  commitTransaction(): Promise<void> {
    return this.beginTransaction();
  }
  rollbackTransaction(): Promise<void> {
    return this.beginTransaction();
  }
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {}
}

/**
 * A query builder on `runner`, in `scope`: column names in camelCase (written snake_case in SQL,
 * see names.ts),
 * and every statement on a scoped table narrowed to the scope (see scope.ts).
 */
export function sqlOn(runner: SqlRunner, scope: Scope): Sql {
  return builder(() => new RunnerDriver(runner), scope);
}

function builder(driver: () => Driver, scope: Scope): Sql {
  const starRows = new StarRows();
  return new Kysely<ScopedDB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: driver,
      createIntrospector: (db) => new PostgresIntrospector(db),
      // Scoping, names and kept templates in one place (statements.ts); the plugin renames `select *` rows.
      createQueryCompiler: () => new StatementCompiler(scope, SCOPED_TABLES, starRows),
    },
    plugins: [starRows],
  });
}

/** The pool MikroORM's knex keeps, as the layer and the session take connections from it. */
export interface KnexClient {
  acquireConnection(): Promise<PgConnection>;
  releaseConnection(connection: PgConnection): Promise<void>;
}

/**
 * The typed builder inside `em`'s open transaction (MikroORM's `transactional` or `begin`), on the
 * connection that transaction holds, so what it writes commits or rolls back with the entities.
 */
export async function sqlIn(em: EntityManager, scope: Scope): Promise<Sql> {
  const trx = em.getTransactionContext<Knex.Transaction>();
  if (!trx) throw new Error('sqlIn needs an open transaction: use em.transactional, or sqlPool for single statements');
  const connection = await (trx.client as unknown as KnexClient).acquireConnection();
  return sqlOn(new SqlRunner(connection), scope);
}

/**
 * The typed builder on the ORM's pool: each statement on a pooled connection of its own, and
 * `sql.transaction().execute(...)` for several in one transaction (begun, committed or rolled back
 * by Kysely on one connection). For work no session holds: the worker's claims and health checks.
 */
export function sqlPool(orm: MikroORM, scope: Scope): Sql {
  return onPool(orm.em, scope);
}

function onPool(em: EntityManager, scope: Scope): Sql {
  return builder(() => new PoolDriver(em.getConnection().getKnex().client as KnexClient), scope);
}

/**
 * The typed builder for an entity manager: in its open transaction when it has one (as sqlIn),
 * otherwise on its pool, each statement on a pooled connection of its own (as sqlPool).
 */
export async function sqlOfManager(em: EntityManager, scope: Scope): Promise<Sql> {
  return em.getTransactionContext() ? sqlIn(em, scope) : onPool(em, scope);
}

class PoolDriver implements Driver {
  constructor(private readonly client: KnexClient) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new PooledConnection(await this.client.acquireConnection());
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    await this.client.releaseConnection((connection as PooledConnection).connection);
  }

  async destroy(): Promise<void> {}
}

/** Statements on one runner: its connection, its one-at-a-time queue and its observer. */
class RunnerConnection implements DatabaseConnection {
  constructor(private readonly runner: SqlRunner) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const { rows, rowCount } = await this.runner.result<R>(query.sql, query.parameters);
    return { rows, ...(rowCount === null ? {} : { numAffectedRows: BigInt(rowCount) }) };
  }

  streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('statements are not streamed through a runner: use a cursor in a session');
  }
}

class PooledConnection extends RunnerConnection {
  constructor(readonly connection: PgConnection) {
    super(new SqlRunner(connection));
  }
}

/** `= any($n::uuid[])`: one parameter however many ids, as `.where('id', '=', anyUuid(ids))`. */
export const anyUuid = (ids: readonly string[]) => sql<string>`any(${ids}::uuid[])`;

export { cursorBatches } from './cursor';
