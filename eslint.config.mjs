import path from 'node:path';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { sqlLayer } from './scripts/eslint/sql-layer.mjs';

/** The workspace (`apps/x`, `packages/y`) a file or folder is in, or null outside them (scripts, infra). */
const workspaceOf = (file) => /^((?:apps|packages)\/[^/]+)(?:\/|$)/.exec(path.relative(import.meta.dirname, file).split(path.sep).join('/'))?.[1] ?? null;

/**
 * A relative import may not leave its workspace: what another package's tests or code need, it
 * exports (`@waymark/testing`, `@waymark/<app>/testing`), so no file reaches into another's src.
 */
const workspaceBoundaries = {
  meta: { type: 'problem', schema: [], messages: { crosses: "'{{source}}' reaches into {{target}} from {{from}}: import it by its package name, from what that package exports." } },
  create(context) {
    const from = workspaceOf(context.filename);
    if (!from) return {};
    const check = (node) => {
      const source = node?.type === 'Literal' && typeof node.value === 'string' ? node.value : null;
      if (!source || !source.startsWith('.')) return;
      const target = workspaceOf(path.resolve(path.dirname(context.filename), source));
      if (target !== from) context.report({ node, messageId: 'crosses', data: { source, target: target ?? 'a folder outside the workspaces', from } });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node.arguments[0]);
      },
    };
  },
};

/** The files that may open the system scope: the worker's claims across organisations, benchmarks, seeding, health. */
const SYSTEM_SCOPE = [
  'apps/api/src/modules/benchmarks/networks.ts',
  'apps/api/src/modules/benchmarks/reads.ts',
  'apps/api/src/server.ts',
  'apps/worker/src/account-mail/sender.ts',
  'apps/worker/src/health.ts',
  'apps/worker/src/outbox/relay.ts',
  'apps/worker/src/processors/benchmarks.ts',
  'apps/worker/src/processors/heartbeat.ts',
  'apps/worker/src/processors/reminder-scan.ts',
  'apps/worker/src/processors/retention.ts',
  'apps/worker/src/worker.ts',
  'packages/db/src/benchmarks/recompute.ts',
  'packages/db/src/cross-tenant.ts',
  'packages/db/src/seeders/**',
];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.waymark/**', 'coverage/**', '**/*.d.ts'] },
  js.configs.recommended,
  // TypeScript is linted with the type-checked rules, using the same program `npm run typecheck` checks.
  ...tseslint.configs.recommendedTypeChecked,
  {
    plugins: { waymark: { rules: { 'workspace-boundaries': workspaceBoundaries, 'sql-layer': sqlLayer } } },
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/no-require-imports': 'off',
      'waymark/workspace-boundaries': 'error',
      'waymark/sql-layer': 'error',
    },
  },
  // The typed SQL layer itself, and the session that owns the connection it runs on.
  { files: ['packages/db/src/sql/**', 'packages/db/src/session/**'], rules: { 'waymark/sql-layer': ['error', { layer: true, system: true }] } },
  // Work about every organisation by its nature, which opens the system scope (see scope.ts).
  { files: SYSTEM_SCOPE, rules: { 'waymark/sql-layer': ['error', { system: true }] } },
  // Migrations build the schema; tests and the test services build and inspect databases as their owner.
  { files: ['packages/db/src/migrations/**', 'packages/testing/**', 'scripts/**', '**/*.test.ts', '**/__tests__/**', 'apps/web/e2e/**'], rules: { 'waymark/sql-layer': 'off' } },
  // Plain JavaScript (scripts, configs) has no types to check against.
  { files: ['**/*.{js,mjs,cjs}'], ...tseslint.configs.disableTypeChecked },
  // Each workspace's jest.config.js is the shared preset at the root, by design (docs/monorepo.md).
  { files: ['**/jest.config.js'], rules: { 'waymark/workspace-boundaries': 'off' } },
  {
    files: ['**/*.test.ts', '**/__tests__/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Tests read GraphQL answers as loosely typed JSON.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
