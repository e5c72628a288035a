// The real API, in this process, exactly as apps/api/src/main.ts builds it: connected as the
// `waymark_app` role (row-level security applies), with the configured pool size. The one addition
// is a statement counter on ormConfig's onQuery hook, so figures can say how many SQL statements a
// request costs.
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';

const require = createRequire(import.meta.url);
const { MikroORM } = require('@mikro-orm/postgresql');
const { parseConfig, databaseUrlFor } = require('../../packages/config/dist/index.js');
const { appTimeouts, ormConfig } = require('../../packages/db/dist/index.js');
const { createApiServer } = require('../../apps/api/dist/server.js');
const { startSession } = require('../../apps/api/dist/auth/tokens.js');

export async function startApi(env) {
  // Quiet by default: a benchmark's output is its figures. LOG_LEVEL=info shows the API's own lines.
  // Rate limits stay on (each request is counted in Redis, as in production) but high enough that
  // a load run is never refused.
  const cfg = parseConfig({
    LOG_LEVEL: 'warn',
    AUTH_TOKEN_SECRET: randomBytes(48).toString('base64'),
    RATE_LIMIT_PER_MINUTE: '100000000',
    RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000000',
    ...env,
  });
  const counter = { statements: 0 };
  const orm = await MikroORM.init(
    ormConfig({ clientUrl: databaseUrlFor(cfg, 'app'), poolMax: cfg.DATABASE_POOL_MAX, onQuery: () => counter.statements++, timeouts: appTimeouts(cfg) }),
  );
  let server;
  try {
    server = await createApiServer(cfg, orm, { onQuery: () => counter.statements++, rateLimitPrefix: `waymark-bench:${randomBytes(6).toString('hex')}` });
  } catch (error) {
    await orm.close(true);
    throw error;
  }
  // Port 0: the system picks a free one, so a running `npm start` on 4000 is no obstacle.
  const port = await server.listen(0, '127.0.0.1');
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    counter,
    poolMax: cfg.DATABASE_POOL_MAX,
    appUrl: databaseUrlFor(cfg, 'app'),
    tokenSecret: cfg.AUTH_TOKEN_SECRET,
    /**
     * Headers of a signed-in member acting for an organisation, as a browser or script would send:
     * a live server-side session (written under the person's own scope, as sign-in does) and its token.
     */
    async headersFor(user, organisationId) {
      const { token } = await orm.em.fork().transactional(async (em) => {
        await em.execute(`select set_config('app.user_id', ?, true)`, [user.id]);
        return startSession(em, cfg.AUTH_TOKEN_SECRET, 3600, user.id, { flush: true });
      });
      return { authorization: `Bearer ${token}`, 'x-organisation-id': organisationId };
    },
    async stop() {
      try {
        await server.stop();
      } finally {
        await orm.close(true);
      }
    },
  };
}
