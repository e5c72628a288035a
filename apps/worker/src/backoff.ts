/**
 * Retries `work` with exponential backoff (from `firstMs`, doubling, at most `maxMs` between tries)
 * until it succeeds or `giveUpAt` (a Date.now() value) has passed; then the last error is thrown.
 */
export async function withBackoff<T>(work: () => Promise<T>, options: { firstMs: number; maxMs: number; giveUpAt: number }): Promise<T> {
  for (let wait = options.firstMs; ; wait = Math.min(wait * 2, options.maxMs)) {
    try {
      return await work();
    } catch (error) {
      if (Date.now() + wait > options.giveUpAt) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
