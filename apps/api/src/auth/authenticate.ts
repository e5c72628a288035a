import type { Session } from '@waymark/db';
import { type Permission, type Role, WaymarkError, isApiKeyScope, isRole, permissionsForRole, unauthenticated } from '@waymark/domain';
import type { Credential } from './credentials';
import { secretMatches } from './secrets';

export interface Principal {
  userId: string | null;
  /** The person's server-side session (sign-out ends it); null for an API key or no one. */
  sessionId: string | null;
  apiKeyId: string | null;
  organisationId: string | null;
  role: Role | null;
  permissions: ReadonlySet<Permission>;
  /**
   * The organisation requires a second factor of owners and managers and this person has none yet:
   * they may set one up (and read who they are) but do nothing for the organisation until then.
   */
  secondFactorMissing: boolean;
}

export const ANONYMOUS: Principal = Object.freeze({ userId: null, sessionId: null, apiKeyId: null, organisationId: null, role: null, permissions: new Set<Permission>(), secondFactorMissing: false });

/** Recording every use of a key would write on every read; once a minute is enough to tell a key is alive. */
const LAST_USED_EVERY_MS = 60_000;

/**
 * Turns a credential into a principal inside the session, and points the session's row-level
 * security at its organisation: one statement for a person (waymark_sign_in, which also checks their session is live), one for a key
 * (waymark_key_session, plus a write once a minute), none for anyone else.
 */
export async function authenticate(session: Session, credential: Credential): Promise<Principal> {
  switch (credential.kind) {
    case 'anonymous':
      await session.begin();
      return ANONYMOUS;
    case 'user': {
      const { live, organisationId, role, secondFactorMissing } = await session.signIn(credential.userId, credential.sessionId, credential.organisationId);
      // Signed out, signed out everywhere, password changed or reset, or past its time: refused at once.
      if (!live) throw unauthenticated('The session has ended: log in again');
      // Naming an organisation you do not belong to looks exactly like naming one that does not exist.
      if (credential.organisationId && !organisationId) {
        throw new WaymarkError('NOT_FOUND', `Organisation ${credential.organisationId} was not found`, { what: 'Organisation' });
      }
      if (!organisationId || !role || !isRole(role)) return { ...ANONYMOUS, userId: credential.userId, sessionId: credential.sessionId };
      const permissions = secondFactorMissing ? ANONYMOUS.permissions : permissionsForRole(role);
      return { userId: credential.userId, sessionId: credential.sessionId, apiKeyId: null, organisationId, role, permissions, secondFactorMissing };
    }
    case 'key': {
      const key = await session.keySession(credential.organisationId, credential.keyId);
      if (!key || key.revoked || !secretMatches(credential.secret, key.secret_hash)) {
        throw unauthenticated('The API key is unknown or has been revoked');
      }
      if (!key.last_used_at || Date.now() - key.last_used_at.getTime() > LAST_USED_EVERY_MS) {
        await session.db.sql.updateTable('apiKey').set((eb) => ({ lastUsedAt: eb.fn<Date>('now') })).where('id', '=', credential.keyId).execute();
      }
      const permissions = new Set(key.scopes.filter(isApiKeyScope)) as ReadonlySet<Permission>;
      return { userId: null, sessionId: null, apiKeyId: credential.keyId, organisationId: credential.organisationId, role: null, permissions, secondFactorMissing: false };
    }
  }
}
