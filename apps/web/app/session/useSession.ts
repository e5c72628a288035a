import { useSyncExternalStore } from 'react';
import { type Session, sessionStore } from './store';

export function useSession(): Session {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.get);
}
