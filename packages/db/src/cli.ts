import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/postgresql';
import { configOrExit } from '@waymark/config';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { migrateDatabase, migrationNeeded, pendingSchemaChanges } from './migrate';
import { ormConfig } from './orm';
import { seedDemo } from './seeders/demo';
import { importBundledFrameworks } from './frameworks/import';
import { SCHEMA_TYPES_FILE, schemaTypes } from './sql/generate';

const migrationSource = (name: string, up: string[], down: string[]) => `import { Migration } from '@mikro-orm/migrations';

export class ${name} extends Migration {
  override up(): void {
${up.map((q) => `    this.addSql(${JSON.stringify(q)});`).join('\n')}
  }

  override down(): void {
${down.map((q) => `    this.addSql(${JSON.stringify(q)});`).join('\n')}
  }
}
`;

/** `node packages/db/dist/cli.js <command>`: the database steps the README and docker compose run. */
async function main(command: string | undefined): Promise<number> {
  const cfg = configOrExit('database');
  switch (command) {
    case 'migrate': {
      const { applied } = await migrateDatabase(cfg.DATABASE_URL, cfg);
      console.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database schema is up to date.');
      return 0;
    }
    case 'frameworks': {
      const orm = await MikroORM.init(ormConfig({ clientUrl: cfg.DATABASE_URL }));
      try {
        const report = await importBundledFrameworks(orm.em.fork());
        for (const line of report) console.log(line);
      } finally {
        await orm.close(true);
      }
      return 0;
    }
    case 'seed': {
      const orm = await MikroORM.init(ormConfig({ clientUrl: cfg.DATABASE_URL }));
      try {
        for (const line of await importBundledFrameworks(orm.em.fork())) console.log(line);
        const summary = await seedDemo(orm.em.fork());
        console.log(summary);
      } finally {
        await orm.close(true);
      }
      return 0;
    }
    case 'check': {
      const needed = await migrationNeeded(cfg.DATABASE_URL);
      console.log(needed ? 'The entities differ from the migrated schema: create a migration.' : 'Migrations match the entities.');
      return needed ? 1 : 0;
    }
    case 'create-migration': {
      const { up, down } = await pendingSchemaChanges(cfg.DATABASE_URL);
      if (!up.length) {
        console.log('No changes.');
        return 0;
      }
      const name = `Migration${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}`;
      const file = path.join(__dirname, '..', 'src', 'migrations', `${name}.ts`);
      writeFileSync(file, migrationSource(name, up, down));
      console.log(`Created ${path.relative(process.cwd(), file)}: review it, then add it to src/migrations/index.ts`);
      return 0;
    }
    case 'types': {
      const file = path.join(__dirname, '..', SCHEMA_TYPES_FILE);
      writeFileSync(file, await schemaTypes(cfg.DATABASE_URL));
      console.log(`Wrote ${path.relative(process.cwd(), file)} from the migrated schema.`);
      return 0;
    }
    default:
      console.error('usage: cli.js migrate | frameworks | seed | check | create-migration | types');
      return 2;
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
