import { randomBytes } from 'node:crypto';
// Jest loads this (through global-setup.ts) without its moduleNameMapper and before the build, where
// '@waymark/config' would be a dist that may not exist yet: the one import that must use the path.
// eslint-disable-next-line waymark/workspace-boundaries
import { type Config, parseConfig } from '../../config/src';

/** One random token secret per test process: no test relies on a secret written in the repository. */
const TOKEN_SECRET = randomBytes(48).toString('base64');

/**
 * Tests run against the PostgreSQL and Redis on this machine (or those named by DATABASE_URL and
 * REDIS_URL). The URL's database is only used to create and drop per-file test databases.
 */
export function testConfig(overrides: Partial<Record<keyof Config, string>> = {}): Config {
  return parseConfig({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    AUTH_TOKEN_SECRET: TOKEN_SECRET,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // Every test client is 127.0.0.1; the rate-limit tests set their own, lower limits.
    RATE_LIMIT_PER_MINUTE: '1000000',
    RATE_LIMIT_ANONYMOUS_PER_MINUTE: '1000000',
    ...overrides,
  });
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
