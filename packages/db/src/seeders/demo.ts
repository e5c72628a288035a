import type { EntityManager } from '@mikro-orm/postgresql';

/** The demo seed arrives in the next commit. */
export async function seedDemo(_em: EntityManager): Promise<string> {
  return 'No demo data yet.';
}
