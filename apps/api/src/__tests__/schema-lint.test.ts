import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { printSchema } from 'graphql';
import { createSchema } from '../graphql/schema';

/**
 * graphql-schema-linter, a tool integrators run themselves, on the live schema with apps/api's
 * config (.graphql-schema-linterrc.yml: the Relay connection rules, the description rules and the
 * naming rules; the field-order rules are off, with the reason there): 0 errors.
 */
const API_DIR = path.join(__dirname, '../..');
const CLI = require.resolve('graphql-schema-linter/lib/cli.js');

interface Report {
  errors: { message: string; rule: string; location: { line: number } }[];
}

function lint(sdl: string): { status: number | null; report: Report } {
  const run = spawnSync(process.execPath, [CLI, '--stdin', '--format', 'json', '--config-directory', API_DIR], { input: sdl, encoding: 'utf8' });
  if (!run.stdout) throw new Error(`graphql-schema-linter said nothing: ${run.stderr}`);
  return { status: run.status, report: JSON.parse(run.stdout) as Report };
}

it('finds 0 errors in the schema with the Relay and description rules on', async () => {
  const { status, report } = lint(printSchema(await createSchema()));
  expect(report.errors.map((e) => `${e.rule} (line ${e.location.line}): ${e.message}`)).toEqual([]);
  expect(status).toBe(0);
});

it('would report a list without connection arguments, an undescribed field and a PageInfo without hasPreviousPage', () => {
  const sdl = `
    "Reads." type Query { "Things." things: ThingConnection! }
    "A thing." type Thing { name: String }
    "A page." type ThingConnection { "Edges." edges: [ThingEdge!]! "Where." pageInfo: PageInfo! }
    "An edge." type ThingEdge { "Node." node: Thing "Cursor." cursor: String! }
    "Where." type PageInfo { "More." hasNextPage: Boolean! "Start." startCursor: String "End." endCursor: String }`;
  const { status, report } = lint(sdl);
  expect(status).not.toBe(0);
  expect(new Set(report.errors.map((e) => e.rule))).toEqual(new Set(['relay-connection-arguments-spec', 'fields-have-descriptions', 'relay-page-info-spec']));
});
