import { Gauge, type Registry, collectDefaultMetrics } from 'prom-client';

/**
 * prom-client's default gauges whose names end in `_total`, which Prometheus reserves for counters
 * (`promtool check metrics` refuses them). Each is the sum over a gauge that already exists by type
 * (`nodejs_active_handles{type}` ...), so it is served as `<name>_all` instead.
 */
const TOTAL_GAUGES = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'];

/**
 * The process's own metrics (CPU, memory, event loop, handles, garbage collection) on a registry,
 * under a prefix, named as Prometheus expects: what every Waymark process serves beside its own.
 */
export function processMetrics(registry: Registry, prefix: string): void {
  collectDefaultMetrics({ register: registry, prefix });
  for (const name of TOTAL_GAUGES) {
    const full = `${prefix}${name}`;
    const original = registry.getSingleMetric(full);
    if (!original) continue;
    registry.removeSingleMetric(full);
    new Gauge({
      name: full.replace(/_total$/, '_all'),
      help: `${(original as unknown as { help: string }).help} (of every type)`,
      registers: [registry],
      async collect() {
        const { values } = await original.get();
        this.set(values[0]?.value ?? 0);
      },
    });
  }
}
