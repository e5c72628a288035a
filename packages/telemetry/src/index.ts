import {
  type Attributes,
  type Context,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  context,
  isSpanContextValid,
  propagation,
  trace,
} from '@opentelemetry/api';

export { SpanKind, SpanStatusCode, type Span, type Context } from '@opentelemetry/api';
export { installTracing, startTracing, type Tracing, type TracingSettings } from './install';

/**
 * Traces, written by hand at the few places work crosses a boundary: a GraphQL operation, the
 * outbox relay, a BullMQ job, an SMTP send, a webhook delivery attempt. Every helper here goes
 * through the @opentelemetry/api globals, which are no-ops until `startTracing` installs a
 * provider: with tracing off a span is a shared non-recording object, `traceparent()` is null and
 * nothing is added to job data or rows.
 *
 * Attributes name kinds, ids and counts only: never an email address, a token, a URL's query or
 * any other secret (an error is recorded by its class and code, not its message, which may quote
 * an address).
 */
const tracer = () => trace.getTracer('waymark');

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  /** The context to continue (from a row or a job); the active one when absent. */
  parent?: Context;
  /** Errors that end the work without it failing (BullMQ's DelayedError): the span is not marked as an error. */
  expected?: (error: unknown) => boolean;
}

/** Runs `work` in a new active span, ended when it settles; a throw marks the span as an error and is re-thrown. */
export function inSpan<T>(name: string, options: SpanOptions, work: (span: Span) => Promise<T>): Promise<T> {
  const parent = options.parent ?? context.active();
  return tracer().startActiveSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes }, parent, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      if (!options.expected?.(error)) failed(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Starts a span that the caller ends (for work whose start and end are in different callbacks). */
export function startSpan(name: string, options: SpanOptions = {}): Span {
  return tracer().startSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes }, options.parent ?? context.active());
}

/** Runs `work` with `span` as the active span (so spans started inside are its children). */
export function withSpan<T>(span: Span, work: () => T): T {
  // With tracing off every span is the shared invalid one, and a context holding it parents nothing.
  if (!isSpanContextValid(span.spanContext())) return work();
  return context.with(trace.setSpan(context.active(), span), work);
}

/** The active span, when tracing is on and one is recording. */
export function activeSpan(): Span | undefined {
  const span = trace.getActiveSpan();
  return span?.isRecording() ? span : undefined;
}

/** Marks a span as failed, naming the error's class and code only (messages can quote addresses). */
export function failed(span: Span, error: unknown): void {
  if (!span.isRecording()) return;
  const name = error instanceof Error ? error.name : typeof error;
  const code = (error as { code?: unknown } | null)?.code;
  span.setStatus({ code: SpanStatusCode.ERROR, message: typeof code === 'string' ? `${name} ${code}` : name });
  span.setAttribute('error.type', typeof code === 'string' ? code : name);
}

/** The active context as a W3C `traceparent`, or null when tracing is off or nothing is sampled. */
export function traceparent(): string | null {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ?? null;
}

/** The context a stored `traceparent` names (a row's, a job's); the root context when there is none. */
export function contextOf(parent: string | null | undefined): Context {
  if (!parent) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, { traceparent: parent });
}

/**
 * The key job data carries its W3C trace context under: `{ traceparent }`. It is outside every
 * payload schema: the registry takes it off before the payload is parsed.
 */
export const TRACE_KEY = '_trace';

/** `data` with the active trace context under TRACE_KEY; `data` itself when tracing is off. */
export function withTraceContext<T extends object>(data: T): T {
  const parent = traceparent();
  return parent ? { ...data, [TRACE_KEY]: { traceparent: parent } } : data;
}

/** Job data without its trace context, and the context it carried (the root context when none). */
export function takeTraceContext(data: unknown): { data: unknown; parent: Context } {
  if (!data || typeof data !== 'object' || !(TRACE_KEY in data)) return { data, parent: ROOT_CONTEXT };
  const { [TRACE_KEY]: carried, ...rest } = data as Record<string, unknown>;
  const parent = carried && typeof carried === 'object' ? (carried as { traceparent?: unknown }).traceparent : undefined;
  return { data: rest, parent: contextOf(typeof parent === 'string' ? parent : null) };
}
