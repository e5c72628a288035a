import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type TestApi, startTestApi } from './harness';

/**
 * The API serves the built web app from its own port: the site's root and any page a browser opens
 * get index.html; API paths, missing assets and non-browser requests for other paths do not.
 */
let api: TestApi;
let origin: string;
const INDEX = '<!doctype html><title>Waymark test app</title>';

beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'waymark-web-'));
  writeFileSync(path.join(dir, 'index.html'), INDEX);
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'assets', 'app-1234.js'), 'console.log(1)');
  api = await startTestApi({ webAppDir: dir });
  origin = api.url.replace(/\/graphql$/, '');
});
afterAll(() => api.close());

const get = (p: string, accept?: string) => fetch(`${origin}${p}`, { headers: accept ? { accept } : {} });

it('serves the app at the root whatever the client accepts (curl sends */*)', async () => {
  for (const accept of [undefined, '*/*', 'text/html,application/xhtml+xml']) {
    const res = await get('/', accept);
    expect({ accept, status: res.status, type: res.headers.get('content-type') }).toEqual({ accept, status: 200, type: expect.stringMatching(/^text\/html/) });
    expect(await res.text()).toBe(INDEX);
  }
});

it('serves the app for pages a browser opens, and hashed assets for a year', async () => {
  const page = await get('/o/some-org/checklist/3.1', 'text/html');
  expect(page.status).toBe(200);
  expect(await page.text()).toBe(INDEX);
  const asset = await get('/assets/app-1234.js');
  expect(asset.status).toBe(200);
  expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
});

it('never answers an API path, a missing asset or a script request with the app', async () => {
  for (const [p, accept] of [['/graphql/nothing', 'text/html'], ['/exports/nothing', 'text/html'], ['/assets/missing.js', 'text/html'], ['/o/x', '*/*']] as const) {
    const res = await get(p, accept);
    expect({ p, status: res.status }).toEqual({ p, status: 404 });
    expect(await res.text()).not.toBe(INDEX);
  }
});
