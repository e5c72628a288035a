import { type KeyObject, createSecretKey, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import jwt from 'jsonwebtoken';
import { UserSession } from '@waymark/db';

export interface TokenClaims {
  userId: string;
  /** The server-side session (user_session row) the token stands for: revoking it ends the token. */
  sessionId: string;
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

/**
 * Session tokens: signed JWTs carrying the user id (`sub`) and the session's id (`jti`); roles are
 * read per request, and the session row is checked on every request.
 */
export function signToken(secret: string, ttlSeconds: number, claims: TokenClaims): { token: string; expiresAt: Date } {
  const token = jwt.sign({}, keyFor(secret), { algorithm: 'HS256', subject: claims.userId, jwtid: claims.sessionId, expiresIn: ttlSeconds, issuer: 'waymark' });
  return { token, expiresAt: new Date(Date.now() + ttlSeconds * 1000) };
}

export function verifyToken(secret: string, token: string): TokenClaims | null {
  try {
    const payload = jwt.verify(token, keyFor(secret), { algorithms: ['HS256'], issuer: 'waymark' });
    if (typeof payload !== 'object' || typeof payload.sub !== 'string' || typeof payload.jti !== 'string') return null;
    return { userId: payload.sub, sessionId: payload.jti };
  } catch {
    return null;
  }
}

/**
 * Opens a server-side session for a person and signs its token: the row and the token end at the
 * same moment. The row is written through `em` (flushed by the caller's unit of work, or here when
 * `flush` is set); under row-level security the scope must already name the user.
 */
export async function startSession(
  em: EntityManager,
  secret: string,
  ttlSeconds: number,
  userId: string,
  options: { flush?: boolean } = {},
): Promise<{ token: string; expiresAt: Date; sessionId: string }> {
  const sessionId = randomUUID();
  const { token, expiresAt } = signToken(secret, ttlSeconds, { userId, sessionId });
  em.create(UserSession, { id: sessionId, userId, expiresAt });
  if (options.flush) await em.flush();
  return { token, expiresAt, sessionId };
}
