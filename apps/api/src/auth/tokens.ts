import { type KeyObject, createSecretKey } from 'node:crypto';
import jwt from 'jsonwebtoken';

export interface TokenClaims {
  userId: string;
}

// jsonwebtoken turns a string secret into a key object on every call (about 1 ms of CPU per
// request); the key is made once per secret instead.
const keys = new Map<string, KeyObject>();
const keyFor = (secret: string) => {
  let key = keys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    keys.set(secret, key);
  }
  return key;
};

/** Session tokens: short-lived, signed JWTs carrying only the user id; roles are read per request. */
export function signToken(secret: string, ttlSeconds: number, claims: TokenClaims): { token: string; expiresAt: Date } {
  const token = jwt.sign({}, keyFor(secret), { algorithm: 'HS256', subject: claims.userId, expiresIn: ttlSeconds, issuer: 'waymark' });
  return { token, expiresAt: new Date(Date.now() + ttlSeconds * 1000) };
}

export function verifyToken(secret: string, token: string): TokenClaims | null {
  try {
    const payload = jwt.verify(token, keyFor(secret), { algorithms: ['HS256'], issuer: 'waymark' });
    return typeof payload === 'object' && typeof payload.sub === 'string' ? { userId: payload.sub } : null;
  } catch {
    return null;
  }
}
