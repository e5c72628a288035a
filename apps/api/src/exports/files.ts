import type express from 'express';
import { notFound } from '@waymark/domain';
import type { Reader, ScopedDB } from '@waymark/db';
import type { Selectable } from 'kysely';

/** The organisation in scope as a download names and dates it. */
export type OrganisationRow = Pick<Selectable<ScopedDB['organisation']>, 'id' | 'name' | 'slug' | 'timeZone'>;

export async function organisationOf(db: Reader): Promise<OrganisationRow> {
  // The scope narrows `organisation` to the one in scope.
  const row = await db.sql.selectFrom('organisation').select(['id', 'name', 'slug', 'timeZone']).executeTakeFirst();
  if (!row) throw notFound('Organisation', db.organisationId ?? '');
  return row;
}

export const today = () => new Date().toISOString().slice(0, 10);
export const fileSafe = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'export';

/** `waymark-<organisation>-<what>-<date>.<ext>`: every download is named the same way. */
export const fileName = (slug: string, parts: readonly string[], ext: string) =>
  `${['waymark', fileSafe(slug), ...parts.map(fileSafe), today()].join('-')}.${ext}`;

export function attachment(res: express.Response, filename: string, contentType: string) {
  res.attachment(filename);
  res.set('content-type', contentType);
  res.set('x-content-type-options', 'nosniff');
}
