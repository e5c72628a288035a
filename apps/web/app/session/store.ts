/**
 * The signed-in session, kept in sessionStorage (one tab, gone when the tab closes) and shared
 * with React through useSyncExternalStore. When the token expires or the API says
 * UNAUTHENTICATED the session becomes `expired`, not signed out: screens stay mounted, unsaved
 * work stays where it is, and signing in again carries on from there.
 */
export interface Membership {
  role: string;
  organisation: { id: string; name: string; slug: string; kind: string };
}

export interface SessionUser {
  id: string;
  name: string;
  email: string;
}

/** Why the last session ended, said on the sign-in page (words in the catalogue, signIn.reason). */
export type SignOutReason = 'signedOut' | 'signedOutDiscarded' | 'organisationDeleted' | 'accountErased';

export type Session =
  | { status: 'signed-out'; reason?: SignOutReason }
  | { status: 'active' | 'expired'; token: string; expiresAt: string; user: SessionUser; memberships: Membership[] };

const KEY = 'waymark:session';
const listeners = new Set<() => void>();
let current: Session = read();
let expiryTimer: ReturnType<typeof setTimeout> | undefined;

function read(): Session {
  try {
    const stored = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Session | null;
    if (stored && stored.status !== 'signed-out') {
      return Date.parse(stored.expiresAt) <= Date.now() ? { ...stored, status: 'expired' } : stored;
    }
  } catch {
    // A damaged entry is the same as none.
  }
  return { status: 'signed-out' };
}

function set(next: Session): void {
  current = next;
  if (next.status === 'signed-out') sessionStorage.removeItem(KEY);
  else sessionStorage.setItem(KEY, JSON.stringify(next));
  clearTimeout(expiryTimer);
  if (next.status === 'active') {
    // Timers longer than ~24.8 days overflow; a session never lasts that long, but clamp anyway.
    const wait = Math.min(Date.parse(next.expiresAt) - Date.now(), 2 ** 31 - 1);
    expiryTimer = setTimeout(expire, Math.max(wait, 0));
  }
  for (const listener of listeners) listener();
}

export const sessionStore = {
  subscribe: (listener: () => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
  get: (): Session => current,
  token: (): string | null => (current.status === 'active' ? current.token : null),
  signIn: (token: string, expiresAt: string, user: SessionUser, memberships: Membership[]) => {
    set({ status: 'active', token, expiresAt, user, memberships });
  },
  signOut: (reason?: SignOutReason) => {
    set({ status: 'signed-out', reason });
  },
};

export function expire(): void {
  if (current.status === 'active') set({ ...current, status: 'expired' });
}

if (current.status === 'active') set(current);
