import 'reflect-metadata';
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import express from 'express';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { GraphQLError } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { ApiConfig as Config } from '@waymark/config';
import { WaymarkError } from '@waymark/domain';
import type { RequestContext } from './context';
import { authenticate, credentialsFrom } from './auth/authenticate';
import { createLoaders } from './graphql/loaders';
import { formatError, toGraphQLError } from './graphql/errors';
import { createSchema } from './graphql/schema';
import { createExportsRouter } from './exports';
import { type Logger, createLogger } from './logger';

export interface ApiServer {
  app: express.Express;
  httpServer: http.Server;
  listen(port: number, host?: string): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Ends each request's transaction: commit when the operation succeeded, roll back when anything
 * failed, so a failed mutation leaves nothing half-saved.
 */
function transactionPlugin(log: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, errors, operation }) {
          const em = contextValue.em;
          if (!em.isInTransaction()) return;
          try {
            // Mutations flushed their own changes (schema.ts); anything else only read, so there is
            // nothing to compare before committing: clearing skips a change-set pass over every row read.
            if (operation?.operation !== 'mutation') em.clear();
            if (errors?.length) await em.rollback();
            else await em.commit();
          } catch (error) {
            log.error('transaction end failed', error);
            if (em.isInTransaction()) await em.rollback().catch(() => undefined);
          }
        },
      };
    },
  };
}

export async function createApiServer(cfg: Config, orm: MikroORM): Promise<ApiServer> {
  const log = createLogger(cfg, 'api');
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const schema = await createSchema();

  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: true,
    // main.ts owns the shutdown order (HTTP, then database) and its deadline.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => formatError(formatted, error, (e) => log.error('unexpected error', e)),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      transactionPlugin(log),
      // Unused features that would otherwise wrap every field resolution of every request.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
    ],
  });
  await apollo.start();

  app.get('/healthz', async (_req, res) => {
    try {
      await orm.em.fork().getConnection().execute('select 1');
      res.json({ status: 'ok', database: 'ok' });
    } catch {
      res.status(503).json({ status: 'unavailable', database: 'unreachable' });
    }
  });

  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const em = orm.em.fork({ clear: true });
        await em.begin();
        // Apollo ends the transaction in willSendResponse, also when the client has gone away
        // mid-request (execution still completes). This only catches a response that was sent
        // without that hook running, so no connection is ever left in a transaction.
        res.on('close', () => {
          if (res.writableFinished && em.isInTransaction()) void em.rollback().catch(() => undefined);
        });
        try {
          const principal = await authenticate(em, cfg.AUTH_TOKEN_SECRET, credentialsFrom(req.headers));
          return { requestId: randomUUID(), config: cfg, em, loaders: createLoaders(em), ...principal };
        } catch (error) {
          await em.rollback();
          if (error instanceof WaymarkError) throw toGraphQLError(error);
          log.error('context creation failed', error);
          throw new GraphQLError('Internal error: it has been logged', {
            extensions: { code: 'INTERNAL_SERVER_ERROR', http: { status: 503 } },
          });
        }
      },
    }),
  );

  app.use('/exports', createExportsRouter(orm, cfg, log));

  // Malformed JSON bodies and other request errors get a JSON answer, never an HTML stack trace.
  app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = typeof (error as { status?: unknown }).status === 'number' ? (error as { status: number }).status : 500;
    if (status >= 500) log.error('request failed', error);
    res.status(status >= 500 ? 500 : status).json({
      errors: [{ message: status >= 500 ? 'Internal error' : 'The request body is not valid JSON or is too large', extensions: { code: status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST' } }],
    });
  });

  return {
    app,
    httpServer,
    listen: (port, host = '0.0.0.0') =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          const address = httpServer.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      }),
    stop: () => apollo.stop(),
  };
}
