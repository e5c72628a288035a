import { randomBytes, randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import {
  ActionItem,
  ActionItemEvidence,
  ActionItemKind,
  ActionItemNote,
  ActionItemStatus,
  ActionPlan,
  ApiKey,
  Assessment,
  AssessmentReopening,
  AssessmentStatus,
  AssessorAnswer,
  AuditEntry,
  ConsensusAnswer,
  Evidence,
  EvidenceLink,
  type Framework,
  BenchmarkNetworkCell,
  BenchmarkSnapshot,
  Invitation,
  MemberRole,
  Network,
  NetworkMember,
  SubmittedElementScore,
  SubmittedPartAnswer,
  SubmittedScore,
  NotificationPreference,
  OutboxEvent,
  ReminderDelivery,
  type Organisation,
  Partner,
  PartnerLink,
  PartnerType,
  TENANT_ENTITIES,
  loadFrameworkTree,
  sqlIn,
  CalendarFeed,
  FormerMember,
  SsoLogin,
  SsoProvider,
  WebhookDelivery,
  WebhookDeliveryStatus,
  WebhookEndpoint,
} from '@waymark/db';
import { API_KEY_SCOPES, formatScore, newSigningSecret, scoreAssessment, sealSecret } from '@waymark/domain';
import { withAdminClient } from '@waymark/testing';
import { issueSecret } from '../auth/secrets';
import { consensusMaps } from '@waymark/db';
import { BATCH_SIZE, cursorBatches } from '../exports/cursor';
import { PLAN_CSV_COLUMNS } from '../exports/plan/csv';
import { exportTables, selectTable } from '../exports/tables';
import { type As, type TestApi, ok, startTestApi } from './harness';
import type PdfParser from 'pdf2json' with { 'resolution-mode': 'import' };

// pdf2json publishes types for its ES module only; require() loads its CommonJS build of the same class.
const PDFParser = require('pdf2json') as typeof PdfParser;

/**
 * Downloads over real HTTP: what an organisation can take away (everything it owns, table by
 * table, an assessment's plan and report), who may take it, and that nothing of another
 * organisation or any secret comes with it.
 */
let api: TestApi;
let base: string;
let framework: Framework;
let orgA: Organisation;
let orgB: Organisation;
let ownerA: As;
let ownerB: As;
let managerA: As;
let viewerA: As;
let assessorA: As;
let keyWithExports: string;
let keyWithoutExports: string;
let seedA: Seeded;
let seedB: Seeded;
const SCRIPT_NOTE = 'Partners said "great", then left.\n<script>alert("x")</script>';
const TRICKY_NOTE = 'Commas, "quotes" and\na new line';

interface Seeded {
  /** Inserted ids, by database table name. */
  ids: Record<string, string[]>;
  report: string;
  draft: string;
  ownerName: string;
  ownerEmail: string;
}

const tableOf = (entity: { name: string }) => api.db.owner.getMetadata().get(entity.name).tableName;
const EXPORTED = () => [...TENANT_ENTITIES, AuditEntry].map(tableOf);

function headersOf(as: As = {}): Record<string, string> {
  const headers: Record<string, string> = { ...as.headers };
  if (as.token) headers.authorization = `Bearer ${as.token}`;
  if (as.apiKey) headers['x-api-key'] = as.apiKey;
  if (as.organisationId) headers['x-organisation-id'] = as.organisationId;
  return headers;
}

/** `text` is decoded as a browser would (a byte-order mark dropped); `bytes` are what was sent. */
async function get(path: string, as?: As) {
  const res = await fetch(`${base}${path}`, { headers: headersOf(as) });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, bytes, text: new TextDecoder().decode(bytes) };
}

function pdfText(pdf: Buffer): Promise<string> {
  const parser = new PDFParser(null, true);
  return new Promise((resolve, reject) => {
    parser.on('pdfParser_dataError', (e) => reject(e.parserError));
    parser.on('pdfParser_dataReady', () => resolve(parser.getRawTextContent()));
    parser.parseBuffer(pdf, 0);
  });
}

/** The one timestamp format, the GraphQL API's: ISO 8601, UTC, milliseconds. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** Anything that starts like a date and a time, in whatever format. */
const LOOKS_LIKE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;
const SNAKE_CASE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const csvPaths = () => [...EXPORTED().map((t) => `/tables/${t}.csv`), `/assessments/${seedA.report}/plan.csv`, `/assessments/${seedA.draft}/plan.csv`];

/** The attachment's file name (express quotes it only when it has to). */
const filenameOf = (headers: Headers) => headers.get('content-disposition')?.match(/^attachment; filename="?([^";]+)"?$/)?.[1];

const codeOf = (text: string) => (JSON.parse(text) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code;

/** One or more rows in every table an organisation owns, written as the database owner. */
async function seed(org: Organisation, tag: string): Promise<Seeded> {
  const owner = await api.fx.user({ email: `owner-${tag}-${randomUUID().slice(0, 6)}@example.test`, name: `O'Brien, "${tag}" & <Co>` });
  await api.fx.member(org, MemberRole.OWNER, owner);
  const assessor = (await api.fx.member(org, MemberRole.ASSESSOR)).user;
  const em = api.db.owner.em.fork();
  const by = owner.id;
  const organisationId = org.id;
  const report = em.create(Assessment, {
    organisationId, frameworkId: framework.id, cycle: '2025', createdBy: by, status: AssessmentStatus.REOPENED, submittedAt: new Date('2025-11-03T10:00:00Z'), submittedBy: by,
  });
  const draft = em.create(Assessment, { organisationId, frameworkId: framework.id, cycle: '2026', createdBy: by, previousId: report.id });
  const reopening = em.create(AssessmentReopening, { organisationId, assessmentId: report.id, reason: 'A partner review came in late', reopenedBy: by });
  const assessorAnswer = em.create(AssessorAnswer, { organisationId, assessmentId: report.id, nodeKey: '3.1.1.a', value: 'STARTED', userId: assessor.id, note: TRICKY_NOTE });

  // Element 3.1: every part YES, every prompt NO (an unsupported claim); 3.2: parts STARTED, prompts YES; 3.3 unanswered.
  const tree = await loadFrameworkTree(em, framework.id);
  const consensus: ConsensusAnswer[] = [];
  const answer = (nodeKey: string, value: string, extra: Partial<ConsensusAnswer> = {}) =>
    consensus.push(em.create(ConsensusAnswer, { organisationId, assessmentId: report.id, nodeKey, value, setBy: by, ...extra }));
  for (const element of tree.scoring) {
    const parts = element.actions.flatMap((a) => (a.partKeys.length ? a.partKeys : [a.key]));
    if (element.key === '3.1') {
      parts.forEach((k) => answer(k, 'YES'));
      element.promptKeys.forEach((k, i) => answer(k, 'NO', i === 0 ? { areaForImprovement: true, note: SCRIPT_NOTE } : i === 1 ? { note: TRICKY_NOTE } : {}));
    } else if (element.key === '3.2') {
      parts.forEach((k) => answer(k, 'STARTED'));
      element.promptKeys.forEach((k) => answer(k, 'YES'));
    }
  }
  const evidence = em.create(Evidence, {
    organisationId, title: `Partnership review <b>${tag}</b>`, url: 'https://example.org/review', evidenceDate: '2025-10-01', createdBy: by, description: TRICKY_NOTE,
  });
  const sneaky = em.create(Evidence, { organisationId, title: `Sneaky ${tag}`, url: 'javascript:alert(1)', evidenceDate: '2025-10-02', createdBy: by });
  const links = [
    em.create(EvidenceLink, { organisationId, evidenceId: evidence.id, assessmentId: report.id, nodeKey: '3.1.g1.1', linkedBy: by }),
    em.create(EvidenceLink, { organisationId, evidenceId: sneaky.id, assessmentId: report.id, nodeKey: '3.1.g1.2', linkedBy: by }),
  ];
  const plan = em.create(ActionPlan, { organisationId, assessmentId: report.id, generatedBy: by });
  const item = (priority: number, nodeKey: string, extra: Partial<ActionItem> = {}) =>
    em.create(ActionItem, {
      organisationId, planId: plan.id, assessmentId: report.id, itemKey: `action:${nodeKey}`, kind: ActionItemKind.ACTION, nodeKey, elementKey: nodeKey.slice(0, 3),
      what: `Do ${nodeKey}`, why: `Gap at ${nodeKey}`, gap: { parts: [nodeKey], note: 'a, "b"' }, priority, priorityReason: 'lowest practice first', target: 'Reach YES', ...extra,
    });
  const items = [
    item(3, '3.3.1'),
    item(1, '3.2.2', {
      ownerUserId: owner.id, dueOn: '2026-06-30', nextReviewOn: '2026-03-31', status: ActionItemStatus.IN_PROGRESS,
      resources: TRICKY_NOTE, successMeasure: '=HYPERLINK("https://evil.example")', resolvedByAssessmentAt: new Date('2026-01-02T03:04:05Z'),
    }),
    item(2, '3.2.1'),
  ];
  const note = em.create(ActionItemNote, { organisationId, itemId: items[1]!.id, authorId: by, body: 'Started talking to the college' });
  const itemEvidence = em.create(ActionItemEvidence, { organisationId, itemId: items[1]!.id, evidenceId: evidence.id, linkedBy: by });
  const partner = em.create(Partner, { organisationId, name: `City College ${tag}`, partnerType: PartnerType.SCHOOL_OR_UNIVERSITY, createdBy: by, notes: TRICKY_NOTE });
  const partnerLink = em.create(PartnerLink, { organisationId, partnerId: partner.id, assessmentId: report.id, nodeKey: '3.1.1.a', linkedBy: by });
  const invitation = em.create(Invitation, {
    organisationId, email: `invitee-${tag}@example.test`, role: MemberRole.VIEWER, tokenHash: randomBytes(32).toString('hex'), invitedBy: by, expiresAt: new Date(Date.now() + 86_400_000),
  });
  const keyId = randomUUID();
  const key = em.create(ApiKey, {
    id: keyId, organisationId, name: `key ${tag}`, prefix: 'wmk_x', secretHash: issueSecret('wmk', org.id, keyId).hash, scopes: ['assessments:read', 'exports:read'], createdBy: by,
  });
  // Benchmarking rows the organisation owns: its kept scores, its network and membership invitation, and its heatmap cells.
  const invitee = await api.fx.organisation({ name: `Invitee of ${tag}` });
  const score = em.create(SubmittedScore, { organisationId, assessmentId: report.id, frameworkId: framework.id, cycle: '2025', submittedAt: new Date('2025-11-03T10:00:00Z'), practice: 50, evidence: 40 });
  const elementScore = em.create(SubmittedElementScore, { organisationId, scoreId: score.id, elementKey: '3.1', practice: 50, evidence: 40 });
  const partAnswer = em.create(SubmittedPartAnswer, { organisationId, scoreId: score.id, partKey: '3.1.1.a', value: 'YES' });
  const network = em.create(Network, { organisationId, name: `Network ${tag}`, createdBy: by });
  const networkMember = em.create(NetworkMember, { organisationId, networkId: network.id, memberOrganisationId: invitee.id, invitedBy: by });
  const benchSnapshot = em.create(BenchmarkSnapshot, {
    frameworkId: framework.id, takenAt: new Date(), trigger: 'test', protectionPoints: 15, institutions: 5, changedCohorts: 1,
    audit: { viewers: 1, protectedValues: 0, narrowest: null, cellsProtected: 0, rounds: 1, ms: 0 },
  });
  const cell = em.create(BenchmarkNetworkCell, {
    organisationId, snapshotId: benchSnapshot.id, networkId: network.id, label: 'Member', memberOrganisationId: invitee.id, position: 1, scope: 'overall', practice: 50,
  });
  const outbox = em.create(OutboxEvent, { organisationId, type: 'assessment.submitted', subjectId: report.id, payload: { cycle: '2025', note: TRICKY_NOTE } });
  const preference = em.create(NotificationPreference, { organisationId, userId: owner.id, frequency: 'WEEKLY' });
  const delivery = em.create(ReminderDelivery, {
    organisationId, recipientUserId: owner.id, subject: 'digest', period: '2026-12-01', channel: 'email', leaseUntil: new Date(), messageId: `<digest.${tag}@waymark.local>`, items: [{ kind: 'item', id: items[1]!.id }],
  });
  const auditEntry = em.create(AuditEntry, { organisationId, actorUserId: by, action: 'test.seed', entityType: 'Organisation', entityId: org.id, after: { tag } });
  const endpointId = randomUUID();
  const seal = () => sealSecret(api.db.config.AUTH_TOKEN_SECRET, organisationId, endpointId, newSigningSecret());
  const endpoint = em.create(WebhookEndpoint, {
    id: endpointId, organisationId, url: `https://hooks.example.org/${tag}`, eventTypes: ['plan.generated'], secretCiphertext: seal(),
    previousSecretCiphertext: seal(), previousSecretExpiresAt: new Date(Date.now() + 3_600_000), createdBy: by,
  });
  const webhookDelivery = em.create(WebhookDelivery, {
    organisationId, endpointId, eventId: randomUUID(), eventType: 'plan.generated', body: '{"type":"plan.generated"}', status: WebhookDeliveryStatus.DEAD, attempts: 3,
  });
  const feed = em.create(CalendarFeed, { organisationId, userId: owner.id, tokenHash: randomBytes(32).toString('hex') });
  const former = em.create(FormerMember, { organisationId, userId: randomUUID(), number: 1 });
  const ssoProvider = em.create(SsoProvider, {
    organisationId, protocol: 'OIDC', oidcIssuer: `https://login.${tag}.example`, oidcClientId: `waymark-${tag}`, oidcClientSecretCiphertext: seal(),
    allowedDomains: [`${tag}.example`], defaultRole: MemberRole.VIEWER,
  });
  const ssoLogin = em.create(SsoLogin, {
    organisationId, providerId: ssoProvider.id, stateHash: randomBytes(32).toString('hex'), nonce: randomBytes(16).toString('hex'), codeVerifier: randomBytes(32).toString('hex'),
    redirectUri: 'https://waymark.example.org/sso/oidc/callback', expiresAt: new Date(Date.now() + 600_000), userId: owner.id, handoffHash: randomBytes(32).toString('hex'),
    idToken: `eyJ.${randomBytes(24).toString('hex')}.sig`,
  });
  await em.flush();
  const memberships = (await withAdminClient(api.db.ownerUrl, (c) => c.query<{ id: string }>(`select id from membership where organisation_id = $1`, [org.id]))).rows;
  const ids: Record<string, string[]> = {};
  const add = (entity: { name: string }, rows: { id: string }[]) => (ids[tableOf(entity)] = rows.map((r) => r.id));
  add(Assessment, [report, draft]);
  add(AssessmentReopening, [reopening]);
  add(AssessorAnswer, [assessorAnswer]);
  add(ConsensusAnswer, consensus);
  add(Evidence, [evidence, sneaky]);
  add(EvidenceLink, links);
  add(ActionPlan, [plan]);
  add(ActionItem, items);
  add(ActionItemNote, [note]);
  add(ActionItemEvidence, [itemEvidence]);
  add(Partner, [partner]);
  add(PartnerLink, [partnerLink]);
  add(Invitation, [invitation]);
  add(ApiKey, [key]);
  add(AuditEntry, [auditEntry]);
  add(SubmittedScore, [score]);
  add(SubmittedElementScore, [elementScore]);
  add(SubmittedPartAnswer, [partAnswer]);
  add(Network, [network]);
  add(NetworkMember, [networkMember]);
  add(BenchmarkNetworkCell, [cell]);
  add(OutboxEvent, [outbox]);
  add(NotificationPreference, [preference]);
  add(ReminderDelivery, [delivery]);
  add(WebhookEndpoint, [endpoint]);
  add(WebhookDelivery, [webhookDelivery]);
  add(CalendarFeed, [feed]);
  add(FormerMember, [former]);
  add(SsoProvider, [ssoProvider]);
  add(SsoLogin, [ssoLogin]);
  ids.membership = memberships.map((m) => m.id);
  return { ids, report: report.id, draft: draft.id, ownerName: owner.name, ownerEmail: owner.email };
}

beforeAll(async () => {
  api = await startTestApi();
  base = api.url.replace(/\/graphql$/, '/exports');
  framework = await api.fx.framework();
  orgA = await api.fx.organisation({ name: 'Alpha & <Archive>' });
  orgB = await api.fx.organisation({ name: 'Beta Museum' });
  seedA = await seed(orgA, 'alpha');
  seedB = await seed(orgB, 'beta');
  ownerA = (await api.actor(orgA, MemberRole.OWNER)).as;
  ownerB = (await api.actor(orgB, MemberRole.OWNER)).as;
  managerA = (await api.actor(orgA, MemberRole.MANAGER)).as;
  viewerA = (await api.actor(orgA, MemberRole.VIEWER)).as;
  assessorA = (await api.actor(orgA, MemberRole.ASSESSOR)).as;
  // Keys and invitations made through the API, so the audit log has their rows too.
  keyWithExports = ok(await api.gql(`mutation { createApiKey(name: "exporter", scopes: ["exports:read"]) { secret } }`, {}, ownerA)).createApiKey.secret;
  keyWithoutExports = ok(
    await api.gql(`mutation($s: [String!]!) { createApiKey(name: "reader", scopes: $s) { secret } }`, { s: API_KEY_SCOPES.filter((s) => s !== 'exports:read' && s !== 'reports:read') }, ownerA),
  ).createApiKey.secret;
  ok(await api.gql(`mutation { inviteMember(email: "new-person@a.test", role: VIEWER) { id } }`, {}, ownerA));
});
afterAll(() => api.close());

describe('organisation.json', () => {
  it('exports every table the organisation owns, with all of its rows and nothing else', async () => {
    const res = await get('/organisation.json', ownerA);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const today = new Date().toISOString().slice(0, 10);
    expect(filenameOf(res.headers)).toBe(`waymark-${orgA.slug}-${today}.json`);
    const body = JSON.parse(res.text) as { organisation: Record<string, unknown>; exportedAt: string; tables: Record<string, Record<string, unknown>[]> };
    expect(body.organisation).toMatchObject({ id: orgA.id, name: orgA.name, slug: orgA.slug });
    expect(Date.parse(body.exportedAt)).not.toBeNaN();

    // The list comes from the ORM's metadata...
    expect(Object.keys(body.tables)).toEqual(EXPORTED());
    // ...and must match the database: every table with an organisation_id column is exported.
    const inDatabase = await withAdminClient(api.db.ownerUrl, async (c) =>
      (await c.query<{ table_name: string }>(
        `select table_name from information_schema.columns where table_schema = 'public' and column_name = 'organisation_id' order by table_name`,
      )).rows.map((r) => r.table_name),
    );
    expect([...Object.keys(body.tables)].sort()).toEqual(inDatabase);

    const counts = await withAdminClient(api.db.ownerUrl, async (c) => {
      const out: Record<string, number> = {};
      for (const table of inDatabase) out[table] = Number((await c.query(`select count(*) from "${table}" where organisation_id = $1`, [orgA.id])).rows[0].count);
      // The download records itself once it is handed over, after the file was written.
      out.audit_entry! -= Number((await c.query(`select count(*) from audit_entry where organisation_id = $1 and action = 'organisation.export' and at >= $2`, [orgA.id, body.exportedAt])).rows[0].count);
      return out;
    });
    for (const table of inDatabase) {
      const rows = body.tables[table]!;
      const seeded = seedA.ids[table];
      if (!seeded?.length) throw new Error(`table ${table} has no fixture row: add one to seed() in this file`);
      expect({ table, count: rows.length }).toEqual({ table, count: counts[table] });
      expect(rows.every((r) => r.organisation_id === orgA.id)).toBe(true);
      const ids = new Set(rows.map((r) => r.id));
      expect({ table, missing: seeded.filter((id) => !ids.has(id)) }).toEqual({ table, missing: [] });
    }
  });

  it('keeps values faithful: JSON columns as JSON, arrays as arrays, timestamps as ISO 8601', async () => {
    const body = JSON.parse((await get('/organisation.json', ownerA)).text);
    const item = body.tables.action_item.find((r: any) => r.item_key === 'action:3.2.2');
    expect(item.gap).toEqual({ parts: ['3.2.2'], note: 'a, "b"' });
    expect(item.resolved_by_assessment_at).toBe('2026-01-02T03:04:05.000Z');
    expect(item.due_on).toBe('2026-06-30');
    const key = body.tables.api_key.find((r: any) => r.name === 'key alpha');
    expect(key.scopes).toEqual(['assessments:read', 'exports:read']);
    const answer = body.tables.consensus_answer.find((r: any) => r.note === SCRIPT_NOTE);
    expect(answer.area_for_improvement).toBe(true);
  });
});

describe('secrets', () => {
  it('never puts a key, invitation or password hash in any export', async () => {
    const secrets = await withAdminClient(api.db.ownerUrl, async (c) => [
      ...(await c.query(`select secret_hash as h from api_key`)).rows,
      ...(await c.query(`select token_hash as h from invitation`)).rows,
      ...(await c.query(`select password_hash as h from app_user`)).rows,
      ...(await c.query(`select secret_ciphertext as h from webhook_endpoint union all select previous_secret_ciphertext from webhook_endpoint`)).rows,
      ...(await c.query(`select token_hash as h from calendar_feed`)).rows,
      ...(await c.query(`select oidc_client_secret_ciphertext as h from sso_provider`)).rows,
      ...(await c.query(`select unnest(array[state_hash, nonce, code_verifier, handoff_hash, id_token]) as h from sso_login`)).rows,
    ].map((r) => String(r.h)));
    expect(secrets.length).toBeGreaterThan(6);
    const downloads = [
      '/organisation.json',
      ...EXPORTED().map((t) => `/tables/${t}.csv`),
      `/assessments/${seedA.report}/plan.csv`,
      `/assessments/${seedA.report}/report.html`,
      `/assessments/${seedA.report}/report.pdf`,
    ];
    for (const path of downloads) {
      const res = await get(path, ownerA);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      const text = path.endsWith('.pdf') ? await pdfText(res.bytes) : res.text;
      expect({ path, leaked: secrets.filter((s) => text.includes(s)) }).toEqual({ path, leaked: [] });
      expect(text).not.toMatch(/secret_hash|token_hash|password_hash|secretHash|tokenHash|passwordHash|secret_ciphertext|secretCiphertext/);
    }
  });
});

describe('tables as CSV', () => {
  it('lists the tables and their CSV URLs', async () => {
    const res = await get('/tables', ownerA);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ tables: EXPORTED().map((name) => ({ name, url: `/exports/tables/${name}.csv` })) });
  });

  it('writes a header and rows that parse back, quoting commas, quotes and new lines', async () => {
    const res = await get('/tables/consensus_answer.csv', ownerA);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(filenameOf(res.headers)).toMatch(new RegExp(`^waymark-${orgA.slug}-consensus_answer-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    const header = res.text.split('\n')[0]!.split(',');
    expect(header).toEqual(expect.arrayContaining(['id', 'organisation_id', 'assessment_id', 'node_key', 'value', 'area_for_improvement', 'note']));
    const rows = parse<Record<string, string>>(res.text, { columns: true });
    expect(rows).toHaveLength(seedA.ids.consensus_answer!.length);
    expect(rows.map((r) => r.note)).toEqual(expect.arrayContaining([TRICKY_NOTE, SCRIPT_NOTE]));
    expect(rows.every((r) => r.organisation_id === orgA.id)).toBe(true);
    expect(rows.find((r) => r.note === SCRIPT_NOTE)!.area_for_improvement).toBe('true');
  });

  it('writes JSON and array columns as JSON text', async () => {
    const items = parse<Record<string, string>>((await get('/tables/action_item.csv', ownerA)).text, { columns: true });
    const item = items.find((r) => r.item_key === 'action:3.2.2')!;
    expect(JSON.parse(item.gap!)).toEqual({ parts: ['3.2.2'], note: 'a, "b"' });
    expect(JSON.parse(item.guidance!)).toEqual([]);
    const keys = parse<Record<string, string>>((await get('/tables/api_key.csv', ownerA)).text, { columns: true });
    expect(JSON.parse(keys.find((k) => k.name === 'key alpha')!.scopes!)).toEqual(['assessments:read', 'exports:read']);
  });

  it('answers an unknown table with NOT_FOUND and the valid names', async () => {
    const res = await get('/tables/app_user.csv', ownerA);
    expect(res.status).toBe(404);
    const body = JSON.parse(res.text);
    expect(body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect(body.errors[0].extensions.tables).toEqual(EXPORTED());
    expect(res.headers.get('content-disposition')).toBeNull();
    expect(codeOf((await get('/nowhere', ownerA)).text)).toBe('NOT_FOUND');
  });
});

describe('CSV and JSON conventions', () => {
  it('starts every CSV with one UTF-8 byte-order mark, and the JSON with none', async () => {
    for (const path of csvPaths()) {
      const res = await get(path, ownerA);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expect({ path, start: res.bytes.subarray(0, 3).toString('hex') }).toEqual({ path, start: BOM.toString('hex') });
      expect({ path, doubled: res.bytes.subarray(3, 6).equals(BOM) }).toEqual({ path, doubled: false });
    }
    const json = await get('/organisation.json', ownerA);
    expect(json.bytes[0]).toBe('{'.charCodeAt(0));
  });

  it('heads every CSV in one style: the database column names, snake_case', async () => {
    const tables = new Map(exportTables(api.db.owner.getMetadata()).map((t) => [t.name, t]));
    for (const path of csvPaths()) {
      const [header]: string[][] = parse((await get(path, ownerA)).text, { to_line: 1 });
      expect({ path, odd: header!.filter((h) => !SNAKE_CASE.test(h)) }).toEqual({ path, odd: [] });
      const table = path.match(/^\/tables\/(\w+)\.csv$/)?.[1];
      if (table) expect({ path, header }).toEqual({ path, header: tables.get(table)!.columns.map((c) => c.name) });
      else expect({ path, header }).toEqual({ path, header: [...PLAN_CSV_COLUMNS] });
    }
  });

  it('writes every timestamp exactly as the GraphQL API does, in JSON and CSV alike', async () => {
    // PostgreSQL keeps microseconds; the API (a JavaScript Date) shows milliseconds, truncated.
    await withAdminClient(api.db.ownerUrl, (c) => c.query(`update assessment set submitted_at = '2025-11-03 10:00:00.123987+00' where id = $1`, [seedA.report]));
    const viaApi = ok(await api.gql(`query($a: ID!) { assessment(id: $a) { submittedAt } }`, { a: seedA.report }, ownerA)).assessment.submittedAt;
    expect(viaApi).toBe('2025-11-03T10:00:00.123Z');

    const body = JSON.parse((await get('/organisation.json', ownerA)).text);
    expect(body.tables.assessment.find((r: any) => r.id === seedA.report).submitted_at).toBe(viaApi);
    const csv = parse<Record<string, string>>((await get('/tables/assessment.csv', ownerA)).text, { columns: true });
    expect(csv.find((r) => r.id === seedA.report)!.submitted_at).toBe(viaApi);

    // Every timestamp column, and anything else that looks like a time, in the one format.
    const kinds = new Map(exportTables(api.db.owner.getMetadata()).map((t) => [t.name, t.columns]));
    const offenders: string[] = [];
    const check = (where: string, value: unknown, isTimestamp: boolean) => {
      if (value === null || value === undefined || value === '') return;
      if ((isTimestamp || (typeof value === 'string' && LOOKS_LIKE_TIME.test(value))) && !(typeof value === 'string' && INSTANT.test(value))) offenders.push(`${where}: ${JSON.stringify(value)}`);
    };
    check('exportedAt', body.exportedAt, true);
    for (const [column, value] of Object.entries(body.organisation)) check(`organisation.${column}`, value, column.endsWith('_at'));
    let timestamps = 0;
    for (const [table, rows] of Object.entries(body.tables as Record<string, Record<string, unknown>[]>)) {
      const stamped = new Set(kinds.get(table)!.filter((c) => c.kind === 'timestamptz' || c.kind === 'timestamp').map((c) => c.name));
      for (const row of rows) {
        for (const [column, value] of Object.entries(row)) {
          if (stamped.has(column) && value !== null) timestamps++;
          check(`${table}.${column}`, value, stamped.has(column));
        }
      }
    }
    for (const path of csvPaths()) {
      const table = path.match(/^\/tables\/(\w+)\.csv$/)?.[1];
      const stamped = new Set(table ? kinds.get(table)!.filter((c) => c.kind !== 'plain' && c.kind !== 'json').map((c) => c.name) : ['done_at', 'resolved_by_assessment_at']);
      for (const row of parse<Record<string, string>>((await get(path, ownerA)).text, { columns: true })) {
        for (const [column, value] of Object.entries(row)) check(`${path} ${column}`, value, stamped.has(column));
      }
    }
    expect(offenders).toEqual([]);
    expect(timestamps).toBeGreaterThan(50);
  });
});

describe('plan.csv', () => {
  it('lists open work by rank, then the rest, with owners, in the documented snake_case columns', async () => {
    const res = await get(`/assessments/${seedA.report}/plan.csv`, ownerA);
    expect(res.status).toBe(200);
    expect(filenameOf(res.headers)).toMatch(new RegExp(`^waymark-${orgA.slug}-assessment-2025-plan-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    const [header] = parse(res.text, { to_line: 1 });
    expect(header).toEqual([
      'plan_section', 'rank', 'priority', 'item_key', 'kind', 'element_key', 'node_key', 'what', 'why', 'target', 'status', 'owner',
      'due_on', 'overdue', 'review_interval_days', 'next_review_on', 'resources', 'success_measure', 'done_at', 'resolved_by_assessment_at',
      'carried_from_cycle', 'carried_to_cycle', 'decision_from_cycle', 'decision_from_status',
    ]);
    const rows = parse<Record<string, string>>(res.text, { columns: true });
    // 3.2.2 has the best priority, but the answers closed its gap: it is not open work.
    expect(rows.map((r) => [r.plan_section, r.rank, r.priority, r.item_key])).toEqual([
      ['open', '1', '2', 'action:3.2.1'], ['open', '2', '3', 'action:3.3.1'], ['resolved', '', '1', 'action:3.2.2'],
    ]);
    expect(rows[2]).toMatchObject({
      kind: 'ACTION', element_key: '3.2', node_key: '3.2.2', what: 'Do 3.2.2', status: 'IN_PROGRESS', owner: `${seedA.ownerName} <${seedA.ownerEmail}>`,
      due_on: '2026-06-30', next_review_on: '2026-03-31', resources: TRICKY_NOTE, resolved_by_assessment_at: '2026-01-02T03:04:05.000Z', overdue: 'false',
    });
    // A spreadsheet must not run a cell as a formula.
    expect(rows[2]!.success_measure).toBe(`'=HYPERLINK("https://evil.example")`);
    expect(rows[0]).toMatchObject({ owner: '', due_on: '', status: 'OPEN', carried_to_cycle: '' });
  });

  it('gives just the header for an assessment without a plan', async () => {
    const res = await get(`/assessments/${seedA.draft}/plan.csv`, ownerA);
    expect(res.status).toBe(200);
    expect(res.text.trim()).toBe(PLAN_CSV_COLUMNS.join(','));
  });

  it.each([
    ['another organisation', () => seedB.report],
    ['a missing', () => '00000000-0000-4000-8000-000000000000'],
    ['a malformed', () => "1' or '1'='1"],
  ])('answers NOT_FOUND for %s assessment id', async (_name, id) => {
    for (const file of ['plan.csv', 'plan.xlsx', 'answers.csv', 'answers.xlsx', 'report.html', 'report.pdf']) {
      const res = await get(`/assessments/${encodeURIComponent(id())}/${file}`, ownerA);
      expect({ file, status: res.status, code: codeOf(res.text) }).toEqual({ file, status: 404, code: 'NOT_FOUND' });
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    }
  });
});

describe('XLSX beside the CSVs', () => {
  /** Every cell of a workbook's first sheet as text, the header first. */
  async function sheetOf(bytes: Buffer): Promise<string[][]> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    const width = sheet.getRow(1).cellCount;
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push(Array.from({ length: width }, (_, i) => {
      const v = row.getCell(i + 1).value;
      if (v === null || v === undefined) return '';
      return typeof v === 'object' ? JSON.stringify(v) : String(v);
    })));
    return rows;
  }

  it.each([
    ['plan', () => `/assessments/${seedA.report}`, 'assessment-2025-plan'],
    ['answers', () => `/assessments/${seedA.report}`, 'assessment-2025-answers'],
    ['partner', () => '/tables', 'partner'],
    ['evidence', () => '/tables', 'evidence'],
  ])('%s.xlsx holds the same header and the same text in every cell as its CSV, named alike', async (what, at, named) => {
    const csv = await get(`${at()}/${what}.csv`, ownerA);
    const xlsx = await get(`${at()}/${what}.xlsx`, ownerA);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(filenameOf(xlsx.headers)).toMatch(new RegExp(`^waymark-${orgA.slug}-${named}-\\d{4}-\\d{2}-\\d{2}\\.xlsx$`));
    expect(filenameOf(xlsx.headers)!.replace(/\.xlsx$/, '.csv')).toBe(filenameOf(csv.headers));
    const fromCsv: string[][] = parse(csv.text);
    expect(fromCsv.length).toBeGreaterThan(1);
    expect(await sheetOf(xlsx.bytes)).toEqual(fromCsv);
  });

  it('neutralises formulas in XLSX as in CSV, and offers XLSX only for the tables the imports read', async () => {
    const cells = (await sheetOf((await get(`/assessments/${seedA.report}/plan.xlsx`, ownerA)).bytes)).flat();
    expect(cells).toContain(`'=HYPERLINK("https://evil.example")`);
    const res = await get('/tables/audit_entry.xlsx', ownerA);
    expect({ status: res.status, code: codeOf(res.text) }).toEqual({ status: 404, code: 'NOT_FOUND' });
    expect(JSON.parse(res.text).errors[0].message).toBe('There is no audit_entry.xlsx: only partner and evidence come as XLSX; use audit_entry.csv');
  });

  it('lists every answerable item of the framework in answers.csv, with the agreed answer where there is one', async () => {
    const rows = parse<Record<string, string>>((await get(`/assessments/${seedA.report}/answers.csv`, ownerA)).text, { columns: true, bom: true });
    const tree = await loadFrameworkTree(api.db.owner.em.fork(), framework.id);
    expect(rows.map((r) => r.node_key)).toEqual([...tree.answerable.keys()]);
    const answered = rows.filter((r) => r.value);
    expect(answered.length).toBeGreaterThan(0);
    for (const row of answered) expect(row.updated_at).toMatch(INSTANT);
    expect(new Set(rows.map((r) => r.item))).toEqual(new Set(['part', 'action', 'prompt']));
  });
});

describe('report.html', () => {
  let page: string;
  beforeAll(async () => {
    const res = await get(`/assessments/${seedA.report}/report.html`, managerA);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    page = res.text;
  });

  it('names the organisation, framework, version, source, cycle, status and submission', () => {
    expect(page).toContain('<h1>Alpha &amp; &lt;Archive&gt;</h1>');
    expect(page).toContain('Inspiring Learning - Detailed Checklist: Section 3 Partnerships');
    expect(page).toContain('version 1.0.0');
    expect(page).toContain('reproduced word for word');
    expect(page).toContain('<dt>Cycle</dt><dd>2025</dd>');
    expect(page).toContain('<dt>Status</dt><dd>REOPENED</dd>');
    expect(page).toContain('3 Nov 2025');
    expect(page).toContain('A partner review came in late');
    expect(page).toContain('@media print');
  });

  it('shows the scores computed from the consensus answers', async () => {
    const tree = await loadFrameworkTree(api.db.owner.em.fork(), framework.id);
    const rows = await api.db.owner.em.fork().find(ConsensusAnswer, { assessmentId: seedA.report }, { filters: false });
    const score = scoreAssessment(tree.scoring, consensusMaps(rows, tree));
    const row = (key: string) => page.match(new RegExp(`<tr data-element="${key.replace('.', '\\.')}">([\\s\\S]*?)</tr>`))?.[1] ?? '';
    const cell = (html: string, cls: string) => html.match(new RegExp(`<td class="num ${cls}">([^<]*)</td>`))?.[1];
    // 3.1: every part YES, every prompt NO: an unsupported claim.
    expect(cell(row('3.1'), 'practice')).toBe('100');
    expect(cell(row('3.1'), 'evidence')).toBe('0');
    expect(row('3.1')).toContain('Unsupported claim');
    expect(cell(row('3.2'), 'practice')).toBe('50');
    expect(cell(row('3.2'), 'evidence')).toBe('100');
    expect(cell(row('3.3'), 'practice')).toBe('0');
    expect(cell(row('3.3'), 'evidence')).toBe('—');
    expect(row('3.3')).toContain('Incomplete');
    const overall = page.match(/<tr class="overall">([\s\S]*?)<\/tr>/)?.[1] ?? '';
    // Whole figures, by the rule every screen uses.
    expect(cell(overall, 'practice')).toBe(formatScore(score.practice, 'practice'));
    expect(cell(overall, 'evidence')).toBe(formatScore(score.evidence, 'evidence'));
    expect(score.unsupportedClaims).toEqual(['3.1']);
    expect(overall).toContain('Unsupported claims: 3.1');
  });

  it('escapes every piece of user text, including a <script> in a note', () => {
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(page).toContain('Partnership review &lt;b&gt;alpha&lt;/b&gt;');
    expect(page).toContain('O&#39;Brien, &quot;alpha&quot; &amp; &lt;Co&gt;');
    // Only http(s) links become links.
    expect(page).not.toContain('href="javascript:');
    expect(page).toContain('Sneaky alpha');
  });

  it('shows answers, improvement flags, notes, evidence and the plan by priority', () => {
    expect(page).toMatch(/<tr class="part" data-key="3\.1\.1\.a">[\s\S]*?<td>Yes<\/td>/);
    expect(page).toMatch(/<tr class="part" data-key="3\.2\.2\.a">[\s\S]*?<td>Have started<\/td>/);
    expect(page).toMatch(/<tr class="part" data-key="3\.3\.2\.a">[\s\S]*?Not answered/);
    expect(page).toMatch(/<tr data-key="3\.1\.g1\.1">[\s\S]*?<td>No<\/td>[\s\S]*?Areas for Improvement[\s\S]*?Partnership review/);
    expect(page).toContain('<a href="https://example.org/review">Partnership review');
    expect(page).toContain(`City College alpha`);
    const order = [...page.matchAll(/data-item="([^"]+)"/g)].map((m) => m[1]);
    // Open work by rank; 3.2.2's gap was closed by the answers, so it is set apart.
    expect(order).toEqual(['action:3.2.1', 'action:3.3.1', 'action:3.2.2']);
    expect(page).toMatch(/<section id="plan-resolved">[\s\S]*data-item="action:3\.2\.2"/);
    expect(page).toContain('30 Jun 2026');
    expect(page).toContain('<td class="status">In progress</td>');
  });
});

describe('authorisation', () => {
  const dataRoutes = () => ['/organisation.json', '/tables', '/tables/evidence.csv'];
  const reportRoutes = () => [`/assessments/${seedA.report}/plan.csv`, `/assessments/${seedA.report}/report.html`, `/assessments/${seedA.report}/report.pdf`];
  const routes = () => [...dataRoutes(), ...reportRoutes()];

  it('answers 401 without credentials and 403 to roles without exports:read for the whole data, as JSON', async () => {
    for (const path of routes()) {
      const anonymous = await get(path);
      expect({ path, status: anonymous.status, code: codeOf(anonymous.text) }).toEqual({ path, status: 401, code: 'UNAUTHENTICATED' });
      expect(anonymous.headers.get('content-type')).toMatch(/^application\/json/);
    }
    for (const path of dataRoutes()) {
      for (const as of [viewerA, assessorA]) {
        const res = await get(path, as);
        expect({ path, status: res.status, code: codeOf(res.text) }).toEqual({ path, status: 403, code: 'FORBIDDEN' });
        expect(res.text).not.toMatch(/<html|at .*\.(ts|js):\d+/);
      }
    }
    expect((await get('/organisation.json', { token: 'not.a.jwt' })).status).toBe(401);
  });

  it('lets every member, viewers included, read and print an assessment’s report and download its plan', async () => {
    for (const path of reportRoutes()) {
      for (const as of [viewerA, assessorA]) expect({ path, status: (await get(path, as)).status }).toEqual({ path, status: 200 });
    }
    const html = await get(`/assessments/${seedA.report}/report.html`, viewerA);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    // Another organisation's viewer: as if the assessment did not exist.
    expect((await get(`/assessments/${seedA.report}/report.pdf`, { ...viewerA, organisationId: orgB.id })).status).toBe(404);
  });

  it('lets managers and API keys with exports:read download, and not keys with neither exports:read nor reports:read', async () => {
    const lastUsed = () =>
      withAdminClient(api.db.ownerUrl, async (c) => (await c.query(`select last_used_at from api_key where name = 'exporter'`)).rows[0].last_used_at);
    expect(await lastUsed()).toBeNull();
    for (const path of routes()) {
      expect({ path, status: (await get(path, managerA)).status }).toEqual({ path, status: 200 });
      expect({ path, status: (await get(path, { apiKey: keyWithExports })).status }).toEqual({ path, status: 200 });
      expect({ path, status: (await get(path, { headers: { authorization: `Bearer ${keyWithExports}` } })).status }).toEqual({ path, status: 200 });
      const denied = await get(path, { apiKey: keyWithoutExports });
      expect({ path, status: denied.status, code: codeOf(denied.text) }).toEqual({ path, status: 403, code: 'FORBIDDEN' });
    }
    // A completed download commits its transaction (the key's last use is recorded).
    expect(await lastUsed()).not.toBeNull();
  });

  it("never gives organisation B any of organisation A's rows", async () => {
    const res = await get('/organisation.json', ownerB);
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text);
    expect(body.organisation.id).toBe(orgB.id);
    const idsOfA = [orgA.id, ...Object.values(seedA.ids).flat()];
    expect(idsOfA.filter((id) => res.text.includes(id))).toEqual([]);
    expect(res.text).not.toContain('alpha');
    for (const rows of Object.values<Record<string, unknown>[]>(body.tables)) expect(rows.every((r) => r.organisation_id === orgB.id)).toBe(true);
    const csv = await get('/tables/evidence.csv', ownerB);
    expect(idsOfA.filter((id) => csv.text.includes(id))).toEqual([]);
    // B's credentials naming A as the organisation: as if A did not exist.
    expect((await get('/organisation.json', { ...ownerB, organisationId: orgA.id })).status).toBe(404);
    expect((await get('/organisation.json', { apiKey: keyWithExports, organisationId: orgB.id })).status).toBe(403);
  });
});

describe('a large organisation', () => {
  const ROWS = 5000;
  let big: Organisation;
  let bigOwner: As;

  beforeAll(async () => {
    big = await api.fx.organisation({ name: 'Gamma Library' });
    const { user, as } = await api.actor(big, MemberRole.OWNER);
    bigOwner = as;
    await withAdminClient(api.db.ownerUrl, (c) =>
      c.query(
        `insert into evidence (id, created_at, organisation_id, title, url, description, evidence_date, created_by)
         select gen_random_uuid(), now() - (n || ' seconds')::interval, $1, 'Evidence number ' || n, 'https://example.org/' || n,
                'Line one, with a comma' || chr(10) || 'line "two"', date '2025-01-01' + (n % 365), $2
         from generate_series(1, ${ROWS}) as n`,
        [big.id, user.id],
      ),
    );
  });

  it('streams every row of the JSON and CSV downloads', async () => {
    const json = await fetch(`${base}/organisation.json`, { headers: headersOf(bigOwner) });
    expect(json.status).toBe(200);
    // Streamed, not buffered: no length known up front.
    expect(json.headers.get('content-length')).toBeNull();
    const body = JSON.parse(await json.text());
    expect(body.tables.evidence).toHaveLength(ROWS);
    expect(new Set(body.tables.evidence.map((r: any) => r.id)).size).toBe(ROWS);

    const csv = await get('/tables/evidence.csv', bigOwner);
    expect(csv.status).toBe(200);
    const rows = parse<Record<string, string>>(csv.text, { columns: true });
    expect(rows).toHaveLength(ROWS);
    expect(rows[0]!.description).toBe('Line one, with a comma\nline "two"');
  });

  it('reads through a cursor in batches, never the whole table at once', async () => {
    const evidence = exportTables(api.db.owner.getMetadata()).find((t) => t.name === 'evidence')!;
    const sizes: number[] = [];
    await api.db.owner.em.fork().transactional(async (em) => {
      const sql = await sqlIn(em, { kind: 'organisation', id: big.id });
      for await (const batch of cursorBatches(sql, selectTable(sql, evidence, big.id))) sizes.push(batch.length);
    });
    expect(sizes).toEqual(Array.from({ length: ROWS / BATCH_SIZE }, () => BATCH_SIZE));
  });

  it('ends the transaction and frees the connection when a client disconnects mid-download', async () => {
    const aborted = Array.from({ length: 8 }, async () => {
      const controller = new AbortController();
      const res = await fetch(`${base}/organisation.json`, { headers: headersOf(bigOwner), signal: controller.signal });
      await res.body!.getReader().read();
      controller.abort();
    });
    await Promise.all(aborted);
    const openTransactions = () =>
      withAdminClient(api.db.ownerUrl, async (c) =>
        Number((await c.query(`select count(*) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and xact_start is not null`)).rows[0].count),
      );
    let open = await openTransactions();
    for (let i = 0; open > 0 && i < 50; i++) {
      await new Promise((r) => setTimeout(r, 100));
      open = await openTransactions();
    }
    expect(open).toBe(0);
    // The pool (5 connections in tests) is not exhausted: a download still works.
    const res = await get('/tables/evidence.csv', bigOwner);
    expect(res.status).toBe(200);
  });
});
