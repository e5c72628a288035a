import { randomUUID } from 'node:crypto';
import argon2 from 'argon2';
import type { MikroORM } from '@mikro-orm/postgresql';
import {
  Framework,
  Governance,
  MemberRole,
  Membership,
  Organisation,
  OrganisationKind,
  SizeBand,
  User,
} from '@waymark/db';

/** Fixtures are written as the database owner: they set the stage, the API under test does the rest. */
export interface Fixtures {
  organisation(overrides?: Partial<Organisation>): Promise<Organisation>;
  user(overrides?: { email?: string; name?: string; password?: string }): Promise<User>;
  member(organisation: Organisation, role: MemberRole, user?: User): Promise<{ user: User; membership: Membership }>;
  framework(): Promise<Framework>;
}

let passwordHash: Promise<string> | undefined;
export const FIXTURE_PASSWORD = 'correct horse battery staple';

export function fixtures(owner: MikroORM): Fixtures {
  return {
    async organisation(overrides = {}) {
      const em = owner.em.fork();
      const slug = `org-${randomUUID().slice(0, 8)}`;
      const org = em.create(Organisation, {
        name: `Organisation ${slug}`,
        slug,
        kind: OrganisationKind.LIBRARY,
        sizeBand: SizeBand.MEDIUM,
        governance: Governance.LOCAL_AUTHORITY,
        ...overrides,
      });
      await em.flush();
      return org;
    },
    async user(overrides = {}) {
      const em = owner.em.fork();
      const hash = overrides.password
        ? await argon2.hash(overrides.password, { type: argon2.argon2id })
        : await (passwordHash ??= argon2.hash(FIXTURE_PASSWORD, { type: argon2.argon2id }));
      const user = em.create(User, {
        email: overrides.email ?? `user-${randomUUID().slice(0, 8)}@example.test`,
        name: overrides.name ?? 'Test User',
        passwordHash: hash,
      });
      await em.flush();
      return user;
    },
    async member(organisation, role, user) {
      const person = user ?? (await this.user({ name: `${role.toLowerCase()} of ${organisation.name}` }));
      const em = owner.em.fork();
      const membership = em.create(Membership, { organisationId: organisation.id, userId: person.id, role });
      await em.flush();
      return { user: person, membership };
    },
    async framework() {
      const em = owner.em.fork();
      return em.findOneOrFail(Framework, { key: 'inspiring-learning-partnerships' });
    },
  };
}
