import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  type GraphQLNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  isUnionType,
  printSchema,
} from 'graphql';
import { createSchema } from '../graphql/schema';

/**
 * The schema documents itself: integrators read it in the sandbox and generate code from the SDL
 * committed beside the API. The committed SDL must be the running schema (print it again with
 * `npm run schema:print`), and every type, field, argument, input field and enum value must say
 * what it is.
 */
export const SDL_FILE = path.join(__dirname, '../../schema.graphql');

it('matches the SDL committed in apps/api/schema.graphql', async () => {
  const printed = printSchema(await createSchema());
  expect(readFileSync(SDL_FILE, 'utf8').trim()).toBe(printed.trim());
});

it('describes every type, field, argument, input field and enum value', async () => {
  const schema = await createSchema();
  const missing: string[] = [];
  const need = (what: string, description: string | null | undefined) => {
    if (!description?.trim()) missing.push(what);
  };
  const types = Object.values(schema.getTypeMap()).filter((t: GraphQLNamedType) => !t.name.startsWith('__') && !(isScalarType(t) && isSpecifiedScalarType(t)));
  for (const type of types) {
    const root = ['Query', 'Mutation', 'Subscription'].includes(type.name);
    if (!root) need(type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        need(`${type.name}.${field.name}`, field.description);
        for (const arg of field.args) need(`${type.name}.${field.name}(${arg.name})`, arg.description);
      }
    }
    if (isInputObjectType(type)) for (const field of Object.values(type.getFields())) need(`${type.name}.${field.name}`, field.description);
    if (isEnumType(type)) for (const value of type.getValues()) need(`${type.name}.${value.name}`, value.description);
    if (isUnionType(type)) need(type.name, type.description);
  }
  expect(missing).toEqual([]);
});
