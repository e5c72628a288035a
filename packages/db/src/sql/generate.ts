import { Kysely, PostgresDialect as KyselyPostgres } from 'kysely';
import { Pool } from 'pg';

/** Where the generated row types live, from packages/db (source or dist). */
export const SCHEMA_TYPES_FILE = 'src/sql/schema.ts';

/**
 * The row types of every table, generated from a migrated database by kysely-codegen: columns in
 * camelCase (the CamelCasePlugin maps them to the snake_case names in SQL), PostgreSQL enums as
 * unions, calendar dates as strings, MikroORM's own bookkeeping table left out. `npm run db:types` writes them to
 * src/sql/schema.ts, and a test fails when that file differs from what the migrations make.
 */
export async function schemaTypes(databaseUrl: string): Promise<string> {
  // A development tool: loaded only here, never by the running apps.
  const codegen = await import('kysely-codegen');
  const db = new Kysely<unknown>({ dialect: new KyselyPostgres({ pool: new Pool({ connectionString: databaseUrl, max: 1 }) }) });
  try {
    return await codegen.generate({
      db,
      dialect: new codegen.PostgresDialect(),
      camelCase: true,
      excludePattern: 'mikro_orm_migrations',
      outFile: null,
      typeOnlyImports: true,
      // Calendar dates are read as the plain 'YYYY-MM-DD' they are (see session/runner.ts).
      typeMapping: { date: 'string' },
    });
  } finally {
    await db.destroy();
  }
}
