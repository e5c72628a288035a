import net from 'node:net';
import { freePort } from './ports';

export interface TcpProxy {
  readonly port: number;
  /** `redis://127.0.0.1:<port>` and the like: the target's URL with the proxy's port. */
  url(scheme: string): string;
  readonly stalled: boolean;
  /**
   * Stops forwarding in both directions, as a network that drops every packet: connections stay
   * open and nothing is refused or reset, but nothing gets through (new connections are accepted
   * and get nowhere). What was sent waits, as TCP would retransmit it, and flows on `resume()`.
   */
  stall(): void;
  resume(): void;
  close(): Promise<void>;
}

/**
 * A TCP proxy on a free loopback port in front of a server of the test's own, that can cut the
 * network between them without touching the machine's network (no iptables or tc, no namespace).
 */
export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const port = await freePort();
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket | null }>();
  let stalled = false;

  const connectUpstream = (pair: { client: net.Socket; upstream: net.Socket | null }) => {
    const upstream = net.connect({ host: '127.0.0.1', port: targetPort });
    pair.upstream = upstream;
    pair.client.pipe(upstream);
    upstream.pipe(pair.client);
    const end = () => {
      pair.client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    upstream.on('error', end);
    upstream.on('close', end);
    if (stalled) upstream.pause();
  };

  const server = net.createServer((client) => {
    const pair = { client, upstream: null as net.Socket | null };
    pairs.add(pair);
    client.on('error', () => pair.upstream?.destroy());
    client.on('close', () => {
      pair.upstream?.destroy();
      pairs.delete(pair);
    });
    if (stalled) client.pause();
    else connectUpstream(pair);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });

  return {
    port,
    url: (scheme) => `${scheme}://127.0.0.1:${port}`,
    get stalled() {
      return stalled;
    },
    stall() {
      stalled = true;
      for (const pair of pairs) {
        // pipe() would resume a paused source when its destination drains: take the pipes apart.
        pair.client.unpipe();
        pair.upstream?.unpipe();
        pair.client.pause();
        pair.upstream?.pause();
      }
    },
    resume() {
      stalled = false;
      for (const pair of pairs) {
        if (!pair.upstream) {
          connectUpstream(pair);
          continue;
        }
        pair.client.pipe(pair.upstream);
        pair.upstream.pipe(pair.client);
      }
    },
    async close() {
      for (const pair of pairs) {
        pair.client.destroy();
        pair.upstream?.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
