/**
 * The retry schedule: each retry waits four times longer than the one before, from `baseMs`, up to
 * `maxMs`, with "equal jitter" (half the delay fixed, half random) so that endpoints which failed
 * together are not all retried in the same instant. With the defaults (5 s, 8 tries) the waits are
 * about 5 s, 20 s, 80 s, 5 min, 21 min, 85 min and 5.7 h: a day's outage, roughly, before a
 * delivery becomes a dead letter.
 */
export function retryDelay(failedAttempts: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const n = Math.max(1, Math.floor(failedAttempts));
  const full = Math.min(maxMs, baseMs * 4 ** (n - 1));
  return Math.round(full / 2 + random() * (full / 2));
}
