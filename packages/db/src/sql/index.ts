import {
  type ColumnType,
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
  sql,
} from 'kysely';
import type { SqlRunner } from '../session/runner';
import type { DB } from './schema';
import { CamelNames } from './names';
import { type Scope, ScopePlugin } from './scope';
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
    this.connection = {
      async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
        const { rows, rowCount } = await runner.result<R>(query.sql, query.parameters);
        return { rows, ...(rowCount === null ? {} : { numAffectedRows: BigInt(rowCount) }) };
      },
      streamQuery() {
        throw new Error('statements are not streamed through the session: use a cursor');
      },
    };
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
  return new Kysely<ScopedDB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new RunnerDriver(runner),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
    plugins: [new CamelNames(), new ScopePlugin(scope, SCOPED_TABLES)],
  });
}

/** `= any($n::uuid[])`: one parameter however many ids, as `.where('id', '=', anyUuid(ids))`. */
export const anyUuid = (ids: readonly string[]) => sql<string>`any(${ids}::uuid[])`;
