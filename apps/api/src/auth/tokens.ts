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

/** A second-step challenge lasts this long: enough to open an authenticator app, not to wander off. */
export const CHALLENGE_TTL_SECONDS = 5 * 60;
// Another issuer: a challenge can never pass for a session token, nor a session token for a challenge.
const CHALLENGE_ISSUER = 'waymark-second-factor';

/**
 * The proof that a person gave the right password, handed back instead of a session when they have a
 * second factor: signed, short-lived, naming only the person. The second step needs it and a code.
 */
export function signChallenge(secret: string, userId: string): { challenge: string; expiresAt: Date } {
  const challenge = jwt.sign({}, keyFor(secret), { algorithm: 'HS256', subject: userId, expiresIn: CHALLENGE_TTL_SECONDS, issuer: CHALLENGE_ISSUER });
  return { challenge, expiresAt: new Date(Date.now() + CHALLENGE_TTL_SECONDS * 1000) };
}

/** The person a challenge names, or null when it is forged, for something else, or past its time. */
export function verifyChallenge(secret: string, challenge: string): string | null {
  try {
    const payload = jwt.verify(challenge, keyFor(secret), { algorithms: ['HS256'], issuer: CHALLENGE_ISSUER });
    return typeof payload === 'object' && typeof payload.sub === 'string' ? payload.sub : null;
  } catch {
    return null;
  }
}
