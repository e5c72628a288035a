/**
 * Runs `width` loops over a shared list of items. When one loop throws, or `signal` aborts (the job
 * failed or was cancelled), the others stop before their next item; the first error is thrown once
 * every loop has stopped, so nothing of the job is still running when the job is reported failed.
 */
export async function inLanes<T>(items: readonly T[], width: number, work: (item: T, stop: AbortSignal) => Promise<void>, signal?: AbortSignal): Promise<void> {
  const stop = new AbortController();
  const onAbort = () => stop.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) onAbort();
  let next = 0;
  let failure: { error: unknown } | null = null;
  try {
    await Promise.all(Array.from({ length: Math.min(width, items.length) }, async () => {
      while (!stop.signal.aborted && next < items.length) {
        try {
          await work(items[next++]!, stop.signal);
        } catch (error) {
          failure ??= { error };
          stop.abort(error);
        }
      }
    }));
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  if (failure) throw (failure as { error: unknown }).error;
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('the job was cancelled');
}
