import { randomUUID } from 'node:crypto';
import { AuditEntry, OrganisationKind, Region, User } from '@waymark/db';
import { FIXTURE_PASSWORD } from '@waymark/testing';
import { signToken } from '../auth/tokens';
import { MemberRole, type TestApi, errorCode, ok, startTestApi } from './harness';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) {
  token expiresAt user { id email name } memberships { id role organisation { id name kind } }
} }`;
const ME = `{ me { user { id email name } apiKeyId activeOrganisationId role permissions memberships { role organisation { id name kind } } } }`;
const ORGANISATION = `{ organisation { id name slug kind region { code name } sizeBand governance timeZone locale benchmarkingConsent createdAt } }`;
const UPDATE_ORGANISATION = `mutation($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { id name timeZone locale sizeBand governance benchmarkingConsent } }`;

const ownerEm = () => api.db.owner.em.fork();

describe('login', () => {
  it('gives a token that works for `me`, compares emails lower-cased and records the sign-in', async () => {
    const org = await api.fx.organisation();
    const email = `ada-${randomUUID().slice(0, 6)}@example.test`;
    const user = await api.fx.user({ email, name: 'Ada' });
    await api.fx.member(org, MemberRole.MANAGER, user);

    const { login } = ok(await api.gql(LOGIN, { email: `  ${email.toUpperCase()} `, password: FIXTURE_PASSWORD }));
    expect(login.user).toEqual({ id: user.id, email, name: 'Ada' });
    expect(login.memberships).toEqual([{ id: expect.any(String), role: 'MANAGER', organisation: { id: org.id, name: org.name, kind: 'LIBRARY' } }]);
    expect(new Date(login.expiresAt).getTime()).toBeGreaterThan(Date.now());

    const { me } = ok(await api.gql(ME, {}, { token: login.token }));
    expect(me.user.id).toBe(user.id);
    // A single membership is the active organisation without any header.
    expect(me.activeOrganisationId).toBe(org.id);
    expect(me.role).toBe('MANAGER');
    expect(me.permissions).toContain('members:manage');

    const stored = await ownerEm().findOneOrFail(User, { id: user.id });
    expect(stored.lastLoginAt).toBeInstanceOf(Date);
    const audit = await ownerEm().find(AuditEntry, { action: 'auth.login', entityId: user.id });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ organisationId: null, actorUserId: user.id, entityType: 'User' });
  });

  it('answers a wrong password and an unknown email the same way', async () => {
    const user = await api.fx.user();
    const wrong = await api.gql(LOGIN, { email: user.email, password: 'not the password at all' });
    const unknown = await api.gql(LOGIN, { email: `nobody-${randomUUID()}@example.test`, password: FIXTURE_PASSWORD });
    for (const res of [wrong, unknown]) {
      expect(errorCode(res)).toBe('UNAUTHENTICATED');
      expect(res.errors![0]!.message).toBe('Email or password is wrong');
      expect(res.data).toBeNull();
    }
    expect(await ownerEm().count(AuditEntry, { action: 'auth.login', entityId: user.id })).toBe(0);
  });

  it('validates its input and names the field', async () => {
    const res = await api.gql(LOGIN, { email: 'x@example.test', password: '' });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.message).toMatch(/^password:/);
  });

  it('rejects a token signed with another secret, and an unknown user', async () => {
    const org = await api.fx.organisation();
    const { user } = await api.actor(org, MemberRole.OWNER);
    const forged = signToken('another-secret-that-is-long-enough-0123456789', 3600, { userId: user.id, sessionId: randomUUID() }).token;
    const res = await api.gql(ME, {}, { token: forged });
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
    expect(res.status).toBe(401);

    // A well-signed token whose session the server never opened.
    const ghost = signToken(api.db.config.AUTH_TOKEN_SECRET, 3600, { userId: user.id, sessionId: randomUUID() }).token;
    expect(errorCode(await api.gql(ME, {}, { token: ghost }))).toBe('UNAUTHENTICATED');
  });

  it('needs a credential for `me`', async () => {
    expect(errorCode(await api.gql(ME))).toBe('UNAUTHENTICATED');
  });
});

describe('active organisation', () => {
  it('lets a member of two organisations pick one with x-organisation-id', async () => {
    const a = await api.fx.organisation();
    const b = await api.fx.organisation({ kind: OrganisationKind.MUSEUM });
    const user = await api.fx.user();
    await api.fx.member(a, MemberRole.OWNER, user);
    await api.fx.member(b, MemberRole.VIEWER, user);
    const token = await api.tokenFor(user);

    const none = ok(await api.gql(ME, {}, { token })).me;
    expect(none.activeOrganisationId).toBeNull();
    expect(none.permissions).toEqual([]);
    expect(none.memberships.map((m: any) => [m.organisation.id, m.role]).sort()).toEqual(
      [[a.id, 'OWNER'], [b.id, 'VIEWER']].sort(),
    );
    // Tenant operations need a chosen organisation.
    expect(errorCode(await api.gql(ORGANISATION, {}, { token }))).toBe('FORBIDDEN');

    const asB = ok(await api.gql(ME, {}, { token, organisationId: b.id })).me;
    expect(asB).toMatchObject({ activeOrganisationId: b.id, role: 'VIEWER' });
    expect(ok(await api.gql(ORGANISATION, {}, { token, organisationId: b.id })).organisation).toMatchObject({ id: b.id, kind: 'MUSEUM' });
    expect(ok(await api.gql(ORGANISATION, {}, { token, organisationId: a.id })).organisation.id).toBe(a.id);
  });

  it('answers NOT_FOUND for an organisation the user is not in, and BAD_USER_INPUT for a malformed header', async () => {
    const mine = await api.fx.organisation();
    const theirs = await api.fx.organisation();
    const { as } = await api.actor(mine, MemberRole.OWNER);
    const notMine = await api.gql(ME, {}, { ...as, organisationId: theirs.id });
    const missing = await api.gql(ME, {}, { ...as, organisationId: randomUUID() });
    expect(errorCode(notMine)).toBe('NOT_FOUND');
    expect(errorCode(missing)).toBe('NOT_FOUND');
    expect(errorCode(await api.gql(ME, {}, { ...as, organisationId: 'not-a-uuid' }))).toBe('BAD_USER_INPUT');
  });
});

describe('organisation', () => {
  it('shows the active organisation with its region', async () => {
    const em = ownerEm();
    const region = em.create(Region, { code: `R-${randomUUID().slice(0, 6)}`, name: 'North West' });
    await em.flush();
    const org = await api.fx.organisation({ regionId: region.id });
    const { as } = await api.actor(org, MemberRole.VIEWER);
    const { organisation } = ok(await api.gql(ORGANISATION, {}, as));
    expect(organisation).toMatchObject({
      id: org.id,
      name: org.name,
      slug: org.slug,
      kind: 'LIBRARY',
      region: { code: region.code, name: 'North West' },
      sizeBand: 'MEDIUM',
      governance: 'LOCAL_AUTHORITY',
      timeZone: 'Europe/London',
      locale: 'en-GB',
      benchmarkingConsent: 'NONE',
    });
  });

  it('is updated by an owner, with a real time zone, and audited', async () => {
    const org = await api.fx.organisation();
    const { user, as } = await api.actor(org, MemberRole.OWNER);
    const input = { name: 'Renamed Library', timeZone: 'America/New_York', locale: 'cy-GB', sizeBand: 'LARGE', governance: 'CHARITY', benchmarkingConsent: 'NAMED' };
    const { updateOrganisation } = ok(await api.gql(UPDATE_ORGANISATION, { input }, as));
    expect(updateOrganisation).toEqual({ id: org.id, ...input });

    const log = ok(await api.gql(`{ auditLog { edges { node { action entityType entityId actorUserId before after } } } }`, {}, as));
    const entry = log.auditLog.edges.map((e: any) => e.node).find((n: any) => n.action === 'organisation.update');
    expect(entry).toMatchObject({ entityType: 'Organisation', entityId: org.id, actorUserId: user.id });
    expect(entry.before).toMatchObject({ name: org.name, timeZone: 'Europe/London' });
    expect(entry.after).toMatchObject({ name: 'Renamed Library', timeZone: 'America/New_York', benchmarkingConsent: 'NAMED' });
  });

  it('refuses a made-up time zone or a blank name, naming the field, and keeps what was saved', async () => {
    const org = await api.fx.organisation();
    const { as } = await api.actor(org, MemberRole.OWNER);
    for (const [input, field] of [
      [{ timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
      [{ timeZone: '+02:00' }, 'timeZone'],
      [{ locale: 'english' }, 'locale'],
      [{ locale: 'en_GB' }, 'locale'],
      [{ name: '   ' }, 'name'],
      [{ name: '' }, 'name'],
    ] as const) {
      const res = await api.gql(UPDATE_ORGANISATION, { input }, as);
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0]!.message).toMatch(new RegExp(`${field}`));
    }
    expect(ok(await api.gql(ORGANISATION, {}, as)).organisation).toMatchObject({ name: org.name, timeZone: 'Europe/London', locale: 'en-GB' });
  });

  it('may be read by any member but changed only by an owner', async () => {
    const org = await api.fx.organisation();
    const manager = await api.actor(org, MemberRole.MANAGER);
    expect(ok(await api.gql(ORGANISATION, {}, manager.as)).organisation.id).toBe(org.id);
    expect(errorCode(await api.gql(UPDATE_ORGANISATION, { input: { name: 'Nope' } }, manager.as))).toBe('FORBIDDEN');
  });
});
