import { Field, ID, registerEnumType } from 'type-graphql';
import { ObjectType } from '../../graphql/object-type';
import { enumOf } from '@waymark/domain';
import type { RequestContext } from '../../context';
import { perRequest } from '../../graphql/loader';
import DataLoader from 'dataloader';

export const ActorKind = enumOf(['PERSON', 'API_KEY', 'SYSTEM', 'UNKNOWN']);
export type ActorKind = (typeof ActorKind)[keyof typeof ActorKind];
registerEnumType(ActorKind, {
  name: 'ActorKind',
  description: 'What acted: a person, an API key of the organisation, Waymark itself, or a record no longer there.',
  valuesConfig: {
    PERSON: { description: 'A person (a user).' },
    API_KEY: { description: "An API key of the organisation (an integration); its name is the key's name." },
    SYSTEM: { description: 'Waymark itself (the worker).' },
    UNKNOWN: { description: 'A person or key that no longer exists.' },
  },
});

@ObjectType('Person', { description: 'Who did something or owns something: a person, or an API key acting for the organisation.' })
export class PersonType {
  @Field(() => ID, { description: 'The user id (or API key id).' }) id!: string;
  @Field(() => String, { description: 'Their name (or the key\u2019s name).' }) name!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Their email, shown to members of the organisation while the person is a member of it; otherwise null.',
  })
  email!: string | null;
  @Field(() => ActorKind, { description: 'Whether this is a person or an API key.' }) kind!: ActorKind;
  @Field(() => Boolean, { description: 'Whether the person is a member of this organisation now.' }) member!: boolean;
}

interface PersonRow {
  id: string;
  name: string;
  email: string | null;
  kind: ActorKind;
  member: boolean;
}

/**
 * People and keys by id, one statement for a whole answer: users (with whether they belong to the
 * organisation in scope) and, for ids that are not users, the organisation's API keys.
 */
export const personById = perRequest(
  (db) =>
    new DataLoader<string, PersonRow | null>(async (ids) => {
      const rows = await db.tenant<PersonRow>(
        `select u.id, u.name, u.email, 'PERSON' as kind,
                exists (select 1 from membership m where m.organisation_id = $1 and m.user_id = u.id) as member
           from app_user u where u.id = any($2::uuid[])
         union all
         select k.id, k.name, null, 'API_KEY', false from api_key k where k.organisation_id = $1 and k.id = any($2::uuid[])`,
        [...ids],
      );
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
);

/** A person as the viewer may see them: the email only to members, and only of current members. */
export async function personOf(ctx: RequestContext, id: string | null): Promise<PersonType | null> {
  if (!id) return null;
  const row = await ctx.loaders.of(personById).load(id);
  if (!row) return { id, name: 'Former member', email: null, kind: 'UNKNOWN', member: false };
  const showEmail = row.kind === 'PERSON' && row.member && ctx.permissions.has('members:read');
  return { ...row, email: showEmail ? row.email : null };
}

/** For fields that always name someone. */
export async function requiredPersonOf(ctx: RequestContext, id: string): Promise<PersonType> {
  return (await personOf(ctx, id))!;
}
