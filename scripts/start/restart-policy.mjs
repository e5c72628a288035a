// When a supervised child that died is started again, and when to stop trying.
//
// The k-th restart within the last `windowMs` waits initialDelayMs * 2^(k-1) (capped at maxDelayMs);
// one more than `maxRestarts` within the window gives up on that child. With the defaults a child
// that keeps crashing is tried 5 times over about 15 s, then left stopped with a message.

export const DEFAULT_POLICY = Object.freeze({
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  maxRestarts: 5,
  windowMs: 60_000,
  // EX_CONFIG (packages/config's exitOnConfigError): a setting is wrong, so starting again cannot help.
  permanentExitCodes: [78],
});

/**
 * @param {number[]} restarts times (ms) of earlier restarts of this child
 * @param {{ now: number, code: number | null }} exit
 * @returns {{ giveUp: true, reason: string } | { giveUp: false, delayMs: number, attempt: number }}
 */
export function nextRestart(restarts, { now, code }, policy = DEFAULT_POLICY) {
  if (code !== null && policy.permanentExitCodes.includes(code)) {
    return { giveUp: true, reason: `exit code ${code} means its configuration is invalid (see its output above); restarting cannot help` };
  }
  const recent = restarts.filter((at) => now - at < policy.windowMs);
  if (recent.length >= policy.maxRestarts) {
    return { giveUp: true, reason: `it stopped ${recent.length + 1} times within ${policy.windowMs / 1000} s` };
  }
  const attempt = recent.length + 1;
  return { giveUp: false, attempt, delayMs: Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (attempt - 1)) };
}
