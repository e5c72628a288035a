import 'reflect-metadata';
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import express from 'express';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { GraphQLError, type GraphQLFormattedError, OperationTypeNode } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { ApiConfig } from '@waymark/config';
import type { QueryObserver } from '@waymark/db';
import { WaymarkError, conflict } from '@waymark/domain';
import { type Logger, createLogger } from '@waymark/logger';
import { RequestContext } from './context';
import { readCredential } from './auth/credentials';
import { databaseError, formatError, toGraphQLError } from './graphql/errors';
import { createSchema } from './graphql/schema';
import { selectionOf } from './graphql/selection';
import { createExportsRouter } from './exports';
import { graphqlHandler, sendRequestError } from './http/graphql-handler';
import { securityHeaders } from './http/security';
import { WEB_APP_DIR, webApp } from './http/web-app';

export interface ApiServer {
  httpServer: http.Server;
  listen(port: number, host?: string): Promise<number>;
  stop(): Promise<void>;
}

export interface ApiServerOptions {
  /** Receives every SQL statement the read path sends (MikroORM's own go to its logger). */
  onQuery?: QueryObserver;
  log?: Logger;
  /** The built web app to serve at `/`; defaults to apps/web/dist, null serves none. */
  webAppDir?: string | null;
}

/** A WaymarkError, a database outage (503), or an internal error (logged, masked) as a GraphQL error. */
function asGraphQLError(error: unknown, log: Logger, what: string): GraphQLError {
  if (error instanceof GraphQLError) return error;
  const known = error instanceof WaymarkError ? error : databaseError(error);
  if (known) return toGraphQLError(known);
  log.error({ err: error }, what);
  return new GraphQLError('Internal error: it has been logged', { extensions: { code: 'INTERNAL_SERVER_ERROR', http: { status: 500 } } });
}

/**
 * Each operation runs in one session: opened (and the caller signed in) once the operation is
 * known, a read session for queries and a write session for mutations; ended before the answer is
 * sent. A mutation with an error rolls back whole. When the commit itself fails, the answer becomes
 * that failure: a client is never told a change was saved when it was not.
 */
function sessionPlugin(log: Logger): ApolloServerPlugin<RequestContext> {
  return {
    requestDidStart() {
      return Promise.resolve({
        async didResolveOperation({ contextValue, operation, document, schema }) {
          contextValue.selection = selectionOf(schema, document);
          try {
            await contextValue.open(operation?.operation === OperationTypeNode.MUTATION ? 'write' : 'read');
          } catch (error) {
            throw asGraphQLError(error, log, 'could not open the request session');
          }
        },
        async willSendResponse({ contextValue, response, operation }) {
          if (!contextValue.isOpen) return;
          const single = response.body.kind === 'single' ? response.body.singleResult : null;
          const failed = Boolean(single?.errors?.length);
          const write = operation?.operation === OperationTypeNode.MUTATION;
          try {
            await contextValue.close(!(write && failed));
          } catch (error) {
            log.error({ err: error }, write ? 'commit failed: the client is told nothing was saved' : 'ending a read session failed');
            if (write) {
              const failure = error instanceof WaymarkError ? error : (databaseError(error) ?? conflict('The change could not be saved: nothing was saved'));
              const formatted: GraphQLFormattedError = { message: failure.message, extensions: { code: failure.code, ...failure.details } };
              response.body = { kind: 'single', singleResult: { errors: [formatted] } };
              response.http.status = failure.status;
            }
          }
          // Every error a database outage: the whole answer is a 503 the client can retry.
          const codes = (response.body.kind === 'single' ? response.body.singleResult.errors : undefined)?.map((e) => e.extensions?.code) ?? [];
          if (codes.length && codes.every((c) => c === 'SERVICE_UNAVAILABLE')) {
            response.http.status = 503;
            response.http.headers.set('retry-after', '5');
          }
        },
      });
    },
  };
}

export async function createApiServer(cfg: ApiConfig, orm: MikroORM, options: ApiServerOptions = {}): Promise<ApiServer> {
  const log = options.log ?? createLogger({ level: cfg.LOG_LEVEL, name: 'api' });
  const app = express();
  app.disable('x-powered-by');
  // Nothing here is cached by validators; hashing every answer for an ETag costs CPU for nothing.
  app.set('etag', false);
  const secure = securityHeaders({ tls: cfg.TLS });
  const httpServer = http.createServer();
  const schema = await createSchema();
  const production = cfg.NODE_ENV === 'production';

  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: cfg.GRAPHQL_INTROSPECTION,
    hideSchemaDetailsFromClientErrors: !cfg.GRAPHQL_INTROSPECTION,
    // main.ts owns the shutdown order (HTTP, then database) and its deadline.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => formatError(formatted, error, (e) => log.error({ err: e }, 'unexpected error')),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      sessionPlugin(log),
      // Unused features that would otherwise wrap every field resolution of every request.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ...(production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
  await apollo.start();

  const graphql = graphqlHandler(apollo, (req) => {
    try {
      return Promise.resolve(new RequestContext(randomUUID(), cfg, orm, readCredential(req.headers, cfg.AUTH_TOKEN_SECRET), options.onQuery));
    } catch (error) {
      return Promise.reject(asGraphQLError(error, log, 'could not read the credential'));
    }
  });

  app.get('/healthz', async (_req, res) => {
    try {
      await orm.em.fork().getConnection().execute('select 1');
      res.json({ status: 'ok', database: 'ok' });
    } catch {
      res.status(503).json({ status: 'unavailable', database: 'unreachable' });
    }
  });

  app.use('/exports', createExportsRouter(orm, cfg, log, { onQuery: options.onQuery }));
  if (options.webAppDir !== null) app.use(webApp({ dir: options.webAppDir ?? WEB_APP_DIR, secure }));

  // Malformed requests and other errors get a JSON answer, never an HTML stack trace.
  app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = typeof (error as { status?: unknown }).status === 'number' ? (error as { status: number }).status : 500;
    if (status >= 500) log.error({ err: error }, 'request failed');
    sendRequestError(res, status >= 500 ? 500 : status, status >= 500 ? 'Internal error' : 'The request could not be read', status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST');
  });

  httpServer.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const path = query === -1 ? url : url.slice(0, query);
    secure(res, 'api');
    if (path === '/graphql') {
      graphql(req, res, query === -1 ? '' : url.slice(query)).catch((error: unknown) => {
        log.error({ err: error }, 'graphql request failed');
        if (!res.headersSent) sendRequestError(res, 500, 'Internal error', 'INTERNAL_SERVER_ERROR');
        else res.destroy();
      });
      return;
    }
    app(req, res);
  });

  return {
    httpServer,
    listen: (port, host = cfg.HOST) =>
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
