import 'reflect-metadata';
import http from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import express from 'express';
import { ApolloServer, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { GraphQLError, type GraphQLFormattedError, type OperationDefinitionNode, OperationTypeNode } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { ApiConfig } from '@waymark/config';
import { type QueryObserver, sqlPool } from '@waymark/db';
import { WaymarkError, conflict } from '@waymark/domain';
import { type Logger, createLogger } from '@waymark/logger';
import { SpanKind, startSpan, withSpan } from '@waymark/telemetry';
import { RequestContext } from './context';
import { readCredential } from './auth/credentials';
import { databaseError, formatError, toGraphQLError } from './graphql/errors';
import { createSchema } from './graphql/schema';
import { tracingPlugin } from './graphql/tracing';
import { selectionOf } from './graphql/selection';
import { armor, checkCost, limitError } from './graphql/limits';
import { badVariable, textLiteralRule } from './graphql/text';
import { createExportsRouter } from './exports';
import { createUnsubscribeRouter } from './http/unsubscribe';
import { graphqlHandler, sendRequestError } from './http/graphql-handler';
import { securityHeaders } from './http/security';
import { RateLimits, clientAddress } from './http/rate-limits';
import { within } from '@waymark/jobs';
import { type RedisHealth, RedisLink } from './http/redis-link';
import { ApiMetrics, RequestTrace, finishRequest, operationLabel, requestIdOf, routeLabel } from './http/observe';
import { WEB_APP_DIR, webApp } from './http/web-app';
import { ApiQueues } from './modules/queues/queues';
import { calendarRouter } from './modules/calendar/route';
import { ssoRouter } from './modules/sso/route';

export interface ApiServer {
  httpServer: http.Server;
  listen(port: number, host?: string): Promise<number>;
  stop(): Promise<void>;
}

export interface ApiServerOptions {
  /** Receives every SQL statement the read path sends (MikroORM's own go to its logger). */
  onQuery?: QueryObserver;
  log?: Logger;
  /** The rate limits' Redis key prefix (tests give each server its own, so their counts stay apart). */
  rateLimitPrefix?: string;
  /** The read replica's pool for benchmark views (main.ts makes it from DATABASE_READ_URL). */
  replica?: MikroORM | null;
  /** The built web app to serve at `/`; defaults to apps/web/dist, null serves none. */
  webAppDir?: string | null;
}

/** Compares a presented secret in constant time. */
function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
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
 * Every string a request's variables carry is checked before anything runs (strings written into
 * the query itself are checked by textLiteralRule): a NUL, a lone surrogate or a control
 * character is BAD_USER_INPUT naming where it is.
 */
function checkVariables(variables: Record<string, unknown> | undefined): void {
  const bad = badVariable(variables);
  if (bad) throw new GraphQLError(`${bad.field}: ${bad.problem}`, { extensions: { code: 'BAD_USER_INPUT', field: bad.field, http: { status: 400 } } });
}

/**
 * An answer whose every error is "try again later" (a database outage, a rate limit) takes that
 * error's HTTP status, 503 or 429, with a Retry-After in seconds a client can wait for.
 */
function retryLater(response: GraphQLResponse): void {
  const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
  const code = errors[0]?.extensions?.code;
  if ((code !== 'SERVICE_UNAVAILABLE' && code !== 'RATE_LIMITED') || errors.some((e) => e.extensions?.code !== code)) return;
  const waits = errors.map((e) => Number(e.extensions?.retryAfterSeconds) || 0);
  response.http.status = code === 'RATE_LIMITED' ? 429 : 503;
  response.http.headers.set('retry-after', String(Math.max(code === 'RATE_LIMITED' ? 1 : 5, ...waits)));
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
        async didResolveOperation({ contextValue, operation, document, schema, request, operationName }) {
          // Refused input and oversized queries are answered before a session is opened for them.
          if (operation && !schema.getRootType(operation.operation)) {
            throw new GraphQLError(`This API has no ${operation.operation} operations: use a query or a mutation`, {
              extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
            });
          }
          checkVariables(request.variables);
          checkCost(schema, document, operation ?? undefined, request.variables, operationName);
          contextValue.selection = selectionOf(schema, document);
          try {
            await contextValue.open(operation?.operation === OperationTypeNode.MUTATION ? 'write' : 'read');
          } catch (error) {
            throw asGraphQLError(error, log, 'could not open the request session');
          }
        },
        async willSendResponse({ contextValue, response, operation, request }) {
          await endSession(contextValue, response, operation, log);
          retryLater(response);
          const { trace } = contextValue;
          trace.operation = operationLabel(operation?.operation, operation?.name?.value ?? request.operationName);
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          for (const error of errors) {
            const code = error.extensions?.code;
            trace.codes.push(typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR');
          }
        },
      });
    },
  };
}

/**
 * Ends a request's session: commit for a query or a mutation without errors, roll back otherwise.
 * A failed commit replaces the answer with that failure.
 */
async function endSession(ctx: RequestContext, response: GraphQLResponse, operation: OperationDefinitionNode | undefined, log: Logger): Promise<void> {
  if (!ctx.isOpen) return;
  const single = response.body.kind === 'single' ? response.body.singleResult : null;
  const failed = Boolean(single?.errors?.length);
  const write = operation?.operation === OperationTypeNode.MUTATION;
  try {
    await ctx.close(!(write && failed));
  } catch (error) {
    log.error({ err: error }, write ? 'commit failed: the client is told nothing was saved' : 'ending a read session failed');
    if (!write) return;
    const failure = error instanceof WaymarkError ? error : (databaseError(error) ?? conflict('The change could not be saved: nothing was saved'));
    const formatted: GraphQLFormattedError = { message: failure.message, extensions: { code: failure.code, ...failure.details } };
    response.body = { kind: 'single', singleResult: { errors: [formatted] } };
    response.http.status = failure.status;
  }
}

/** What start-up says about GET /metrics. */
const METRICS_ACCESS = {
  token: 'metrics: GET /metrics on the API port, for a bearer token equal to METRICS_TOKEN only',
  off: 'metrics: GET /metrics is off (production without METRICS_TOKEN); set METRICS_TOKEN to serve it',
  open: 'metrics: GET /metrics is open to anyone who reaches this port (no METRICS_TOKEN; development only)',
} as const;

/** The worse of the API's two Redis connections, each checked now within its deadline. */
async function redisHealth(...links: (RedisLink | null)[]): Promise<RedisHealth | 'not configured'> {
  const present = links.filter((l): l is RedisLink => l !== null);
  if (present.length === 0) return 'not configured';
  const found = await Promise.all(present.map((l) => l.check()));
  return found.find((h) => h === 'unreachable') ?? found.find((h) => h === 'not answering') ?? 'ok';
}

const redisProblem = (health: RedisHealth, deadlineMs: number) =>
  `redis ${health === 'unreachable' ? 'is unreachable' : `did not answer within ${deadlineMs} ms`}: rate limits are counted in this process's memory and webhook redeliveries are refused until it answers`;

export async function createApiServer(cfg: ApiConfig, orm: MikroORM, options: ApiServerOptions = {}): Promise<ApiServer> {
  const log = options.log ?? createLogger({ level: cfg.LOG_LEVEL, name: 'api', production: cfg.NODE_ENV === 'production' });
  const app = express();
  app.disable('x-powered-by');
  // Nothing here is cached by validators; hashing every answer for an ETag costs CPU for nothing.
  app.set('etag', false);
  const secure = securityHeaders({ tls: cfg.TLS });
  const httpServer = http.createServer();
  const schema = await createSchema();
  const production = cfg.NODE_ENV === 'production';

  const queryLimits = armor();
  const apollo = new ApolloServer<RequestContext>({
    schema,
    validationRules: [...queryLimits.validationRules, textLiteralRule],
    allowBatchedHttpRequests: false,
    introspection: cfg.GRAPHQL_INTROSPECTION,
    hideSchemaDetailsFromClientErrors: !cfg.GRAPHQL_INTROSPECTION,
    // main.ts owns the shutdown order (HTTP, then database) and its deadline.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    // Compact JSON: Apollo's default indents every answer, which costs a third of a millisecond on a
    // whole assessment and a third more bytes, for readers that are programs.
    stringifyResult: (result) => JSON.stringify(result),
    formatError: (formatted, error) => limitError(formatted) ?? formatError(formatted, error, (e) => log.error({ err: e }, 'unexpected error')),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ...queryLimits.plugins,
      sessionPlugin(log),
      tracingPlugin(),
      // Unused features that would otherwise wrap every field resolution of every request.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ...(production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
  await apollo.start();

  const metrics = new ApiMetrics(orm);
  // Two connections to Redis, each with the same short deadline: the rate limits' (many small
  // commands, pipelined) and the queues' (BullMQ's scripts).
  const link = (purpose: string, autoPipelining: boolean) =>
    cfg.REDIS_URL ? new RedisLink(cfg.REDIS_URL, { purpose, log, deadlineMs: cfg.REDIS_COMMAND_TIMEOUT_MS, autoPipelining }) : null;
  const rateLimitLink = link('rate limits', true);
  const queueLink = link('queues', false);
  const rateLimits = new RateLimits(cfg, { prefix: options.rateLimitPrefix, link: rateLimitLink });
  await rateLimits.ready();
  const queues = queueLink ? new ApiQueues(queueLink) : null;
  const graphql = graphqlHandler(apollo, async (req, trace) => {
    const address = clientAddress(req, cfg.TRUST_PROXY_HOPS);
    try {
      const ctx = new RequestContext(trace, cfg, orm, readCredential(req.headers, cfg.AUTH_TOKEN_SECRET), address, rateLimits, options.onQuery, options.replica ?? null, queues);
      const host = req.headers.host;
      if (host && /^[A-Za-z0-9.:[\]-]+$/.test(host)) ctx.origin = `${cfg.TLS ? 'https' : 'http'}://${host}`;
      return ctx;
    } catch (error) {
      // A credential that does not check out still counts against its address (and may be what limits it).
      try {
        await rateLimits.refused(address);
      } catch (limited) {
        throw asGraphQLError(limited, log, 'rate limit check failed');
      }
      throw asGraphQLError(error, log, 'could not read the credential');
    }
  });

  let stopping = false;
  const healthSql = sqlPool(orm, { kind: 'system', purpose: 'health' });
  const databaseAnswers = () => within(1_000, healthSql.selectNoFrom((eb) => eb.lit(1).as('one')).execute()).then(() => true, () => false);
  app.get('/healthz', async (_req, res) => {
    const database = await databaseAnswers();
    res.status(database ? 200 : 503).json({ status: database ? 'ok' : 'unavailable', database: database ? 'ok' : 'unreachable' });
  });
  // Ready for traffic: the database answers. Redis is not needed (rate limits fall back to memory,
  // redeliveries are refused), so a Redis that is away makes the API degraded, not unready: a load
  // balancer keeps sending it traffic, and an operator sees what is wrong.
  app.get('/readyz', async (_req, res) => {
    const [database, redis] = await Promise.all([databaseAnswers(), redisHealth(rateLimitLink, queueLink)]);
    const degraded = redis === 'ok' || redis === 'not configured' ? [] : [redisProblem(redis, cfg.REDIS_COMMAND_TIMEOUT_MS)];
    const status = stopping ? 'stopping' : !database ? 'unavailable' : degraded.length ? 'degraded' : 'ready';
    res.set('cache-control', 'no-store');
    res.status(status === 'ready' || status === 'degraded' ? 200 : 503).json({
      status,
      database: database ? 'ok' : 'unreachable',
      redis,
      rateLimits: rateLimits.store,
      ...(degraded.length ? { degraded } : {}),
    });
  });
  // Metrics name every operation and route template, the pool and the process: in production they
  // are served only to a scraper that presents METRICS_TOKEN (and not at all without one).
  const metricsAccess = cfg.METRICS_TOKEN ? 'token' : production ? 'off' : 'open';
  log.info({ metrics: metricsAccess }, METRICS_ACCESS[metricsAccess]);
  app.get('/metrics', async (req, res) => {
    if (metricsAccess === 'off') {
      sendRequestError(res, 404, 'Metrics are off: set METRICS_TOKEN to serve them', 'NOT_FOUND');
      return;
    }
    if (cfg.METRICS_TOKEN && !sameText(req.headers.authorization ?? '', `Bearer ${cfg.METRICS_TOKEN}`)) {
      sendRequestError(res, 401, 'Metrics need the METRICS_TOKEN as a bearer token', 'UNAUTHENTICATED');
      return;
    }
    res.set('content-type', metrics.registry.contentType).set('cache-control', 'no-store').send(await metrics.registry.metrics());
  });

  app.use('/unsubscribe', createUnsubscribeRouter(orm, cfg, log, rateLimits));
  app.use('/exports', createExportsRouter(orm, cfg, log, { onQuery: options.onQuery, limits: rateLimits }));
  app.use('/calendar', calendarRouter(orm, log, rateLimits, cfg.TRUST_PROXY_HOPS));
  app.use('/sso', ssoRouter(orm, cfg, log, rateLimits));
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
    const trace = new RequestTrace(requestIdOf(req));
    res.setHeader('x-request-id', trace.requestId);
    res.once('close', () => finishRequest(trace, res, log, metrics));
    secure(res, 'api');
    if (path === '/graphql') {
      // One span per GraphQL request, active for all of it: the outbox rows a mutation writes carry
      // its trace context (tracingPlugin names it after the operation). A no-op when tracing is off.
      const span = startSpan('graphql', { kind: SpanKind.SERVER });
      res.once('close', () => span.end());
      void withSpan(span, () =>
        graphql(req, res, query === -1 ? '' : url.slice(query), trace).catch((error: unknown) => {
          log.error({ err: error }, 'graphql request failed');
          if (!res.headersSent) sendRequestError(res, 500, 'Internal error', 'INTERNAL_SERVER_ERROR');
          else res.destroy();
        }),
      );
      return;
    }
    trace.operation = routeLabel(req.method, path);
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
    stop: async () => {
      stopping = true;
      await apollo.stop();
      rateLimitLink?.close();
      await queues?.close();
    },
  };
}
