import { authHeaders } from './client';
import { type ApiProblem, problemFrom } from './errors';
import { expire } from '../session/store';

/** A refused or failed download, with the API's typed error (shown in plain words by the screen). */
export class DownloadError extends Error {
  constructor(readonly problem: ApiProblem) {
    super(problem.message);
  }
}

/** The file name the server gave (Content-Disposition), which names the organisation and the date. */
function serverFileName(header: string | null): string | null {
  if (!header) return null;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  if (encoded) return decodeURIComponent(encoded);
  return /filename="?([^";]+)"?/i.exec(header)?.[1] ?? null;
}

/**
 * Downloads need the session's headers, which a plain link cannot send: fetch with them and hand
 * the file to the browser, under the name the server chose. `open` shows it in a new tab instead
 * (the printable report). Resolves to the file's name.
 */
export async function download(path: string, organisationId: string, open = false): Promise<string> {
  let res: Response;
  try {
    res = await fetch(path, { headers: authHeaders(organisationId) });
  } catch {
    throw new DownloadError({ code: 'NETWORK', message: 'network', extensions: {} });
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { errors?: { message?: string; extensions?: Record<string, unknown> }[] } | null;
    const first = body?.errors?.[0];
    const problem = problemFrom(first?.message ?? String(res.status), first?.extensions ?? { code: res.status === 403 ? 'FORBIDDEN' : res.status === 404 ? 'NOT_FOUND' : undefined });
    if (res.status === 401 || problem.code === 'UNAUTHENTICATED') expire();
    throw new DownloadError(problem);
  }
  const filename = serverFileName(res.headers.get('content-disposition')) ?? path.split('/').pop() ?? 'waymark-download';
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
  return filename;
}
