import { randomUUID } from 'node:crypto';
import { isObjectType } from 'graphql';
import { ApiKey, MemberRole, type Organisation } from '@waymark/db';
import { API_KEY_SCOPES } from '@waymark/domain';
import { withAdminClient } from '@waymark/testing';
import { issueSecret } from '../auth/secrets';
import { signChallenge } from '../auth/tokens';
import { createSchema } from '../graphql/schema';
import { type As, type TestApi, startTestApi } from './harness';
import { organisationDigest, seedOrganisationData } from './world';

/**
 * Tenant isolation, operation by operation: every query and mutation in the schema is called by
 * every kind of credential of organisation B, aimed at organisation A's ids. Nothing of A may be
 * seen, and nothing of A may change. The list of operations must cover the whole schema, so a
 * new operation cannot ship without its isolation case.
 */
let api: TestApi;
let orgA: Organisation;
let orgB: Organisation;
const A: Record<string, string> = {};
const actorsB: [string, As][] = [];

interface Case {
  query: string;
  variables?: () => Record<string, unknown>;
  /** Aimed at A's ids: must answer NOT_FOUND (or FORBIDDEN for a role without the permission). */
  targetsA: boolean;
}

const answer = { nodeKey: '3.1.1.a', value: 'YES' };
/**
 * A spreadsheet import of rows that name A's ids. The file is named after the id as well, so the
 * row error's echo of it ("Partner <id> was not found") counts as something the caller sent.
 */
const importing = (mutation: string, csv: (id: string) => string, id: () => string, assessmentId?: () => string): Case => ({
  query: `mutation($input: ${assessmentId ? 'AssessmentImportInput' : 'ImportInput'}!) { ${mutation}(input: $input) { added changed errors { message } } }`,
  variables: () => ({
    input: { file: { name: `${id()}.csv`, contentBase64: Buffer.from(csv(id())).toString('base64') }, ...(assessmentId ? { assessmentId: assessmentId() } : {}) },
  }),
  targetsA: true,
});
const evidenceInput = { title: 'x', url: 'https://example.org/x', evidenceDate: '2026-01-01' };

const CASES: Record<string, Case> = {
  'Query.frameworks': { query: `{ frameworks { totalCount edges { node { id } } } }`, targetsA: false },
  'Query.framework': { query: `{ framework(key: "inspiring-learning-partnerships") { id } }`, targetsA: false },
  'Query.assessments': { query: `{ assessments { totalCount edges { node { id cycle } } } }`, targetsA: false },
  'Query.assessment': { query: `query($id: ID!) { assessment(id: $id) { id } }`, variables: () => ({ id: A.draft }), targetsA: true },
  'Query.evidenceLibrary': { query: `{ evidenceLibrary { totalCount edges { node { id title } } } }`, targetsA: false },
  'Query.evidence': { query: `query($id: ID!) { evidence(id: $id) { id } }`, variables: () => ({ id: A.evidence }), targetsA: true },
  'Query.me': { query: `{ me { user { id email } memberships { role organisation { id name } } } }`, targetsA: false },
  'Query.organisation': { query: `{ organisation { id name } }`, targetsA: false },
  'Query.members': { query: `{ members { totalCount edges { node { id role user { id email } } } } }`, targetsA: false },
  'Query.invitations': { query: `{ invitations { totalCount edges { node { id email } } } }`, targetsA: false },
  'Query.apiKeys': { query: `{ apiKeys { totalCount edges { node { id name } } } }`, targetsA: false },
  'Query.auditLog': { query: `{ auditLog { totalCount edges { node { id entityId before after } } } }`, targetsA: false },
  'Mutation.login': { query: `mutation { login(email: "a-owner@a.test", password: "wrong password here") { token } }`, targetsA: false },
  'Mutation.acceptInvitation': {
    query: `mutation($t: String!) { acceptInvitation(token: $t, name: "Mallory", password: "long enough password") { token } }`,
    variables: () => ({ t: issueSecret('inv', orgA.id, A.invitation!).token }),
    targetsA: true,
  },
  'Mutation.updateOrganisation': { query: `mutation { updateOrganisation(input: { name: "Renamed B" }) { id } }`, targetsA: false },
  'Mutation.changeMemberRole': { query: `mutation($id: ID!) { changeMemberRole(membershipId: $id, role: VIEWER) { id } }`, variables: () => ({ id: A.membership }), targetsA: true },
  'Mutation.removeMember': { query: `mutation($id: ID!) { removeMember(membershipId: $id) }`, variables: () => ({ id: A.membership }), targetsA: true },
  'Mutation.erasePerson': { query: `mutation($id: ID!) { erasePerson(membershipId: $id) { id label } }`, variables: () => ({ id: A.membership }), targetsA: true },
  // The organisation comes from the credential: naming A only fails B's own confirmation.
  'Mutation.deleteOrganisation': { query: `mutation { deleteOrganisation(confirmName: "Alpha Archive", exportDeclined: true) { organisationId } }`, targetsA: false },
  // A wrong password: B's people stay (the other cases need them), and nothing of A is reachable from here.
  'Mutation.eraseMyAccount': { query: `mutation { eraseMyAccount(password: "not-the-password") }`, targetsA: false },
  'Mutation.inviteMember': { query: `mutation { inviteMember(email: "new-person@b.test", role: VIEWER) { id } }`, targetsA: false },
  'Mutation.resendInvitation': { query: `mutation($id: ID!) { resendInvitation(id: $id) { id } }`, variables: () => ({ id: A.invitation }), targetsA: true },
  'Mutation.revokeInvitation': { query: `mutation($id: ID!) { revokeInvitation(id: $id) { id } }`, variables: () => ({ id: A.invitation }), targetsA: true },
  'Mutation.createApiKey': { query: `mutation { createApiKey(name: "b key", scopes: ["assessments:read"]) { secret } }`, targetsA: false },
  'Mutation.revokeApiKey': { query: `mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, variables: () => ({ id: A.apiKey }), targetsA: true },
  'Mutation.createAssessment': {
    query: `mutation($f: ID!) { createAssessment(input: { frameworkId: $f, cycle: "b-cycle" }) { id } }`,
    variables: () => ({ f: A.framework }),
    targetsA: false,
  },
  'Mutation.startNextCycle': {
    query: `mutation($id: ID!) { startNextCycle(input: { previousAssessmentId: $id, cycle: "2099" }) { id } }`,
    variables: () => ({ id: A.submitted }),
    targetsA: true,
  },
  'Mutation.recordAnswers': { query: `mutation($i: AnswersInput!) { recordAnswers(input: $i) { nodeKey } }`, variables: () => ({ i: { assessmentId: A.draft, answers: [answer] } }), targetsA: true },
  'Mutation.setConsensusAnswers': { query: `mutation($i: AnswersInput!) { setConsensusAnswers(input: $i) { id } }`, variables: () => ({ i: { assessmentId: A.draft, answers: [answer] } }), targetsA: true },
  'Mutation.clearMyAnswers': { query: `mutation($i: ClearAnswersInput!) { clearMyAnswers(input: $i) { id } }`, variables: () => ({ i: { assessmentId: A.draft, nodeKeys: ['3.1.1.a'] } }), targetsA: true },
  'Mutation.clearConsensusAnswers': {
    query: `mutation($i: ClearAnswersInput!) { clearConsensusAnswers(input: $i) { id } }`,
    variables: () => ({ i: { assessmentId: A.submitted, nodeKeys: ['3.1.1.a'] } }),
    targetsA: true,
  },
  'Mutation.adoptAgreedAnswers': { query: `mutation($id: ID!) { adoptAgreedAnswers(id: $id) { id } }`, variables: () => ({ id: A.draft }), targetsA: true },
  'Mutation.submitAssessment': { query: `mutation($id: ID!) { submitAssessment(id: $id) { id } }`, variables: () => ({ id: A.draft }), targetsA: true },
  'Mutation.reopenAssessment': { query: `mutation($id: ID!) { reopenAssessment(id: $id, reason: "Trying to reopen someone else's") { id } }`, variables: () => ({ id: A.submitted }), targetsA: true },
  'Mutation.createEvidence': { query: `mutation($i: EvidenceInput!) { createEvidence(input: $i) { id } }`, variables: () => ({ i: evidenceInput }), targetsA: false },
  'Mutation.updateEvidence': { query: `mutation($id: ID!, $i: EvidenceInput!) { updateEvidence(id: $id, input: $i) { id } }`, variables: () => ({ id: A.evidence, i: evidenceInput }), targetsA: true },
  'Mutation.deleteEvidence': { query: `mutation($id: ID!) { deleteEvidence(id: $id) }`, variables: () => ({ id: A.evidence }), targetsA: true },
  'Mutation.linkEvidence': {
    query: `mutation($i: EvidenceLinkInput!) { linkEvidence(input: $i) { nodeKey } }`,
    variables: () => ({ i: { evidenceId: A.evidence, assessmentId: A.draft, nodeKey: '3.1.g1.2' } }),
    targetsA: true,
  },
  'Mutation.unlinkEvidence': {
    query: `mutation($i: EvidenceLinkInput!) { unlinkEvidence(input: $i) }`,
    variables: () => ({ i: { evidenceId: A.evidence, assessmentId: A.draft, nodeKey: '3.1.g1.1' } }),
    targetsA: true,
  },
  'Query.partners': { query: `{ partners { totalCount edges { node { id name links { nodeKey } } } } }`, targetsA: false },
  'Query.partner': { query: `query($id: ID!) { partner(id: $id) { id name } }`, variables: () => ({ id: A.partner }), targetsA: true },
  'Mutation.createPartner': { query: `mutation { createPartner(input: { name: "B partner", partnerType: OTHER }) { id } }`, targetsA: false },
  'Mutation.updatePartner': { query: `mutation($id: ID!) { updatePartner(id: $id, input: { name: "Renamed by B" }) { id } }`, variables: () => ({ id: A.partner }), targetsA: true },
  'Mutation.deletePartner': { query: `mutation($id: ID!) { deletePartner(id: $id) }`, variables: () => ({ id: A.partner }), targetsA: true },
  'Mutation.reviewPartner': { query: `mutation($id: ID!) { reviewPartner(id: $id, note: "not mine") { id } }`, variables: () => ({ id: A.partner }), targetsA: true },
  'Mutation.linkPartner': {
    query: `mutation($i: PartnerLinkInput!) { linkPartner(input: $i) { nodeKey } }`,
    variables: () => ({ i: { partnerId: A.partner, assessmentId: A.draft, nodeKey: '3.2.1' } }),
    targetsA: true,
  },
  'Mutation.unlinkPartner': {
    query: `mutation($i: PartnerLinkInput!) { unlinkPartner(input: $i) }`,
    variables: () => ({ i: { partnerId: A.partner, assessmentId: A.draft, nodeKey: '3.1.3' } }),
    targetsA: true,
  },
  'Query.actionPlan': { query: `query($a: ID!) { actionPlan(assessmentId: $a) { id } }`, variables: () => ({ a: A.draft }), targetsA: true },
  'Query.actionItems': { query: `{ actionItems(filter: { includeResolved: true }) { totalCount edges { node { id what } } } }`, targetsA: false },
  'Query.actionItem': { query: `query($id: ID!) { actionItem(id: $id) { id } }`, variables: () => ({ id: A.item }), targetsA: true },
  'Query.progress': { query: `{ progress { assessmentId cycle plan { items } } }`, targetsA: false },
  'Mutation.generateActionPlan': { query: `mutation($a: ID!) { generateActionPlan(assessmentId: $a) { created } }`, variables: () => ({ a: A.draft }), targetsA: true },
  'Mutation.updateActionItem': {
    query: `mutation($id: ID!) { updateActionItem(id: $id, input: { resources: "hijacked" }) { id } }`,
    variables: () => ({ id: A.item }),
    targetsA: true,
  },
  'Mutation.changeActionItemStatus': { query: `mutation($id: ID!) { changeActionItemStatus(id: $id, status: DROPPED) { id } }`, variables: () => ({ id: A.item }), targetsA: true },
  'Mutation.addActionItemNote': { query: `mutation($id: ID!) { addActionItemNote(id: $id, body: "hello") { id } }`, variables: () => ({ id: A.item }), targetsA: true },
  'Mutation.linkActionItemEvidence': {
    query: `mutation($i: ID!, $e: ID!) { linkActionItemEvidence(itemId: $i, evidenceId: $e) { id } }`,
    variables: () => ({ i: A.item, e: A.evidence }),
    targetsA: true,
  },
  'Mutation.unlinkActionItemEvidence': {
    query: `mutation($i: ID!, $e: ID!) { unlinkActionItemEvidence(itemId: $i, evidenceId: $e) { id } }`,
    variables: () => ({ i: A.item, e: A.evidence }),
    targetsA: true,
  },
  // Benchmarks and networks. Organisation B is an institution: what only a body may do is FORBIDDEN
  // to it before any id is looked at (benchmarks.test.ts aims bodies at each other's ids).
  'Query.benchmarks': { query: `{ benchmarks { unavailableReason cohorts { key members } } }`, targetsA: false },
  'Query.regionBenchmarks': { query: `{ regionBenchmarks { region overall { key } } }`, targetsA: false },
  'Query.networkHeatmap': { query: `query($n: ID!) { networkHeatmap(networkId: $n) { rows { label } } }`, variables: () => ({ n: A.network }), targetsA: false },
  'Query.networks': { query: `{ networks { totalCount edges { node { id name } } } }`, targetsA: false },
  'Query.network': { query: `query($n: ID!) { network(id: $n) { id name } }`, variables: () => ({ n: A.network }), targetsA: false },
  'Query.networkMemberships': { query: `{ networkMemberships { totalCount edges { node { id networkName body { name } } } } }`, targetsA: false },
  'Query.institutionDirectory': { query: `{ institutionDirectory { edges { node { id name } } } }`, targetsA: false },
  'Mutation.createNetwork': { query: `mutation { createNetwork(name: "B network") { id } }`, targetsA: false },
  'Mutation.inviteToNetwork': {
    query: `mutation($n: ID!, $o: ID!) { inviteToNetwork(networkId: $n, organisationId: $o) { id } }`,
    variables: () => ({ n: A.network, o: A.org }),
    targetsA: false,
  },
  'Mutation.removeFromNetwork': { query: `mutation($m: ID!) { removeFromNetwork(membershipId: $m) { id } }`, variables: () => ({ m: A.networkMembership }), targetsA: false },
  'Mutation.acceptNetworkInvitation': { query: `mutation($m: ID!) { acceptNetworkInvitation(membershipId: $m) { id } }`, variables: () => ({ m: A.networkMembership }), targetsA: true },
  'Mutation.declineNetworkInvitation': { query: `mutation($m: ID!) { declineNetworkInvitation(membershipId: $m) { id } }`, variables: () => ({ m: A.networkMembership }), targetsA: true },
  // Preferences are the caller's own in the organisation acted for: there is no id of A to aim at.
  'Query.notificationPreference': { query: `{ notificationPreference { frequency updatedAt } }`, targetsA: false },
  'Mutation.setNotificationPreference': { query: `mutation { setNotificationPreference(frequency: NONE) { frequency } }`, targetsA: false },
  // Webhooks and the calendar feed. B's own endpoints and feed may be made; nothing of A's is reachable.
  'Query.webhookEndpoints': { query: `{ webhookEndpoints { totalCount edges { node { id url description } } } }`, targetsA: false },
  'Query.webhookEndpoint': { query: `query($id: ID!) { webhookEndpoint(id: $id) { id url } }`, variables: () => ({ id: A.webhookEndpoint }), targetsA: true },
  'Query.webhookDeliveries': {
    query: `query($e: ID!) { webhookDeliveries(filter: { endpointId: $e }) { totalCount edges { node { id body lastError } } } }`,
    variables: () => ({ e: A.webhookEndpoint }),
    targetsA: false,
  },
  'Query.webhookDeadLetters': { query: `{ webhookDeadLetters { totalCount edges { node { id body lastError endpointUrl } } } }`, targetsA: false },
  'Query.queueHealth': {
    query: `{ queueHealth { deliveries { deadLetters lastFailure { at message } } reminders { sending sentLastDay lastSentAt } events { waiting oldestWaitingAgeSeconds } queues { name failed lastFailure { message } } queuesUnavailableReason } }`,
    targetsA: false,
  },
  'Mutation.createWebhookEndpoint': {
    query: `mutation { createWebhookEndpoint(input: { url: "https://b.example.org/hook", eventTypes: ["plan.generated"] }) { endpoint { id } } }`,
    targetsA: false,
  },
  'Mutation.updateWebhookEndpoint': {
    query: `mutation($id: ID!) { updateWebhookEndpoint(id: $id, input: { url: "https://mallory.example.org/", enabled: false }) { id } }`,
    variables: () => ({ id: A.webhookEndpoint }),
    targetsA: true,
  },
  'Mutation.rotateWebhookSecret': { query: `mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret } }`, variables: () => ({ id: A.webhookEndpoint }), targetsA: true },
  'Mutation.deleteWebhookEndpoint': { query: `mutation($id: ID!) { deleteWebhookEndpoint(id: $id) }`, variables: () => ({ id: A.webhookEndpoint }), targetsA: true },
  'Mutation.redeliverWebhook': { query: `mutation($id: ID!) { redeliverWebhook(id: $id) { id status } }`, variables: () => ({ id: A.webhookDelivery }), targetsA: true },
  'Query.calendarFeed': { query: `{ calendarFeed { createdAt lastUsedAt } }`, targetsA: false },
  'Mutation.createCalendarFeed': { query: `mutation { createCalendarFeed { url } }`, targetsA: false },
  'Mutation.revokeCalendarFeed': { query: `mutation { revokeCalendarFeed }`, targetsA: false },
  // Spreadsheet imports: A's ids in the file, or A's assessment, answer NOT_FOUND (row by row, and as the error's code).
  'Mutation.importPartners': importing('importPartners', (id) => `id,name\n${id},Taken over by B\n`, () => A.partner!),
  'Mutation.importEvidence': importing('importEvidence', (id) => `id,title\n${id},Taken over by B\n`, () => A.evidence!),
  'Mutation.importAnswers': importing('importAnswers', () => `node_key,value\n3.1.1.a,NO\n`, () => A.draft!, () => A.draft!),
  'Mutation.importActionItems': importing('importActionItems', () => `item_key,status\naction:3.1.1,DROPPED\n`, () => A.submitted!, () => A.submitted!),
  // Import layouts are the same for every organisation: B's people read B's own (see the test below for A's).
  'Query.importLayouts': { query: `{ importLayouts { kind columns { name } } }`, targetsA: false },
  'Query.importLayout': { query: `{ importLayout(kind: ANSWERS) { kind columns { name allowedValues } } }`, targetsA: false },
  'Mutation.leaveNetwork': { query: `mutation($m: ID!) { leaveNetwork(membershipId: $m) { id } }`, variables: () => ({ m: A.networkMembership }), targetsA: true },
  // A person's own account: sessions and passwords. B's people reach only their own; a reset link made
  // for A's owner (A's owner and a made-up reset id) is refused like any invalid one. These end B's
  // sessions, so they come last.
  'Mutation.requestPasswordReset': { query: `mutation { requestPasswordReset(email: "a-owner@a.test") }`, targetsA: false },
  'Mutation.resetPassword': {
    query: `mutation($t: String!) { resetPassword(token: $t, newPassword: "Mallory's new password") { token } }`,
    variables: () => ({ t: api.linkToken('password-reset', A.ownerUser!, randomUUID()) }),
    targetsA: true,
  },
  // A person's own second factor: B's people reach only their own (wrong codes change nothing); a
  // genuinely signed challenge naming A's owner, who has no factor, opens nothing.
  'Query.secondFactor': { query: `{ secondFactor { enabled enabledAt recoveryCodesLeft } }`, targetsA: false },
  'Mutation.beginSecondFactorSetup': { query: `mutation { beginSecondFactorSetup { uri } }`, targetsA: false },
  'Mutation.confirmSecondFactor': { query: `mutation { confirmSecondFactor(code: "000000") { codes } }`, targetsA: false },
  'Mutation.disableSecondFactor': { query: `mutation { disableSecondFactor(code: "000000") }`, targetsA: false },
  'Mutation.completeSignIn': {
    query: `mutation($c: String!) { completeSignIn(challenge: $c, code: "000000") { token user { email } } }`,
    variables: () => ({ c: signChallenge(api.db.config.AUTH_TOKEN_SECRET, A.ownerUser!).challenge }),
    targetsA: false,
  },
  // B's own requirement, lifted (a key cannot call it): A's stays as it was.
  'Mutation.setSecondFactorRequirement': { query: `mutation { setSecondFactorRequirement(required: false) { id requireSecondFactor } }`, targetsA: false },
  'Mutation.changePassword': { query: `mutation { changePassword(currentPassword: "not the password", newPassword: "a new long password") }`, targetsA: false },
  // Single sign-on: B's owner sees and saves B's settings only (a SAML provider: nothing to reach over the
  // network); discovery names no one for A's owner's domain (A has no provider); a hand-off code that
  // names A answers NOT_FOUND like any made-up one.
  'Query.ssoSettings': { query: `{ ssoSettings { protocol allowedDomains breakGlassEmail } }`, targetsA: false },
  'Mutation.configureSso': {
    query: `mutation($input: ConfigureSsoInput!) { configureSso(input: $input) { protocol allowedDomains } }`,
    variables: () => ({
      input: {
        protocol: 'SAML', samlEntryPoint: 'https://idp.b-sso.test/sso', samlIdpIssuer: 'https://idp.b-sso.test', samlCertificate: 'MIIC'.padEnd(200, 'A'),
        allowedDomains: ['b-sso.test'], defaultRole: 'VIEWER', ssoRequired: false,
      },
    }),
    targetsA: false,
  },
  'Query.ssoDiscovery': { query: `{ ssoDiscovery(email: "a-owner@a.test") { organisationName startUrl } }`, targetsA: false },
  'Mutation.finishSsoSignIn': {
    query: `mutation($c: String!) { finishSsoSignIn(code: $c) { token } }`,
    variables: () => ({ c: issueSecret('ssoh', orgA.id, randomUUID()).token }),
    targetsA: true,
  },
  'Mutation.signOut': { query: `mutation { signOut }`, targetsA: false },
  'Mutation.signOutEverywhere': { query: `mutation { signOutEverywhere }`, targetsA: false },
};

/** Everything organisation A owns, as a digest per table (read as the database owner). */
const everythingOfA = () => withAdminClient(api.db.ownerUrl, (client) => organisationDigest(client, orgA.id));

beforeAll(async () => {
  api = await startTestApi();
  orgA = await api.fx.organisation({ name: 'Alpha Archive' });
  orgB = await api.fx.organisation({ name: 'Beta Museum' });
  Object.assign(A, await seedOrganisationData(api, orgA, 'A secret', 'a-owner@a.test'));

  for (const role of [MemberRole.OWNER, MemberRole.MANAGER, MemberRole.ASSESSOR, MemberRole.VIEWER]) {
    actorsB.push([role, (await api.actor(orgB, role)).as]);
  }
  const bKeyId = randomUUID();
  const bKey = issueSecret('wmk', orgB.id, bKeyId);
  const emB = api.db.owner.em.fork();
  emB.create(ApiKey, { id: bKeyId, organisationId: orgB.id, name: 'B key', prefix: 'wmk_b', secretHash: bKey.hash, scopes: [...API_KEY_SCOPES], createdBy: A.ownerUser! });
  await emB.flush();
  actorsB.push(['API key', { apiKey: bKey.token }]);
  actorsB.push(['anonymous', {}]);
});
afterAll(() => api.close());

it('has an isolation case for every operation in the schema', async () => {
  const schema = await createSchema();
  const operations = [schema.getQueryType(), schema.getMutationType()].flatMap((root) =>
    root && isObjectType(root) ? Object.keys(root.getFields()).map((f) => `${root.name}.${f}`) : [],
  );
  expect(Object.keys(CASES).sort()).toEqual(operations.sort());
});

it('never shows or changes anything of organisation A to any credential of organisation B', async () => {
  const before = await everythingOfA();
  const secretsOfA = () => [...Object.values(A).filter((v) => v !== A.framework), 'A secret', 'Alpha Archive', 'a-owner@a.test'];
  const failures: string[] = [];
  for (const [name, c] of Object.entries(CASES)) {
    for (const [who, as] of actorsB) {
      const variables = c.variables?.() ?? {};
      const res = await api.gql(c.query, variables, as);
      const body = JSON.stringify(res);
      // An error may repeat the id the caller sent ("Assessment <id> was not found"); anything else of A is a leak.
      const sent = JSON.stringify(variables);
      const leaked = secretsOfA().filter((s) => body.includes(s) && !sent.includes(s));
      if (leaked.length) failures.push(`${name} as ${who} showed ${leaked.join(', ')}`);
      const code = res.errors?.[0]?.extensions?.code;
      if (res.status >= 500 || code === 'INTERNAL_SERVER_ERROR') failures.push(`${name} as ${who}: ${res.status} ${code}`);
      if (c.targetsA && !['NOT_FOUND', 'FORBIDDEN', 'UNAUTHENTICATED'].includes(String(code))) {
        failures.push(`${name} as ${who} answered ${code ?? 'with data'} for A's id`);
      }
      if (c.targetsA && who === MemberRole.OWNER && !['NOT_FOUND'].includes(String(code))) {
        failures.push(`${name} as OWNER of B answered ${code}; another organisation's id must look like a missing one`);
      }
    }
  }
  expect(failures).toEqual([]);
  expect(await everythingOfA()).toEqual(before);
});

it("reads an import layout only as a member of the organisation named, in a role that may import", async () => {
  const query = `{ importLayouts { kind mutation keyColumn columns { name required blankAllowed type allowedValues description example } ignoredColumns } }`;
  // New sessions: the isolation run above signed B's people out everywhere.
  const ownerB = (await api.actor(orgB, MemberRole.OWNER)).as;
  const viewerB = (await api.actor(orgB, MemberRole.VIEWER)).as;
  const readByB = await api.gql(query, {}, ownerB);
  expect(readByB.errors).toBeUndefined();
  // B's owner naming A: exactly as an organisation that does not exist.
  for (const organisationId of [orgA.id, randomUUID()]) {
    const res = await api.gql(query, {}, { ...ownerB, organisationId });
    expect({ organisationId, code: res.errors?.[0]?.extensions?.code, data: res.data }).toEqual({ organisationId, code: 'NOT_FOUND', data: undefined });
  }
  // The layout names nothing of an organisation: A's own assessor reads what B's owner reads.
  const assessorA = (await api.actor(orgA, MemberRole.ASSESSOR)).as;
  expect((await api.gql(query, {}, assessorA)).data).toEqual(readByB.data);
  // A member who may not import, and nobody, are refused.
  expect((await api.gql(query, {}, (await api.actor(orgA, MemberRole.VIEWER)).as)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect((await api.gql(query, {}, viewerB)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect((await api.gql(query, {}, {})).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
});

it("serves organisation A's calendar feed only to its own token, and never B's items through it", async () => {
  const base = api.url.replace(/\/graphql$/, '');
  const feedA = await fetch(`${base}/calendar/${A.calendarToken}.ics`);
  expect(feedA.status).toBe(200);
  const textA = await feedA.text();
  expect(textA).toContain('BEGIN:VCALENDAR');
  // A token of A's feed with B's organisation swapped in, or with a changed secret, finds nothing.
  const swapped = A.calendarToken!.replace(orgA.id.replace(/-/g, ''), orgB.id.replace(/-/g, ''));
  const tampered = `${A.calendarToken!.slice(0, -4)}AAAA`;
  for (const token of [swapped, tampered, 'wcal_nonsense', '../../etc/passwd']) {
    const res = await fetch(`${base}/calendar/${encodeURIComponent(token)}.ics`);
    expect({ token, status: res.status }).toEqual({ token, status: 404 });
  }
});
