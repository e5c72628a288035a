import { getMetadataStorage } from 'type-graphql';
import { isObjectType } from 'graphql';
import { API_KEY_SCOPES, type Permission, rolesWith } from '@waymark/domain';
import { createSchema } from '../graphql/schema';
import { PUBLIC, SIGNED_IN } from '../graphql/auth-checker';

/**
 * Who may call what, in one reviewable file. A new query or mutation without `@Authorized`
 * fails here, and any change of guard shows up as a snapshot diff in review.
 */
describe('operation guards', () => {
  it('guards every query and mutation, and the table of roles matches the snapshot', async () => {
    const schema = await createSchema();
    const storage = getMetadataStorage();
    const guardOf = new Map(storage.authorizedFields.map((a) => [`${a.target.name}.${a.fieldName}`, a.roles as string[]]));
    const handlers = new Map<string, string>();
    for (const q of storage.queries) handlers.set(`Query.${q.schemaName}`, `${q.target.name}.${q.methodName}`);
    for (const m of storage.mutations) handlers.set(`Mutation.${m.schemaName}`, `${m.target.name}.${m.methodName}`);

    const table: Record<string, string> = {};
    const unguarded: string[] = [];
    for (const root of [schema.getQueryType(), schema.getMutationType()]) {
      if (!root || !isObjectType(root)) continue;
      for (const field of Object.keys(root.getFields()).sort()) {
        const name = `${root.name}.${field}`;
        const guards = guardOf.get(handlers.get(name) ?? '');
        if (!guards?.length) {
          unguarded.push(name);
          continue;
        }
        table[name] = guards
          .map((g) => {
            if (g === PUBLIC || g === SIGNED_IN) return g;
            const keys = (API_KEY_SCOPES as readonly string[]).includes(g) ? 'API keys with scope' : 'no API keys';
            return `${g}: ${rolesWith(g as Permission).join(', ')}; ${keys}`;
          })
          .join(' | ');
      }
    }
    expect(unguarded).toEqual([]);
    expect(table).toMatchSnapshot();
  });
});
