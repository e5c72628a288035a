// The HTTP client, run as a separate process (see client.mjs). Keeping it out of the API's process
// means the load generator does not steal the server's event loop, and the server's RSS figures
// during downloads are the server's alone.
import http from 'node:http';
import { performance } from 'node:perf_hooks';

/** One POST on a keep-alive agent; resolves with the status and the whole body. */
function post(agent, url, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/**
 * A fixed number of requests over `connections` keep-alive connections: `connections` loops, each
 * sending its next request as soon as the previous answer is in (a closed-loop load, like autocannon).
 */
async function load({ url, headers, body, requests, connections, warmup }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const hdrs = { 'content-type': 'application/json', ...headers };
  // Warm-up requests open the connections and let V8 and the API's caches settle; they are not counted.
  let sample;
  for (let i = 0; i < warmup; i++) sample = await post(agent, url, hdrs, body);
  const firstError = sample && (sample.status !== 200 || sample.body.includes('"errors"')) ? sample.body.toString().slice(0, 500) : undefined;

  const latencies = new Float64Array(requests);
  let next = 0;
  let failed = 0;
  let bytes = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < requests) {
        const i = next++;
        const t0 = performance.now();
        const res = await post(agent, url, hdrs, body);
        latencies[i] = performance.now() - t0;
        bytes += res.body.length;
        // A GraphQL error still answers 200: count it, or we would be timing error messages.
        if (res.status !== 200 || res.body.includes('"errors"')) failed++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  const sorted = latencies.sort();
  return {
    requests, connections, seconds, failed, firstError, bytesPerResponse: bytes / requests,
    rps: requests / seconds, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted[sorted.length - 1],
  };
}

/** Streams a download and throws it away, counting bytes and lines as they pass. */
function download({ url, headers }) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let firstByteMs;
    http.get(url, { headers }, (res) => {
      let bytes = 0;
      let lines = 0;
      const errorChunks = [];
      res.on('data', (chunk) => {
        firstByteMs ??= performance.now() - started;
        bytes += chunk.length;
        for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
        if (res.statusCode !== 200 && errorChunks.length < 4) errorChunks.push(chunk);
      });
      res.on('end', () =>
        resolve({
          status: res.statusCode, bytes, lines, firstByteMs, seconds: (performance.now() - started) / 1000,
          error: res.statusCode === 200 ? undefined : Buffer.concat(errorChunks).toString().slice(0, 500),
        }),
      );
      res.on('error', reject);
    }).on('error', reject);
  });
}

const commands = { load, download };

process.on('message', async ({ id, command, args }) => {
  try {
    process.send({ id, result: await commands[command](args) });
  } catch (error) {
    process.send({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
// The parent's exit closes the IPC channel: go with it rather than linger.
process.on('disconnect', () => process.exit(0));
