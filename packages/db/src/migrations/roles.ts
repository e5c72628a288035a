import type { MikroORM } from '@mikro-orm/postgresql';
import type { DatabaseConfig as Config } from '@waymark/config';
import { DATABASE_ROLES } from '@waymark/config';

const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

/**
 * Creates (or updates the passwords of) the login roles the API and the benchmark job use. Roles
 * live outside any one database, so this runs before migrations rather than inside one. It is
 * schema administration the typed builder cannot write (CREATE and ALTER ROLE in a DO block, the
 * password a literal because utility statements take no parameters), so it lives here with the
 * migrations.
 */
export async function ensureRoles(orm: MikroORM, cfg: Pick<Config, 'DATABASE_APP_PASSWORD' | 'DATABASE_ANALYTICS_PASSWORD'>) {
  const roles = [
    { name: DATABASE_ROLES.app, password: cfg.DATABASE_APP_PASSWORD, bypass: 'NOBYPASSRLS' },
    { name: DATABASE_ROLES.analytics, password: cfg.DATABASE_ANALYTICS_PASSWORD, bypass: 'BYPASSRLS' },
  ];
  for (const role of roles) {
    // NOINHERIT: if anyone ever grants these roles another role, its policies must not leak in.
    await orm.em.getConnection().execute(`
      do $$ begin
        if not exists (select from pg_roles where rolname = ${literal(role.name)}) then
          create role ${role.name} login noinherit ${role.bypass} password ${literal(role.password)};
        else
          alter role ${role.name} login noinherit ${role.bypass} password ${literal(role.password)};
        end if;
      end $$`);
  }
}
