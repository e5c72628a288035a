/**
 * Secrets that have ever been written down in this repository or its examples. A production
 * deployment that uses one of them is signing tokens (or opening its database) with a value anyone
 * can read, so it is refused outright.
 */
export const KNOWN_SECRETS: readonly string[] = Object.freeze([
  'development-only-secret-change-me-0123456789',
  'change-me-to-a-long-random-secret-at-least-32-characters',
  'change-me-postgres',
  'change-me-app-password',
  'change-me-analytics-password',
  'waymark_app_dev',
  'waymark_analytics_dev',
  'waymark',
  'waymark-demo',
]);

/** Words that mark a value as an example rather than a real secret. */
const PLACEHOLDER = /change[-_ .]?me|placeholder|example|replace[-_ .]?this|your[-_ .]?secret|development|not[-_ .]?a[-_ .]?secret|secret[-_ .]?here/i;

export const MIN_SECRET_BYTES = 32;
/** The estimate below runs a little under the true entropy of a random string; this leaves room for that. */
const MIN_ESTIMATED_BITS = 192;

/**
 * An estimate of a string's entropy in bits: its length times the Shannon entropy of its characters
 * (with the Miller-Madow correction for small samples). A random base64 or hex string of 32 bytes or
 * more scores well above the threshold; repeated, patterned or dictionary-like text does not.
 */
export function estimateEntropyBits(value: string): number {
  const chars = [...value];
  if (chars.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
  let perChar = 0;
  for (const count of counts.values()) {
    const p = count / chars.length;
    perChar -= p * Math.log2(p);
  }
  const correction = (counts.size - 1) / (2 * chars.length * Math.LN2);
  return chars.length * (perChar + correction);
}

/** Why a value cannot be a production secret, or null when it can. */
export function secretProblem(value: string): string | null {
  if (KNOWN_SECRETS.includes(value)) return 'is a value published in the Waymark repository: generate your own (openssl rand -base64 48)';
  if (PLACEHOLDER.test(value)) return 'looks like a placeholder: generate a real secret (openssl rand -base64 48)';
  if (Buffer.byteLength(value, 'utf8') < MIN_SECRET_BYTES) {
    return `must be at least ${MIN_SECRET_BYTES} bytes of random data (openssl rand -base64 48)`;
  }
  if (estimateEntropyBits(value) < MIN_ESTIMATED_BITS) {
    return 'is too predictable (repeated or patterned characters): generate a random one (openssl rand -base64 48)';
  }
  return null;
}
