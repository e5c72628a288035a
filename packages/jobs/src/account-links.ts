import { createHmac } from 'node:crypto';

/**
 * The links in access emails (an invitation, a password reset). The API and the worker derive the
 * same token from AUTH_TOKEN_SECRET and the row it names, so the token is never stored or queued:
 * the API keeps its hash, the worker writes it into the email, and a resend (a new send number)
 * makes a new token. Format `<prefix>_<owner hex><row hex>_<43 base64url characters>`, where the
 * owner is the invitation's organisation or the reset's person (the row is read under their scope).
 */
export type AccountMailKind = 'invitation' | 'password-reset';

export const ACCOUNT_LINK_PREFIX: Record<AccountMailKind, string> = { invitation: 'inv', 'password-reset': 'pwr' };

/** Where each link lands in the web app; the token travels in the fragment, which browsers never send to a server. */
export const ACCOUNT_LINK_PATH: Record<AccountMailKind, string> = { invitation: 'join', 'password-reset': 'reset-password' };

const hex = (uuid: string) => uuid.replace(/-/g, '').toLowerCase();

export interface AccountLink {
  token: string;
  /** The random-looking part only: what the API hashes and keeps. */
  secret: string;
}

export function accountLinkToken(signingSecret: string, kind: AccountMailKind, ownerId: string, rowId: string, sendNumber: number): AccountLink {
  const secret = createHmac('sha256', signingSecret).update(`waymark.${kind}.v1.${rowId}.${sendNumber}`).digest('base64url');
  return { token: `${ACCOUNT_LINK_PREFIX[kind]}_${hex(ownerId)}${hex(rowId)}_${secret}`, secret };
}

/** The web app's page for a link: `<WEB_BASE_URL><path>#token=<token>`. */
export function accountLinkUrl(webBaseUrl: string, kind: AccountMailKind, token: string): string {
  const base = webBaseUrl.endsWith('/') ? webBaseUrl : `${webBaseUrl}/`;
  return `${base}${ACCOUNT_LINK_PATH[kind]}#token=${token}`;
}
