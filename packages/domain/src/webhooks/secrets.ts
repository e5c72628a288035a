import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Webhook signing secrets. Standard Webhooks secrets are `whsec_` and the base64 of random bytes
 * (24 to 64; we use 32). Signing needs the secret itself, so unlike API keys it cannot be kept as
 * a hash: it is sealed with AES-256-GCM under a key derived (HKDF-SHA256) from the token secret,
 * with the organisation and endpoint as associated data, so a sealed secret copied to another row
 * does not open. Anyone with the database alone learns nothing; changing AUTH_TOKEN_SECRET makes
 * existing endpoints need a new secret (rotate them).
 */
export const SECRET_PREFIX = 'whsec_';

export function newSigningSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

const keys = new Map<string, Buffer>();
function keyFor(tokenSecret: string): Buffer {
  let key = keys.get(tokenSecret);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', Buffer.from(tokenSecret, 'utf8'), Buffer.from('waymark'), Buffer.from('webhook-signing-secrets v1'), 32));
    keys.set(tokenSecret, key);
  }
  return key;
}

const aad = (organisationId: string, endpointId: string) => Buffer.from(`${organisationId}/${endpointId}`);

/** `v1.<iv>.<tag>.<ciphertext>`, each base64url. */
export function sealSecret(tokenSecret: string, organisationId: string, endpointId: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(tokenSecret), iv);
  cipher.setAAD(aad(organisationId, endpointId));
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), ciphertext].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

/** The secret, or an error when the sealed text was changed, moved to another row, or sealed under another key. */
export function openSecret(tokenSecret: string, organisationId: string, endpointId: string, sealed: string): string {
  const [version, iv, tag, ciphertext] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || ciphertext === undefined) throw new Error('not a sealed webhook secret');
  const decipher = createDecipheriv('aes-256-gcm', keyFor(tokenSecret), Buffer.from(iv, 'base64url'));
  decipher.setAAD(aad(organisationId, endpointId));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}
