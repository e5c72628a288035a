import { ConfigError, KNOWN_SECRETS, databaseUrlFor, estimateEntropyBits, parseConfigFor, secretProblem } from './index';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const db = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/waymark' };
const api = { ...db, AUTH_TOKEN_SECRET: randomBytes(48).toString('base64') };
const strong = () => randomBytes(48).toString('base64');
const production = (overrides: Record<string, string>) => ({
  NODE_ENV: 'production', ...db, AUTH_TOKEN_SECRET: strong(), DATABASE_APP_PASSWORD: strong(), DATABASE_ANALYTICS_PASSWORD: strong(), WEB_BASE_URL: 'https://waymark.example.org/', ...overrides,
});

describe('configuration per entry point', () => {
  it('applies development defaults: loopback, port 4000', () => {
    const cfg = parseConfigFor('api', api);
    expect(cfg.PORT).toBe(4000);
    expect(cfg.HOST).toBe('127.0.0.1');
    expect(cfg.NODE_ENV).toBe('development');
    expect(cfg.GRAPHQL_INTROSPECTION).toBe(true);
  });

  it('leaves tracing off unless an http(s) OTLP endpoint is set', () => {
    expect(parseConfigFor('api', api).OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
    expect(parseConfigFor('api', production({ OTEL_EXPORTER_OTLP_ENDPOINT: '' })).OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
    const on = parseConfigFor('worker', { ...api, REDIS_URL: 'redis://127.0.0.1:6379', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SERVICE_NAME: 'waymark-worker-eu' });
    expect([on.OTEL_EXPORTER_OTLP_ENDPOINT, on.OTEL_SERVICE_NAME]).toEqual(['http://collector:4318', 'waymark-worker-eu']);
    expect(() => parseConfigFor('api', { ...api, OTEL_EXPORTER_OTLP_ENDPOINT: 'grpc://collector:4317' })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT: must be an http/);
  });

  it('lets the database steps run with only DATABASE_URL (no Redis, no token secret)', () => {
    expect(parseConfigFor('database', db).DATABASE_URL).toBe(db.DATABASE_URL);
  });

  it('lets the API run without Redis, but not the worker', () => {
    expect(parseConfigFor('api', api).REDIS_URL).toBeUndefined();
    expect(() => parseConfigFor('worker', db)).toThrow(/REDIS_URL is required but not set/);
  });

  it('names a missing setting', () => {
    expect(() => parseConfigFor('database', {})).toThrow(/DATABASE_URL is required but not set/);
    expect(() => parseConfigFor('api', db)).toThrow(/AUTH_TOKEN_SECRET is required but not set/);
  });

  it('names a malformed setting', () => {
    const attempt = () => parseConfigFor('worker', { ...db, PORT: 'eighty', REDIS_URL: 'http://x', DATABASE_POOL_MAX: 'lots' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (e) {
      const problems = (e as ConfigError).problems.join('\n');
      expect(problems).toMatch(/^DATABASE_POOL_MAX: /m);
      expect(problems).toMatch(/^REDIS_URL: .*redis:\/\//m);
    }
  });

  it('derives role URLs from the owner URL', () => {
    const cfg = parseConfigFor('database', { ...db, DATABASE_APP_PASSWORD: 'pa ss/word' });
    const app = new URL(databaseUrlFor(cfg, 'app'));
    expect(app.username).toBe('waymark_app');
    expect(decodeURIComponent(app.password)).toBe('pa ss/word');
    expect(app.pathname).toBe('/waymark');
  });

  it('links to the port the API really listens on, and needs the public address in production', () => {
    expect(parseConfigFor('api', api).WEB_BASE_URL).toBe('http://localhost:4000/');
    expect(parseConfigFor('api', { ...api, PORT: '4300' }).WEB_BASE_URL).toBe('http://localhost:4300/');
    expect(parseConfigFor('worker', { ...api, PORT: '4300', REDIS_URL: 'redis://127.0.0.1:6379' }).WEB_BASE_URL).toBe('http://localhost:4300/');
    expect(parseConfigFor('api', { ...api, PORT: '4300', WEB_BASE_URL: 'https://waymark.example.org/' }).WEB_BASE_URL).toBe('https://waymark.example.org/');
    const { WEB_BASE_URL: _, ...withoutAddress } = production({});
    expect(() => parseConfigFor('api', withoutAddress)).toThrow(/WEB_BASE_URL is required but not set/);
    expect(() => parseConfigFor('worker', { ...withoutAddress, REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(/WEB_BASE_URL is required but not set/);
  });

  it('turns introspection off in production unless asked for', () => {
    expect(parseConfigFor('api', production({})).GRAPHQL_INTROSPECTION).toBe(false);
    expect(parseConfigFor('api', production({ GRAPHQL_INTROSPECTION: 'true' })).GRAPHQL_INTROSPECTION).toBe(true);
  });
});

describe('production secrets', () => {
  it('accepts random secrets from openssl-style generators', () => {
    expect(() => parseConfigFor('api', production({}))).not.toThrow();
    expect(secretProblem(randomBytes(32).toString('hex'))).toBeNull();
    expect(secretProblem(randomBytes(32).toString('base64url'))).toBeNull();
  });

  it('refuses every secret written in the repository, including the docker-compose placeholders', () => {
    const compose = readFileSync(path.join(__dirname, '../../../docker-compose.yml'), 'utf8');
    const inCompose = [...compose.matchAll(/:-([^}]+)\}/g)].map((m) => m[1]!);
    for (const value of [...KNOWN_SECRETS, ...inCompose]) {
      expect(() => parseConfigFor('api', production({ AUTH_TOKEN_SECRET: value }))).toThrow(/AUTH_TOKEN_SECRET: /);
      expect(() => parseConfigFor('api', production({ DATABASE_APP_PASSWORD: value }))).toThrow(/DATABASE_APP_PASSWORD: /);
    }
  });

  it('refuses placeholders, short secrets and predictable ones', () => {
    const refused = [
      'change-me-please-with-a-long-enough-value-0000000000',
      'my-example-secret-that-is-long-enough-for-the-length-rule',
      randomBytes(16).toString('hex').slice(0, 31),
      'a'.repeat(64),
      'abcd'.repeat(16),
      '0123456789'.repeat(4),
    ];
    for (const value of refused) expect(secretProblem(value)).not.toBeNull();
    expect(() => parseConfigFor('api', production({ AUTH_TOKEN_SECRET: 'a'.repeat(64) }))).toThrow(/too predictable/);
  });

  it("checks the owner's password in DATABASE_URL like the other secrets", () => {
    const owner = (password: string) => ({ DATABASE_URL: `postgres://postgres:${encodeURIComponent(password)}@db:5432/waymark` });
    for (const value of ['change-me-postgres', 'waymark', 'postgres', 'a'.repeat(40)]) {
      expect(() => parseConfigFor('api', production(owner(value)))).toThrow(/DATABASE_URL: its password /);
      expect(() => parseConfigFor('database', production(owner(value)))).toThrow(/DATABASE_URL: its password /);
    }
    expect(() => parseConfigFor('api', production(owner(strong())))).not.toThrow();
    // No password at all (a socket or certificate login), and development, are left alone.
    expect(() => parseConfigFor('api', production(db))).not.toThrow();
    expect(() => parseConfigFor('api', { ...api, ...owner('waymark') })).not.toThrow();
  });

  it('treats METRICS_TOKEN as a secret in production', () => {
    expect(() => parseConfigFor('api', production({ METRICS_TOKEN: 'metrics-token-example-1234' }))).toThrow(/METRICS_TOKEN: /);
    expect(parseConfigFor('api', production({ METRICS_TOKEN: strong() })).METRICS_TOKEN).toBeDefined();
    expect(parseConfigFor('api', production({})).METRICS_TOKEN).toBeUndefined();
    // docker compose passes an unset variable as an empty string: that is unset, not a weak secret.
    expect(parseConfigFor('api', production({ METRICS_TOKEN: '' })).METRICS_TOKEN).toBeUndefined();
  });

  it('requires secrets to be set in production (no development defaults)', () => {
    expect(() => parseConfigFor('database', { NODE_ENV: 'production', ...db })).toThrow(/DATABASE_APP_PASSWORD is required but not set/);
  });

  it('estimates entropy from the characters used', () => {
    expect(estimateEntropyBits('')).toBe(0);
    expect(estimateEntropyBits('aaaaaaaa')).toBe(0);
    expect(estimateEntropyBits(randomBytes(48).toString('base64'))).toBeGreaterThan(300);
  });
});
