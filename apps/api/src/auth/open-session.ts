import type { MikroORM } from '@mikro-orm/postgresql';
import { type QueryObserver, Session } from '@waymark/db';
import { WaymarkError } from '@waymark/domain';
import type { RateLimits } from '../http/rate-limits';
import { type Principal, authenticate } from './authenticate';
import type { Credential } from './credentials';

export interface Caller {
  credential: Credential;
  /** Where the request came from (the socket, or a trusted proxy's X-Forwarded-For). */
  address: string;
}

/**
 * The one way a request (GraphQL or a download) gets its session: counted against the caller's
 * rate limit before a connection is taken, then the session opened and the caller signed in
 * within it, and an API key counted once it is proven. A credential that does not check out costs
 * its address as much as an anonymous request; on any failure the session is rolled back.
 */
export async function openSession(
  orm: MikroORM,
  mode: 'read' | 'write',
  caller: Caller,
  limits: RateLimits,
  observe?: QueryObserver,
): Promise<{ session: Session; principal: Principal }> {
  await limits.admit(caller.credential, caller.address);
  const session = await Session.open(orm, mode, observe);
  try {
    const principal = await authenticate(session, caller.credential);
    if (principal.apiKeyId) await limits.admitKey(principal.apiKeyId);
    return { session, principal };
  } catch (error) {
    await session.rollback().catch(() => undefined);
    if (error instanceof WaymarkError && error.code === 'UNAUTHENTICATED') await limits.refused(caller.address);
    throw error;
  }
}
