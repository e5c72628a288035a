import net from 'node:net';

/** A TCP port on 127.0.0.1 that nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
export function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` every `everyMs` until it gives something truthy, and gives that; null once `timeoutMs` has passed. */
export async function poll<T>(check: () => T | Promise<T>, timeoutMs: number, everyMs = 50): Promise<Truthy<T> | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as Truthy<T>;
    if (Date.now() >= deadline) return null;
    await sleep(everyMs);
  }
}

/** `poll` for tests: the truthy value, or a rejection "timed out waiting for <what>". */
export async function until<T>(check: () => T | Promise<T>, what: string, timeoutMs = 20_000, everyMs = 50): Promise<Truthy<T>> {
  const value = await poll(check, timeoutMs, everyMs);
  if (value === null) throw new Error(`timed out waiting for ${what} (${timeoutMs} ms)`);
  return value;
}

type Truthy<T> = Exclude<T, false | null | undefined | 0 | ''>;
