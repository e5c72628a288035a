import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * The lint rule that keeps SQL to the typed layer (scripts/eslint/sql-layer.mjs), run as `npm run
 * lint` runs it: ESLint with the repository's configuration, in a process of its own (its
 * configuration is an ES module, which Jest's sandbox cannot load), on code given in place of real
 * files of the tree, with the type information the rule judges by.
 */
const ROOT = path.resolve(__dirname, '../../../..');

const LINT = `
import { ESLint } from 'eslint';
const cases = JSON.parse(process.argv[1]);
const eslint = new ESLint({ cwd: process.cwd() });
const out = [];
for (const [file, code] of cases) {
  const [result] = await eslint.lintText(code, { filePath: file });
  // Fatal messages too (a file the type checker cannot see is a parsing error, not a pass).
  out.push(result.messages.filter((m) => m.fatal || m.ruleId === 'waymark/sql-layer').map((m) => m.line + ': ' + m.message.split(':')[0]));
}
console.log(JSON.stringify(out));
`;

/** What the rule says of each [file, code], in order. */
async function lint(cases: [file: string, code: string][]): Promise<string[][]> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--input-type=module', '-e', LINT, JSON.stringify(cases.map(([file, code]) => [path.join(ROOT, file), code]))],
    { cwd: ROOT, maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout) as string[][];
}

const OLD_STYLES = `import type { EntityManager } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import type { Session } from '@waymark/db';

export async function oldStyles(em: EntityManager, client: Client, session: Session) {
  const manager = em; // another name changes nothing: the rule reads the type
  await manager.execute('select now()');
  await em.getConnection().execute(\`update partner set name = 'x'\`);
  await client.query('begin');
  const knex = em.getConnection().getKnex();
  const text = \`delete from partner where id = \${session.organisationId}\`;
  return [knex, text];
}
`;

const TYPED = `import { sql } from 'kysely';
import type { Session } from '@waymark/db';

export async function typed(session: Session) {
  const query = { hint: 'Select your partners from the list' }; // words, not a statement
  await sql\`select id from partner\`.execute(session.db.sql);
  return [query, await session.db.sql.selectFrom('partner').select('name').execute()];
}
`;

const SYSTEM = `export const scope = { kind: 'system', purpose: 'everything' } as const;\n`;
// The code is linted as if it were this file (the type checker knows only files of the project).
const HERE = 'apps/api/src/modules/partners/reads.ts';
let said: string[][];
beforeAll(async () => {
  said = await lint([[HERE, OLD_STYLES], [HERE, TYPED], [HERE, SYSTEM], ['apps/worker/src/outbox/relay.ts', SYSTEM]]);
}, 120_000);

it('refuses MikroORM execute, knex, a client query and statements as strings, however they are named', () => {
  expect(said[0]).toEqual([
    '7: SqlEntityManager',
    '8: AbstractSqlConnection',
    '8: A statement written as a string',
    '9: Client.query()',
    '10: knex (getKnex(), the Knex types)',
    '11: A statement written as a string',
  ]);
});

it('accepts the typed builder and its sql tag', () => {
  expect(said[1]).toEqual([]);
});

it('lets only the files listed for it open the system scope', () => {
  expect(said[2]).toEqual(['1: The system scope narrows nothing']);
  expect(said[3]).toEqual([]);
});
