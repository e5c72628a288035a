// A real OpenID provider for tests: oidc-provider (a certified OpenID Connect implementation) on a
// free port, in a child process of its own (it is ESM only, and Jest's module loader is not).
// Accounts: any login whose value is an email address, any password (oidc-provider's own
// development login form). The parent sends messages over IPC:
//   { impostorToken: true|false }  answer the token endpoint from a second provider with the same
//                                  issuer and clients but other signing keys (a forged signature);
// and reads `{ ready: { issuer } }` once the provider listens.
import http from 'node:http';
import Provider from 'oidc-provider';
import { exportJWK, generateKeyPair } from 'jose';

const clients = JSON.parse(process.env.OIDC_IDP_CLIENTS ?? '[]');
/** Clients whose authorization codes live one second (the expired-code case). */
const shortCodes = new Set(JSON.parse(process.env.OIDC_IDP_SHORT_CODE_CLIENTS ?? '[]'));

/**
 * One store for both providers (the real one and the impostor), so the impostor's token endpoint
 * can redeem a code the real one issued and sign the ID token with its own key.
 */
const store = new Map();
class SharedAdapter {
  constructor(name) {
    this.name = name;
  }
  key(id) {
    return `${this.name}:${id}`;
  }
  async upsert(id, payload, expiresIn) {
    store.set(this.key(id), { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : Infinity });
    if (payload.grantId) store.set(`grant:${payload.grantId}:${this.key(id)}`, this.key(id));
    if (payload.uid) store.set(`uid:${this.name}:${payload.uid}`, id);
    if (payload.userCode) store.set(`userCode:${this.name}:${payload.userCode}`, id);
  }
  async find(id) {
    const entry = store.get(this.key(id));
    if (!entry || entry.expiresAt <= Date.now()) return undefined;
    return entry.payload;
  }
  async findByUid(uid) {
    const id = store.get(`uid:${this.name}:${uid}`);
    return id ? this.find(id) : undefined;
  }
  async findByUserCode(userCode) {
    const id = store.get(`userCode:${this.name}:${userCode}`);
    return id ? this.find(id) : undefined;
  }
  async consume(id) {
    const entry = store.get(this.key(id));
    if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
  }
  async destroy(id) {
    store.delete(this.key(id));
  }
  async revokeByGrantId(grantId) {
    for (const [k, v] of store) if (k.startsWith(`grant:${grantId}:`)) {
      store.delete(v);
      store.delete(k);
    }
  }
}

async function signingKeys() {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { keys: [{ ...(await exportJWK(privateKey)), use: 'sig', alg: 'RS256', kid: `k${Math.random().toString(36).slice(2, 10)}` }] };
}

function configuration(jwks) {
  return {
    clients,
    jwks,
    adapter: SharedAdapter,
    cookies: { keys: ['waymark-test-idp-cookie-key'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // The ID token carries the email (as most enterprise providers' do).
    conformIdTokenClaims: false,
    findAccount: async (_ctx, sub) => ({
      accountId: sub,
      claims: async () => ({ sub, email: sub.toLowerCase(), email_verified: true, name: sub.split('@')[0].replace(/[._]/g, ' ') }),
    }),
    // No consent screen: the organisation's own provider trusts its own application.
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
    ttl: {
      AuthorizationCode: (_ctx, _token, client) => (shortCodes.has(client.clientId) ? 1 : 60),
      IdToken: 3600,
      AccessToken: 3600,
      Session: 3600,
      Interaction: 3600,
      Grant: 3600,
    },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  };
}

const server = http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;
const provider = new Provider(issuer, configuration(await signingKeys()));
const impostor = new Provider(issuer, configuration(await signingKeys()));
const real = provider.callback();
const forged = impostor.callback();
let impostorToken = false;

server.on('request', (req, res) => {
  const path = (req.url ?? '/').split('?')[0];
  (impostorToken && path === '/token' ? forged : real)(req, res);
});

process.on('message', (message) => {
  if (message && typeof message.impostorToken === 'boolean') impostorToken = message.impostorToken;
  process.send?.({ done: true });
});
process.on('disconnect', () => process.exit(0));
process.send?.({ ready: { issuer } });
