// The one description of how Waymark's tests run, shared by each workspace's jest.config.js (what its
// `npm test`, and so turbo, runs) and by the root jest.config.js (every workspace in one run, for
// `npx jest <file>`, fuzzing and screenshots). Tests import workspace packages from source (no build
// needed), compiled by SWC with decorator metadata so MikroORM and type-graphql see the same types as tsc.
const fs = require('node:fs');
const path = require('node:path');

const ROOT = __dirname;

const swc = ['@swc/jest', {
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
}];

const packages = fs.readdirSync(path.join(ROOT, 'packages')).filter((name) => fs.existsSync(path.join(ROOT, 'packages', name, 'src/index.ts')));
// An app's tests-only entry (src/testing.ts) is `@waymark/<app>/testing`, as in tsconfig.base.json.
const testingEntries = ['api', 'worker'].filter((name) => fs.existsSync(path.join(ROOT, 'apps', name, 'src/testing.ts')));
const moduleNameMapper = Object.fromEntries([
  ...packages.map((name) => [`^@waymark/${name}$`, `<rootDir>/packages/${name}/src/index.ts`]),
  ...testingEntries.map((name) => [`^@waymark/${name}/testing$`, `<rootDir>/apps/${name}/src/testing.ts`]),
]);

/**
 * Every workspace. `database`: its tests clone the run's template database, which the
 * global setup migrates (about 5 to 20 s here); the pure packages skip it.
 */
const WORKSPACES = {
  domain: { dir: 'packages/domain' },
  disclosure: { dir: 'packages/disclosure' },
  frameworks: { dir: 'packages/frameworks' },
  config: { dir: 'packages/config' },
  // No tests of their own yet (the API's and the worker's cover them); a first one runs unasked.
  jobs: { dir: 'packages/jobs', none: true },
  logger: { dir: 'packages/logger', none: true },
  telemetry: { dir: 'packages/telemetry' },
  testing: { dir: 'packages/testing' },
  db: { dir: 'packages/db', database: true },
  api: { dir: 'apps/api', database: true },
  worker: { dir: 'apps/worker', database: true },
  // The web app in a real browser (Debian's Chromium) against the real API serving apps/web/dist.
  web: { dir: 'apps/web', database: true, testMatch: ['<rootDir>/apps/web/e2e/**/*.test.ts'] },
};

/**
 * Packages that ship only ES modules and run inside the API under test: otplib's hashing and base32
 * (@noble, @scure) for the second factor; openid-client and its parts for single sign-on.
 */
const ESM_ONLY = ['@noble', '@scure', 'openid-client', 'oauth4webapi', 'jose'];

function project(name) {
  const { dir, database, testMatch } = WORKSPACES[name];
  return {
    displayName: name,
    rootDir: ROOT,
    testEnvironment: 'node',
    transform: { '^.+\\.(t|j)s$': swc },
    // ES-module-only packages (Node 20.19+ require()s them natively; Jest's own module loader does
    // not): compiled to CommonJS like our own code.
    transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)(?!.*/node_modules/)`],
    moduleNameMapper,
    testMatch: testMatch ?? [`<rootDir>/${dir}/src/**/*.test.ts`],
    ...(database ? { setupFiles: ['reflect-metadata'] } : {}),
  };
}

// Jest's own report, then every failure again at the very end, where a truncated log still shows it.
const reporters = ['default', '<rootDir>/scripts/jest/failures-last.js'];

const globalSetup = {
  // One template database per run (migrated once); every test file clones its own copy.
  globalSetup: '<rootDir>/packages/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/packages/testing/src/global-teardown.ts',
};

/** All workspaces in one Jest run (the root jest.config.js). */
function everything() {
  return { rootDir: ROOT, ...globalSetup, reporters, maxWorkers: 2, testTimeout: 60_000, projects: Object.keys(WORKSPACES).map(project) };
}

/**
 * One workspace's tests (its jest.config.js). turbo runs these one at a time, each with Jest's two
 * workers (the machines this runs on have two cores, and PostgreSQL needs some of them too).
 */
function workspace(name) {
  const { database, none } = WORKSPACES[name];
  return { ...project(name), ...(database ? globalSetup : {}), reporters, maxWorkers: 2, testTimeout: 60_000, passWithNoTests: Boolean(none) };
}

module.exports = { WORKSPACES, everything, workspace };
