import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { poolUse } from '@waymark/db';
import { ERROR_STATUS, type ErrorCode } from '@waymark/domain';
import { type Logger, processMetrics } from '@waymark/logger';

/**
 * What one request did, filled in as it goes: by the GraphQL plugin (operation, organisation,
 * error codes) or by the router for everything else. Written out once, when the response ends.
 */
export class RequestTrace {
  operation: string | null = null;
  organisationId: string | null = null;
  /** Every error code the answer carried, in order; empty when it succeeded. */
  readonly codes: string[] = [];
  private readonly started = process.hrtime.bigint();

  constructor(readonly requestId: string) {}

  elapsedSeconds(): number {
    return Number(process.hrtime.bigint() - this.started) / 1e9;
  }
}

/** A client's request id is kept when it is a plausible id, so one request can be followed across systems. */
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export function requestIdOf(req: http.IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && CLIENT_REQUEST_ID.test(given) ? given : randomUUID();
}

const STATUS_CODE = new Map<number, ErrorCode>(Object.entries(ERROR_STATUS).map(([code, status]) => [status, code as ErrorCode]));

/** The error code a status stands for, for answers that are not GraphQL (downloads, malformed requests). */
const codeForStatus = (status: number) => STATUS_CODE.get(status) ?? (status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST');

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/** Operation names come from clients: beyond this many distinct ones, the rest are counted as "other". */
const MAX_OPERATIONS = 200;

/**
 * The API's Prometheus metrics on a registry of its own: request durations by operation and
 * outcome, errors by code, and the database pool's connections in use, idle and waited for.
 */
export class ApiMetrics {
  readonly registry = new Registry();
  private readonly seen = new Set<string>();
  private readonly duration = new Histogram({
    name: 'waymark_api_request_duration_seconds',
    help: 'Requests by GraphQL operation (or route) and outcome (ok, or the first error code)',
    labelNames: ['operation', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15],
    registers: [this.registry],
  });
  private readonly errors = new Counter({
    name: 'waymark_api_errors_total',
    help: 'Errors answered, by code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });

  constructor(orm: MikroORM) {
    processMetrics(this.registry, 'waymark_api_');
    const pool = () => poolUse(orm);
    new Gauge({
      name: 'waymark_api_db_pool_connections',
      help: 'Database pool connections: in use, idle, and requests waiting for one',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const p = pool();
        if (!p) return;
        this.set({ state: 'used' }, p.numUsed());
        this.set({ state: 'idle' }, p.numFree());
        this.set({ state: 'waiting' }, p.numPendingAcquires());
      },
    });
  }

  record(trace: RequestTrace, status: number, seconds: number): void {
    const outcome = outcomeOf(trace, status);
    this.duration.observe({ operation: this.label(trace.operation ?? 'unknown'), outcome }, seconds);
    const codes = trace.codes.length ? trace.codes : outcome === 'ok' ? [] : [outcome];
    for (const code of codes) this.errors.inc({ code });
  }

  private label(operation: string): string {
    if (this.seen.has(operation)) return operation;
    if (this.seen.size >= MAX_OPERATIONS) return 'other';
    this.seen.add(operation);
    return operation;
  }
}

const outcomeOf = (trace: RequestTrace, status: number) => trace.codes[0] ?? (status < 400 ? 'ok' : codeForStatus(status));

/** A GraphQL operation's name for logs and metrics: its own name when it is a sane one, else its type. */
export function operationLabel(type: string | undefined, name: string | null | undefined): string {
  if (name && NAME.test(name)) return name;
  return type ? `anonymous ${type}` : 'unparsed';
}

/**
 * Every path the API answers outside /graphql, as the template logs and metrics name it. A path
 * segment may be a secret (a calendar feed's or an unsubscribe link's token) or anything a client
 * made up, so labels are only ever these templates: never a piece of the path itself, and never
 * more series than this list, however many paths are asked for.
 */
const ROUTES: readonly (readonly [RegExp, string])[] = [
  [/^\/(healthz|readyz|metrics)$/, '/$1'],
  [/^\/calendar\/[^/]*$/, '/calendar/:token'],
  [/^\/unsubscribe\/[^/]*$/, '/unsubscribe/:token'],
  [/^\/exports\/(organisation\.json|tables)$/, '/exports/$1'],
  [/^\/exports\/tables\/[^/]+\.csv$/, '/exports/tables/:table.csv'],
  [/^\/exports\/assessments\/[^/]+\/(plan\.csv|report\.html|report\.pdf)$/, '/exports/assessments/:id/$1'],
  [/^\/exports(\/.*)?$/, '/exports/*'],
  [/^\/assets\/.*$/, '/assets/*'],
  // Everything else is the web app (a page the browser routes) or nothing at all.
  [/^.*$/, '/*'],
];
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** A request outside /graphql for logs and metrics: its method and its route's template. */
export function routeLabel(method: string | undefined, path: string): string {
  const verb = method && METHODS.has(method) ? method : 'OTHER';
  for (const [pattern, template] of ROUTES) if (pattern.test(path)) return `${verb} ${path.replace(pattern, template)}`;
  return `${verb} /*`;
}

/**
 * Ends every request the same way: one log line (request id, operation, status, duration,
 * outcome, organisation; never a credential or a variable) and its metrics.
 */
export function finishRequest(trace: RequestTrace, res: http.ServerResponse, log: Logger, metrics: ApiMetrics): void {
  const seconds = trace.elapsedSeconds();
  metrics.record(trace, res.statusCode, seconds);
  log.info(
    {
      requestId: trace.requestId,
      operation: trace.operation,
      status: res.statusCode,
      durationMs: Math.round(seconds * 1e4) / 10,
      outcome: outcomeOf(trace, res.statusCode),
      organisationId: trace.organisationId,
    },
    'request',
  );
}
