import jwt from 'jsonwebtoken';

export interface TokenClaims {
  userId: string;
}

/** Session tokens: short-lived, signed JWTs carrying only the user id; roles are read per request. */
export function signToken(secret: string, ttlSeconds: number, claims: TokenClaims): { token: string; expiresAt: Date } {
  const token = jwt.sign({}, secret, { algorithm: 'HS256', subject: claims.userId, expiresIn: ttlSeconds, issuer: 'waymark' });
  return { token, expiresAt: new Date(Date.now() + ttlSeconds * 1000) };
}

export function verifyToken(secret: string, token: string): TokenClaims | null {
  try {
    const payload = jwt.verify(token, secret, { algorithms: ['HS256'], issuer: 'waymark' });
    return typeof payload === 'object' && typeof payload.sub === 'string' ? { userId: payload.sub } : null;
  } catch {
    return null;
  }
}
