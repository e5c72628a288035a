// `npm run schema:print`: writes the running GraphQL schema to apps/api/schema.graphql, the SDL
// integrators and code generators read (a test fails when the two differ).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
require('reflect-metadata');
const { printSchema } = require('graphql');
const { createSchema } = require(path.join(ROOT, 'apps/api/dist/graphql/schema.js'));
const sdl = printSchema(await createSchema());
writeFileSync(path.join(ROOT, 'apps/api/schema.graphql'), `${sdl}\n`);
console.log(`apps/api/schema.graphql: ${sdl.split('\n').length} lines`);
