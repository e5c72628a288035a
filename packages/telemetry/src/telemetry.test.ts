import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { TRACE_KEY, contextOf, inSpan, installTracing, takeTraceContext, traceparent, withTraceContext } from './index';

/** The helpers on their own: no-ops while tracing is off, W3C context in and out of job data while it is on. */
describe('telemetry helpers', () => {
  it('adds nothing and records nothing while tracing is off', async () => {
    const data = { organisationId: 'o' };
    expect(withTraceContext(data)).toBe(data);
    expect(await inSpan('off', {}, () => Promise.resolve(traceparent()))).toBeNull();
  });

  it('carries the active span through job data, and takes it off again', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = installTracing({ serviceName: 'test', processors: [new SimpleSpanProcessor(exporter)] });
    try {
      const carried = await inSpan('producer', {}, async (span) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        const data = withTraceContext({ a: 1 });
        expect(data).toEqual({ a: 1, [TRACE_KEY]: { traceparent: `00-${span.spanContext().traceId}-${span.spanContext().spanId}-01` } });
        return data;
      });
      const { data, parent } = takeTraceContext(carried);
      expect(data).toEqual({ a: 1 });
      await inSpan('consumer', { parent }, () => Promise.resolve());
      const [producer, consumer] = exporter.getFinishedSpans();
      expect(consumer!.spanContext().traceId).toBe(producer!.spanContext().traceId);
      expect(consumer!.parentSpanContext?.spanId).toBe(producer!.spanContext().spanId);

      await expect(inSpan('fails', {}, () => Promise.reject(Object.assign(new Error('550 ada@example.test refused'), { code: 'EENVELOPE' })))).rejects.toThrow();
      const failed = exporter.getFinishedSpans().find((s) => s.name === 'fails')!;
      expect(failed.status.message).toBe('Error EENVELOPE');
      expect(JSON.stringify(failed.attributes)).not.toContain('example.test');
      expect(takeTraceContext({ b: 2 }).data).toEqual({ b: 2 });
      expect(contextOf('not a traceparent')).toBeDefined();
    } finally {
      await tracing.shutdown();
    }
    expect(traceparent()).toBeNull();
  });
});
