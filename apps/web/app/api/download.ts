import { authHeaders } from './client';
import { expire } from '../session/store';

/**
 * Downloads need the session's headers, which a plain link cannot send: fetch with them and hand
 * the file to the browser. `open` shows it in a new tab instead (the printable report).
 */
export async function download(path: string, organisationId: string, filename: string, open = false): Promise<void> {
  const res = await fetch(path, { headers: authHeaders(organisationId) });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { errors?: { message?: string; extensions?: { code?: string } }[] } | null;
    const first = body?.errors?.[0];
    if (res.status === 401 || first?.extensions?.code === 'UNAUTHENTICATED') expire();
    throw new Error(first?.message ?? `The download failed (${res.status})`);
  }
  const url = URL.createObjectURL(await res.blob());
  if (open) {
    window.open(url, '_blank', 'noopener');
  } else {
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    link.click();
  }
  // Give the browser time to start reading the file before it is released.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
