import { randomInt } from 'node:crypto';
import { generateSecret, generateURI, verifySync } from 'otplib';
import { openSecret, sealSecret } from '@waymark/domain';
import { hashPassword, verifyPassword } from './passwords';

/**
 * TOTP (RFC 6238: SHA-1, 6 digits, 30-second steps, what every authenticator app reads) and
 * recovery codes. The secret is sealed like a webhook signing secret (AES-256-GCM under a key
 * derived from AUTH_TOKEN_SECRET), bound to its person, so a sealed secret copied to another
 * person's row does not open.
 */
export const TOTP_ISSUER = 'Waymark';
export const RECOVERY_CODE_COUNT = 10;
/** A code from the step before or after the current one is accepted too (clocks drift, people type slowly). */
const TOLERANCE_SECONDS = 30;
const SEALED_FOR = 'second-factor';

export const newTotpSecret = (): string => generateSecret();

export const totpUri = (secret: string, email: string): string => generateURI({ issuer: TOTP_ISSUER, label: email, secret });

export const sealTotpSecret = (tokenSecret: string, userId: string, secret: string) => sealSecret(tokenSecret, SEALED_FOR, userId, secret);
export const openTotpSecret = (tokenSecret: string, userId: string, sealed: string) => openSecret(tokenSecret, SEALED_FOR, userId, sealed);

/** What a six-digit code proves: the time step it belongs to, or that it was already used, or nothing. */
export type TotpCheck = { ok: true; timeStep: number } | { ok: false; used: boolean };

/**
 * Checks a code against the secret. A code for a step at or before `lastTimeStep` was already
 * accepted once (or its time has passed with a later one): it is refused as used, not as wrong.
 */
export function checkTotp(secret: string, code: string, lastTimeStep: number | null): TotpCheck {
  const result = verifySync({ secret, token: code, epochTolerance: TOLERANCE_SECONDS });
  // Only TOTP is asked for, so a valid result carries its time step.
  if (!result.valid || !('timeStep' in result)) return { ok: false, used: false };
  if (lastTimeStep !== null && result.timeStep <= lastTimeStep) return { ok: false, used: true };
  return { ok: true, timeStep: result.timeStep };
}

/** Six digits, spaces allowed between them (apps show "123 456"). */
export const asTotpCode = (input: string): string | null => {
  const digits = input.replace(/\s+/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
};

// No 0/o, 1/l/i: a code read off paper is typed right.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** `xxxxx-xxxxx`, about 49 bits each: enough against guessing under the sign-in rate limit. */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  const part = () => Array.from({ length: 5 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return Array.from({ length: count }, () => `${part()}-${part()}`);
}

/** A recovery code as typed (any case, with or without the dash or spaces), or null when it cannot be one. */
export const asRecoveryCode = (input: string): string | null => {
  const plain = input.toLowerCase().replace(/[\s-]+/g, '');
  return new RegExp(`^[${ALPHABET}]{10}$`).test(plain) ? `${plain.slice(0, 5)}-${plain.slice(5)}` : null;
};

/** Recovery codes are kept as passwords are (argon2id): the database alone does not give them away. */
export const hashRecoveryCode = (code: string) => hashPassword(code);
export const recoveryCodeMatches = (hash: string, code: string) => verifyPassword(hash, code);
