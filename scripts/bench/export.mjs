// Export memory: the claim is that downloads stream from a database cursor, so the server's memory
// stays flat however many rows an organisation has. The API runs in this process and the client in
// another, so this process's RSS and heap during a download are the server's cost of serving it.
import { clearInterval, setInterval } from 'node:timers';
import v8 from 'node:v8';
import vm from 'node:vm';

/**
 * A full garbage collection before each download, so every run starts from the same clean heap and
 * garbage left by the previous run is not billed to the next one (or hidden by it). `--expose-gc`
 * cannot be passed through `npm run bench`, so it is switched on here.
 */
const collectGarbage = (() => {
  try {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc');
  } catch {
    return () => undefined;
  }
})();

/** Samples RSS and heap every `everyMs` until stopped; returns the maxima. */
function sampleMemory(everyMs = 50) {
  const peak = { rss: 0, heapUsed: 0, samples: 0 };
  const take = () => {
    const { rss, heapUsed } = process.memoryUsage();
    peak.rss = Math.max(peak.rss, rss);
    peak.heapUsed = Math.max(peak.heapUsed, heapUsed);
    peak.samples++;
  };
  take();
  const timer = setInterval(take, everyMs);
  return () => {
    clearInterval(timer);
    take();
    return peak;
  };
}

export async function measureDownload({ api, client, path, headers, rows, label }) {
  collectGarbage();
  const before = process.memoryUsage();
  const stop = sampleMemory(50);
  let peak;
  const result = await client.run('download', { url: `${api.origin}${path}`, headers }).finally(() => {
    peak = stop();
  });
  if (result.status !== 200) throw new Error(`${label}: GET ${path} answered ${result.status}: ${result.error}`);
  return {
    label, path, rows, bytes: result.bytes, lines: result.lines, seconds: result.seconds, firstByteMs: result.firstByteMs,
    mbPerSecond: result.bytes / 1e6 / result.seconds,
    rssBefore: before.rss, rssPeak: peak.rss, rssGrowth: peak.rss - before.rss,
    heapBefore: before.heapUsed, heapPeak: peak.heapUsed, samples: peak.samples,
  };
}
