// One Jest run for the whole monorepo. Tests import workspace packages from source (no build needed),
// compiled by SWC with decorator metadata so MikroORM and type-graphql see the same types as tsc.
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

const fs = require('node:fs');
const packages = fs.readdirSync(`${__dirname}/packages`).filter((name) => fs.existsSync(`${__dirname}/packages/${name}/src/index.ts`));
// An app's tests-only entry (src/testing.ts) is `@waymark/<app>/testing`, as in tsconfig.base.json.
const testingEntries = ['api', 'worker'].filter((name) => fs.existsSync(`${__dirname}/apps/${name}/src/testing.ts`));
const moduleNameMapper = Object.fromEntries([
  ...packages.map((name) => [`^@waymark/${name}$`, `<rootDir>/packages/${name}/src/index.ts`]),
  ...testingEntries.map((name) => [`^@waymark/${name}/testing$`, `<rootDir>/apps/${name}/src/testing.ts`]),
]);

const project = (name, dir, extra = {}) => ({
  displayName: name,
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)s$': swc },
  moduleNameMapper,
  testMatch: [`<rootDir>/${dir}/src/**/*.test.ts`],
  ...extra,
});

const withDatabase = { setupFiles: ['reflect-metadata'] };

module.exports = {
  // One template database per run (migrated once); every test file clones its own copy.
  globalSetup: '<rootDir>/packages/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/packages/testing/src/global-teardown.ts',
  maxWorkers: 2,
  testTimeout: 60_000,
  projects: [
    project('domain', 'packages/domain'),
    project('disclosure', 'packages/disclosure'),
    project('frameworks', 'packages/frameworks'),
    project('config', 'packages/config'),
    project('jobs', 'packages/jobs'),
    project('telemetry', 'packages/telemetry'),
    project('testing', 'packages/testing'),
    project('db', 'packages/db', withDatabase),
    project('api', 'apps/api', withDatabase),
    project('worker', 'apps/worker', withDatabase),
    // The web app in a real browser (Debian's Chromium) against the real API serving apps/web/dist.
    project('web', 'apps/web', { ...withDatabase, testMatch: ['<rootDir>/apps/web/e2e/**/*.test.ts'] }),
  ],
};
