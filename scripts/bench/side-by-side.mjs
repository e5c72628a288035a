// Waymark and the floor on the same read, side by side: the answers compared first (same JSON, or
// the figures would compare different work), then interleaved rounds of the same load on each, so
// a noisy neighbour on a shared machine slows both alike. CPU is this process's (both servers run
// here, one loaded at a time; the client is its own process, PostgreSQL its own).
import { isDeepStrictEqual } from 'node:util';

async function answer(origin, headers, query, variables) {
  const res = await fetch(`${origin}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return res.json();
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function measure(server, client, body, headers, requests, connections) {
  const before = server.counter.statements;
  const cpuBefore = process.cpuUsage();
  const r = await client.run('load', { url: `${server.origin}/graphql`, headers, body, requests, connections, warmup: 0 });
  const cpu = process.cpuUsage(cpuBefore);
  return { ...r, statements: (server.counter.statements - before) / requests, cpuMs: (cpu.user + cpu.system) / 1000 / requests };
}

export async function sideBySide({ api, floor, client, label, query, variables, headers, requests, connections, rounds }) {
  const ours = await answer(api.origin, headers, query, variables);
  const theirs = await answer(floor.origin, headers, query, variables);
  if (ours.errors || !isDeepStrictEqual(ours, theirs)) {
    throw new Error(`${label}: Waymark and the floor answer differently, so their figures would not compare:\n  Waymark ${JSON.stringify(ours).slice(0, 400)}\n  floor   ${JSON.stringify(theirs).slice(0, 400)}`);
  }
  const body = JSON.stringify({ query, variables });
  // Warm both (connections, JIT, caches) before anything is counted.
  for (const server of [api, floor]) await client.run('load', { url: `${server.origin}/graphql`, headers, body, requests: 0, connections, warmup: 50 });
  const runs = { waymark: [], floor: [] };
  for (let round = 0; round < rounds; round++) {
    // Alternate which goes first, so neither always meets the machine a little warmer.
    const order = round % 2 ? [['floor', floor], ['waymark', api]] : [['waymark', api], ['floor', floor]];
    for (const [name, server] of order) runs[name].push(await measure(server, client, body, headers, requests, connections));
  }
  const summary = (list) => ({
    rps: list.reduce((n, r) => n + r.requests, 0) / list.reduce((s, r) => s + r.seconds, 0),
    p50: median(list.map((r) => r.p50)),
    p99: median(list.map((r) => r.p99)),
    statements: median(list.map((r) => r.statements)),
    cpuMs: median(list.map((r) => r.cpuMs)),
    failed: list.reduce((n, r) => n + r.failed, 0),
  });
  const w = summary(runs.waymark);
  const f = summary(runs.floor);
  return { label, waymark: w, floor: f, ratio: w.rps / f.rps, bytes: JSON.stringify(ours).length };
}
