/** Answers typed but not yet saved, kept per tab so a reload or an expired session loses none. */
export interface Draft {
  value: string;
  areaForImprovement: boolean;
  note: string | null;
}

const PREFIX = 'waymark:drafts:';

export function loadDrafts(key: string): Record<string, Draft> {
  try {
    return (JSON.parse(sessionStorage.getItem(PREFIX + key) ?? '{}') as Record<string, Draft>) ?? {};
  } catch {
    return {};
  }
}

export function storeDrafts(key: string, drafts: Record<string, Draft>): void {
  if (Object.keys(drafts).length) sessionStorage.setItem(PREFIX + key, JSON.stringify(drafts));
  else sessionStorage.removeItem(PREFIX + key);
}

/** On signing out: unsaved answers of this tab go with the session. */
export function clearDrafts(): void {
  for (const key of Object.keys(sessionStorage)) if (key.startsWith(PREFIX)) sessionStorage.removeItem(key);
}
