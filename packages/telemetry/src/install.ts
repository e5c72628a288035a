import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';

export interface Tracing {
  /** Exports what is buffered, then removes the provider, propagator and context manager. */
  shutdown(): Promise<void>;
}

/** The settings tracing reads (packages/config's `telemetry` section). */
export interface TracingSettings {
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;
  OTEL_SERVICE_NAME?: string;
}

/**
 * Makes this process record spans into `processors`: a provider, the W3C propagator and an
 * AsyncLocalStorage context manager (so a span started in a request or a job is the parent of what
 * that request or job does next, across awaits). Tests pass an in-memory exporter here.
 */
export function installTracing(options: { serviceName: string; processors: SpanProcessor[] }): Tracing {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName }),
    spanProcessors: options.processors,
  });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  return {
    async shutdown() {
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}

/**
 * Tracing as configured: off (null, nothing installed) without OTEL_EXPORTER_OTLP_ENDPOINT;
 * otherwise spans are batched and sent as OTLP/HTTP (JSON) to `<endpoint>/v1/traces`, the path
 * the OTLP specification gives the base endpoint.
 */
export function startTracing(settings: TracingSettings, defaultServiceName: string): Tracing | null {
  const endpoint = settings.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint) return null;
  const url = `${endpoint.replace(/\/+$/, '')}/v1/traces`;
  return installTracing({
    serviceName: settings.OTEL_SERVICE_NAME ?? defaultServiceName,
    processors: [new BatchSpanProcessor(new OTLPTraceExporter({ url }))],
  });
}
