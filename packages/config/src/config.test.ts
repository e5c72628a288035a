import { ConfigError, databaseUrlFor, parseConfig } from './index';

const base = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/waymark', REDIS_URL: 'redis://127.0.0.1:6379' };

describe('parseConfig', () => {
  it('applies development defaults', () => {
    const cfg = parseConfig({ ...base });
    expect(cfg.PORT).toBe(4000);
    expect(cfg.NODE_ENV).toBe('development');
    expect(cfg.AUTH_TOKEN_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  it('names a missing setting', () => {
    expect(() => parseConfig({ REDIS_URL: base.REDIS_URL })).toThrow(/DATABASE_URL is required but not set/);
  });

  it('names a malformed setting', () => {
    const attempt = () => parseConfig({ ...base, PORT: 'eighty', REDIS_URL: 'http://x' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (e) {
      const problems = (e as ConfigError).problems.join('\n');
      expect(problems).toMatch(/^PORT: /m);
      expect(problems).toMatch(/^REDIS_URL: .*redis:\/\//m);
    }
  });

  it('requires real secrets in production', () => {
    expect(() => parseConfig({ ...base, NODE_ENV: 'production' })).toThrow(/AUTH_TOKEN_SECRET is required/);
  });

  it('derives role URLs from the owner URL', () => {
    const cfg = parseConfig({ ...base, DATABASE_APP_PASSWORD: 'pa ss/word' });
    const app = new URL(databaseUrlFor(cfg, 'app'));
    expect(app.username).toBe('waymark_app');
    expect(decodeURIComponent(app.password)).toBe('pa ss/word');
    expect(app.pathname).toBe('/waymark');
  });
});
