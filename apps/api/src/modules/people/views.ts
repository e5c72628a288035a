import { type Membership, Organisation, type User } from '@waymark/db';
import type { RequestContext } from '../../context';
import type { Connection } from '../../graphql/connection';
import type { MembershipType, OrganisationSummary, UserType } from './types';

export const userView = (user: User): UserType => ({ id: user.id, email: user.email, name: user.name });

const summary = (org: Organisation): OrganisationSummary => ({ id: org.id, name: org.name, slug: org.slug, kind: org.kind });

/**
 * Memberships with their organisation and person, read in one query per kind of row. The
 * organisations are those row-level security lets this transaction see (the one it acts for and
 * the user's own), which is every organisation a visible membership can name.
 */
export async function membershipViews(ctx: RequestContext, memberships: Membership[]): Promise<MembershipType[]> {
  if (!memberships.length) return [];
  const orgIds = [...new Set(memberships.map((m) => m.organisationId))];
  const orgs = new Map((await ctx.em.find(Organisation, { id: { $in: orgIds } })).map((o) => [o.id, o]));
  const users = await Promise.all(memberships.map((m) => ctx.loaders.users.load(m.userId)));
  return memberships.map((m, i) => {
    const org = orgs.get(m.organisationId);
    const user = users[i];
    // Foreign keys and the policies above make this impossible; failing loudly beats a silent gap.
    if (!org || !user) throw new Error(`membership ${m.id} names a row this transaction cannot see`);
    return { id: m.id, role: m.role, createdAt: m.createdAt, organisation: summary(org), user: userView(user) };
  });
}

/** The same page with each node turned into its GraphQL view. */
export async function mapConnection<T, U>(page: Connection<T>, view: (nodes: T[]) => Promise<U[]>): Promise<Connection<U>> {
  const nodes = await view(page.edges.map((e) => e.node));
  return { ...page, edges: page.edges.map((e, i) => ({ cursor: e.cursor, node: nodes[i]! })) };
}
