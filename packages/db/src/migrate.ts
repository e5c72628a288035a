import { MikroORM } from '@mikro-orm/postgresql';
import type { DatabaseConfig as Config } from '@waymark/config';
import { ormConfig } from './orm';
import { ensureRoles } from './migrations/roles';
import { TENANT_FK_SUFFIX } from './migrations/tenancy';

export { ensureRoles };

export interface MigrateResult {
  applied: string[];
}

/** Brings a database to the latest schema: roles first, then every pending migration in one transaction. */
export async function migrateDatabase(
  clientUrl: string,
  cfg: Pick<Config, 'DATABASE_APP_PASSWORD' | 'DATABASE_ANALYTICS_PASSWORD'>,
): Promise<MigrateResult> {
  const orm = await MikroORM.init(ormConfig({ clientUrl, poolMax: 1 }));
  try {
    await ensureRoles(orm, cfg);
    const applied = await orm.getMigrator().up();
    return { applied: applied.map((m) => m.name) };
  } finally {
    await orm.close(true);
  }
}

/**
 * The schema changes the entities call for that no migration has made: empty when the migrations
 * are complete. The composite tenant foreign keys are made by the migrations alone (the ORM cannot
 * describe a key that shares organisation_id with another), so the ORM's wish to drop them is not
 * a change.
 */
export async function pendingSchemaChanges(clientUrl: string): Promise<{ up: string[]; down: string[] }> {
  const orm = await MikroORM.init(ormConfig({ clientUrl, poolMax: 1 }));
  try {
    const diff = await orm.getSchemaGenerator().getUpdateSchemaMigrationSQL({ wrap: false });
    const statements = (sql: string) =>
      sql
        .split(/;\n/)
        .map((s) => s.trim())
        .filter((s) => s && !s.includes(`${TENANT_FK_SUFFIX}"`))
        .map((s) => (s.endsWith(';') ? s : `${s};`));
    return { up: statements(diff.up), down: statements(diff.down) };
  } finally {
    await orm.close(true);
  }
}

/** True when the entities describe a schema the migrations do not produce (a migration is missing). */
export async function migrationNeeded(clientUrl: string): Promise<boolean> {
  return (await pendingSchemaChanges(clientUrl)).up.length > 0;
}
