import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API keys and invitation tokens carry the organisation id they belong to, so the lookup can run
 * under that organisation's row-level security; the random part is verified against a SHA-256
 * hash (it has 256 bits of entropy, so a slow password hash would add nothing but latency).
 * Format: `<prefix>_<organisation hex><row hex>_<secret>`.
 */
export interface ParsedSecret {
  organisationId: string;
  rowId: string;
  secret: string;
}

const hex = (uuid: string) => uuid.replace(/-/g, '');
const uuid = (h: string) => `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;

export function issueSecret(prefix: string, organisationId: string, rowId: string): { token: string; hash: string; display: string } {
  const secret = randomBytes(32).toString('base64url');
  const token = `${prefix}_${hex(organisationId)}${hex(rowId)}_${secret}`;
  return { token, hash: hashSecret(secret), display: `${prefix}_…${secret.slice(-4)}` };
}

export function parseSecret(prefix: string, token: string): ParsedSecret | null {
  const match = new RegExp(`^${prefix}_([0-9a-f]{32})([0-9a-f]{32})_([A-Za-z0-9_-]{43})$`).exec(token);
  if (!match) return null;
  return { organisationId: uuid(match[1]!), rowId: uuid(match[2]!), secret: match[3]! };
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function secretMatches(secret: string, expectedHash: string): boolean {
  const actual = Buffer.from(hashSecret(secret), 'hex');
  const expected = Buffer.from(expectedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
