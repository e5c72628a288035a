import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildClientSchema, buildSchema, getIntrospectionQuery, lexicographicSortSchema, printSchema } from 'graphql';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startTestApi, type TestApi } from '@waymark/api/testing';

/**
 * The app's types come from the committed SDL: it must be the schema the API really serves, and
 * the generated code must be what the SDL and the app's operations give today.
 */
const WEB = path.resolve(__dirname, '..');
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.close();
});

const canonical = (sdl: string) => printSchema(lexicographicSortSchema(buildSchema(sdl)));

it('commits the schema the running API serves', async () => {
  const res = await api.gql(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, inputValueDeprecation: true }));
  const running = printSchema(lexicographicSortSchema(buildClientSchema(res.data)));
  expect(canonical(readFileSync(path.resolve(WEB, '../api/schema.graphql'), 'utf8'))).toBe(running);
});

it('has generated operation types that match the SDL and the operations', async () => {
  // graphql-codegen --check regenerates in memory and fails when a committed file differs.
  const bin = path.resolve(WEB, '../../node_modules/@graphql-codegen/cli/cjs/bin.js');
  await expect(promisify(execFile)(process.execPath, [bin, '--config', 'codegen.mjs', '--check'], { cwd: WEB })).resolves.toBeDefined();
});
