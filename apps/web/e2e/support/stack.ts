import { existsSync } from 'node:fs';
import path from 'node:path';
import { Organisation } from '@waymark/db';
import { startTestApi, type TestApi } from '../../../api/src/__tests__/harness';
import { seedDemo } from '../../../../packages/db/src/seeders/demo';

export const DEMO_PASSWORD = 'waymark-demo';
const DIST = path.resolve(__dirname, '../../dist/index.html');

export interface Stack {
  api: TestApi;
  /** Where the API serves the built web app, e.g. http://127.0.0.1:43121 */
  baseUrl: string;
  orgId(slug: string): Promise<string>;
  /** A session token for a demo user, for setting the stage over the API. */
  login(email: string): Promise<{ token: string; as: (orgId: string) => { token: string; organisationId: string } }>;
  close(): Promise<void>;
}

/**
 * The real API over a fresh database with the demo seed (the data `npm start` shows), serving
 * the web app built by `npm run build` from its own port, as in production.
 */
export async function startStack(): Promise<Stack> {
  if (!existsSync(DIST)) throw new Error('apps/web/dist is missing: run `npm run build` first (npm test does)');
  const api = await startTestApi();
  await seedDemo(api.db.owner.em.fork());
  const baseUrl = new URL(api.url).origin;
  return {
    api,
    baseUrl,
    async orgId(slug) {
      const org = await api.db.owner.em.fork().findOneOrFail(Organisation, { slug });
      return org.id;
    },
    async login(email) {
      const res = await api.gql<{ login: { token: string } }>('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: email, p: DEMO_PASSWORD });
      const token = res.data?.login.token;
      if (!token) throw new Error(`login failed for ${email}: ${JSON.stringify(res.errors)}`);
      return { token, as: (organisationId: string) => ({ token, organisationId }) };
    },
    close: () => api.close(),
  };
}
