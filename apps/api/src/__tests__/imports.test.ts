import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { zipSync } from 'fflate';
import { MemberRole, type Organisation } from '@waymark/db';
import { addDays, localDate } from '@waymark/domain';
import { withAdminClient } from '@waymark/testing';
import { IMPORT_LIMITS } from '../modules/imports/limits';
import { type As, type GqlResponse, type TestApi, errorCode, ok, startTestApi } from './harness';

/**
 * Spreadsheet imports over real HTTP, kind by kind: a valid file imported (CSV and XLSX), a bad row
 * refused in words with nothing saved, a dry run that changes nothing, an export imported back
 * unchanged, formula injection refused, the limits, and another organisation's ids refused.
 */
let api: TestApi;
let base: string;
let orgA: Organisation;
let orgB: Organisation;
let ownerA: As;
let managerA: As;
let assessorA: As;
let viewerA: As;
let ownerB: As;
let assessorEmail: string;
let frameworkId: string;

const today = () => localDate(new Date(), 'Europe/London');
const inDays = (n: number) => addDays(today(), n);

const REPORT = `kind fileName format dryRun saved rowCount added changed unchanged columnsRead columnsIgnored errorRows
  rows { row action id label changes { column before after } } errors { row column code message }`;
const importing = (name: string, input = 'ImportInput') => `mutation($input: ${input}!) { ${name}(input: $input) { ${REPORT} } }`;
const PARTNERS = importing('importPartners');
const EVIDENCE = importing('importEvidence');
const ANSWERS = importing('importAnswers', 'AssessmentImportInput');
const ITEMS = importing('importActionItems', 'AssessmentImportInput');

type Sheet = ExcelJS.CellValue[][];

const csvOf = (rows: Sheet) => Buffer.from(stringify(rows));
async function xlsxOf(rows: Sheet): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function fileOf(bytes: Buffer, name: string) {
  return { name, contentBase64: bytes.toString('base64') };
}

async function run(query: string, bytes: Buffer, name: string, as: As, extra: Record<string, unknown> = {}): Promise<GqlResponse> {
  return api.gql(query, { input: { file: fileOf(bytes, name), ...extra } }, as);
}

function headersOf(as: As): Record<string, string> {
  const headers: Record<string, string> = {};
  if (as.token) headers.authorization = `Bearer ${as.token}`;
  if (as.apiKey) headers['x-api-key'] = as.apiKey;
  if (as.organisationId) headers['x-organisation-id'] = as.organisationId;
  return headers;
}

async function download(path: string, as: As): Promise<Buffer> {
  const res = await fetch(`${base}/exports${path}`, { headers: headersOf(as) });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

/** Everything of an organisation that an import could touch, and its audit log, read as the database owner. */
function digest(org: Organisation): Promise<unknown> {
  return withAdminClient(api.db.ownerUrl, async (client) => {
    const out: Record<string, unknown> = {};
    for (const table of ['partner', 'evidence', 'consensus_answer', 'action_item', 'action_item_note', 'audit_entry', 'outbox_event']) {
      const { rows } = await client.query(`select * from ${table} where organisation_id = $1 order by id`, [org.id]);
      out[table] = rows;
    }
    return out;
  });
}

async function auditActions(org: Organisation): Promise<string[]> {
  return withAdminClient(api.db.ownerUrl, async (client) => {
    const { rows } = await client.query<{ action: string }>(`select action from audit_entry where organisation_id = $1 order by at, id`, [org.id]);
    return rows.map((r) => r.action);
  });
}

const partnerHeader = ['id', 'name', 'partner_type', 'contact_email', 'contact_phone', 'status', 'next_review_on', 'review_interval_days', 'notes'];

async function createPartner(input: Record<string, unknown>, as: As = ownerA): Promise<{ id: string; updatedAt: string }> {
  return ok(await api.gql(`mutation($input: CreatePartnerInput!) { createPartner(input: $input) { id updatedAt } }`, { input }, as)).createPartner;
}

async function partnersOf(as: As): Promise<any[]> {
  const q = `{ partners(first: 100) { edges { node { id name partnerType contactEmail contactPhone status nextReviewOn reviewIntervalDays notes updatedAt } } } }`;
  return ok(await api.gql(q, {}, as)).partners.edges.map((e: any) => e.node);
}

async function newAssessment(cycle: string, as: As = managerA): Promise<string> {
  const q = `mutation($input: CreateAssessmentInput!) { createAssessment(input: $input) { id } }`;
  return ok(await api.gql(q, { input: { frameworkId, cycle } }, as)).createAssessment.id;
}

async function setConsensus(assessmentId: string, answers: Record<string, unknown>[], as: As = managerA) {
  ok(await api.gql(`mutation($input: AnswersInput!) { setConsensusAnswers(input: $input) { id } }`, { input: { assessmentId, answers } }, as));
}

async function keyWith(scopes: string[]): Promise<As> {
  const q = `mutation($s: [String!]!) { createApiKey(name: "importer", scopes: $s) { secret } }`;
  return { apiKey: ok(await api.gql(q, { s: scopes }, ownerA)).createApiKey.secret };
}

beforeAll(async () => {
  api = await startTestApi();
  base = api.url.replace(/\/graphql$/, '');
  orgA = await api.fx.organisation({ name: 'Importing Library' });
  orgB = await api.fx.organisation({ name: 'Other Museum' });
  frameworkId = (await api.fx.framework()).id;
  ownerA = (await api.actor(orgA, MemberRole.OWNER)).as;
  managerA = (await api.actor(orgA, MemberRole.MANAGER)).as;
  const assessor = await api.actor(orgA, MemberRole.ASSESSOR);
  assessorA = assessor.as;
  assessorEmail = assessor.user.email;
  viewerA = (await api.actor(orgA, MemberRole.VIEWER)).as;
  ownerB = (await api.actor(orgB, MemberRole.OWNER)).as;
});
afterAll(() => api.close());

describe('importing the partnership register', () => {
  it('adds and changes partnerships from a CSV, through the one-row rules, audited', async () => {
    const kept = await createPartner({ name: 'Town Museum', partnerType: 'INFORMAL_LEARNING_INSTITUTION', contactPhone: '+44 20 7946 0000' });
    const bytes = csvOf([
      partnerHeader,
      [kept.id, 'Town Museum and Gallery', 'informal learning institution', 'curator@town.example', "'+44 20 7946 0000", 'active', inDays(30), '90', ''],
      ['', 'Hillside Primary School', 'SCHOOL_OR_UNIVERSITY', '', '', '', '', '', 'Reading club partner'],
      [],
      ['', 'Youth Arts Collective', 'Youth serving organisation', 'hello@yac.example', '', 'PROSPECTIVE', '', '', ''],
    ]);
    const report = ok(await run(PARTNERS, bytes, 'partners.csv', assessorA)).importPartners;
    expect(report).toMatchObject({ kind: 'PARTNERS', format: 'CSV', dryRun: false, saved: true, rowCount: 3, added: 2, changed: 1, unchanged: 0, errorRows: 0, errors: [] });
    expect(report.rows[0]).toEqual({
      row: 2, action: 'CHANGE', id: kept.id, label: 'Town Museum and Gallery',
      changes: [
        { column: 'name', before: 'Town Museum', after: 'Town Museum and Gallery' },
        { column: 'contact_email', before: null, after: 'curator@town.example' },
        { column: 'next_review_on', before: null, after: inDays(30) },
        { column: 'review_interval_days', before: null, after: '90' },
      ],
    });
    expect(report.rows.map((r: any) => [r.row, r.action])).toEqual([[2, 'CHANGE'], [3, 'ADD'], [5, 'ADD']]);
    const saved = await partnersOf(viewerA);
    expect(saved.find((p) => p.id === kept.id)).toMatchObject({ name: 'Town Museum and Gallery', contactPhone: '+44 20 7946 0000', reviewIntervalDays: 90 });
    expect(saved.find((p) => p.name === 'Youth Arts Collective')).toMatchObject({ partnerType: 'YOUTH_SERVING_ORGANISATION', status: 'PROSPECTIVE' });
    expect(saved.find((p) => p.name === 'Hillside Primary School')).toMatchObject({ status: 'ACTIVE', notes: 'Reading club partner' });
    const actions = await auditActions(orgA);
    expect(actions.slice(-4)).toEqual(['partner.update', 'partner.create', 'partner.create', 'import.partners']);
  });

  it('reads the same from an XLSX workbook, dates typed as dates included', async () => {
    const bytes = await xlsxOf([
      ['name', 'partner_type', 'start_date', 'review_interval_days'],
      ['Bayside University', 'SCHOOL_OR_UNIVERSITY', new Date(Date.UTC(2021, 8, 1)), 365],
    ]);
    const report = ok(await run(PARTNERS, bytes, 'register.xlsx', assessorA)).importPartners;
    expect(report).toMatchObject({ format: 'XLSX', added: 1, errors: [] });
    const q = `query($id: ID!) { partner(id: $id) { name startDate reviewIntervalDays } }`;
    expect(ok(await api.gql(q, { id: report.rows[0].id }, viewerA)).partner).toEqual({ name: 'Bayside University', startDate: '2021-09-01', reviewIntervalDays: 365 });
  });

  it('refuses a file with a bad row in words, naming row and column, and saves nothing', async () => {
    const before = await digest(orgA);
    const bytes = csvOf([
      ['name', 'partner_type', 'contact_email', 'next_review_on'],
      ['Fine Partner', 'OTHER', 'fine@partner.example', ''],
      ['Bad Email Partner', 'OTHER', 'jo at example', ''],
      ['Past Review Partner', 'OTHER', '', inDays(-10)],
      ['', 'OTHER', '', ''],
      ['No Type Partner', 'GALLERY', '', '2026-02-30'],
    ]);
    const res = await run(PARTNERS, bytes, 'bad.csv', assessorA);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    const error = res.errors![0]!;
    expect(error.message).toMatch(/^4 rows of bad\.csv cannot be imported, so nothing was saved\. Row 3, contact_email: /);
    expect(error.extensions).toMatchObject({ field: 'input.file', errorRows: 4 });
    expect((error.extensions!.errors as any[]).map((e) => [e.row, e.column, e.code])).toEqual([
      [3, 'contact_email', 'BAD_USER_INPUT'],
      [4, 'next_review_on', 'BAD_USER_INPUT'],
      [5, 'name', 'BAD_USER_INPUT'],
      [6, 'partner_type', 'BAD_USER_INPUT'],
      [6, 'next_review_on', 'BAD_USER_INPUT'],
    ]);
    const messages = (error.extensions!.errors as any[]).map((e) => e.message);
    expect(messages[0]).toBe('Row 3, contact_email: must be an email address');
    expect(messages[1]).toMatch(/^Row 4, next_review_on: must not be in the past \(today is \d{4}-\d{2}-\d{2}/);
    expect(messages[3]).toBe('Row 6, partner_type: must be one of INFORMAL_LEARNING_INSTITUTION, INDIVIDUAL_BUSINESS_OR_COMMUNITY_GROUP, YOUTH_SERVING_ORGANISATION, SCHOOL_OR_UNIVERSITY, OTHER (the cell holds "GALLERY")');
    expect(messages[4]).toBe('Row 6, next_review_on: is not a date: write it as YYYY-MM-DD, e.g. 2026-03-31 (the cell holds "2026-02-30")');
    expect(await digest(orgA)).toEqual(before);
  });

  it('shows in a dry run what would be added, changed (before and after) and left, and changes nothing', async () => {
    const a = await createPartner({ name: 'Dry Run Archive', partnerType: 'OTHER', notes: 'first' });
    const b = await createPartner({ name: 'Dry Run Choir', partnerType: 'INDIVIDUAL_BUSINESS_OR_COMMUNITY_GROUP' });
    const before = await digest(orgA);
    const bytes = csvOf([
      ['id', 'name', 'partner_type', 'notes'],
      [a.id, 'Dry Run Archive', 'OTHER', 'second'],
      [b.id, 'Dry Run Choir', 'INDIVIDUAL_BUSINESS_OR_COMMUNITY_GROUP', ''],
      ['', 'Dry Run Newcomer', 'OTHER', ''],
    ]);
    const report = ok(await run(PARTNERS, bytes, 'dry.csv', assessorA, { dryRun: true })).importPartners;
    expect(report).toMatchObject({ dryRun: true, saved: false, added: 1, changed: 1, unchanged: 1, errors: [] });
    expect(report.rows).toEqual([
      { row: 2, action: 'CHANGE', id: a.id, label: 'Dry Run Archive', changes: [{ column: 'notes', before: 'first', after: 'second' }] },
      { row: 3, action: 'UNCHANGED', id: b.id, label: 'Dry Run Choir', changes: [] },
      { row: 4, action: 'ADD', id: null, label: 'Dry Run Newcomer', changes: [{ column: 'name', before: null, after: 'Dry Run Newcomer' }, { column: 'partner_type', before: null, after: 'OTHER' }] },
    ]);
    expect(await digest(orgA)).toEqual(before);
    // A dry run lists row errors as data, and still saves nothing.
    const bad = ok(await run(PARTNERS, csvOf([['id', 'name'], [randomUUID(), 'Ghost']]), 'dry-bad.csv', assessorA, { dryRun: true })).importPartners;
    expect(bad).toMatchObject({ saved: false, errorRows: 1, errors: [{ row: 2, column: 'id', code: 'NOT_FOUND' }] });
    expect(await digest(orgA)).toEqual(before);
  });

  it.each(['csv', 'xlsx'])('imports its own %s export back with nothing changed', async (ext) => {
    await createPartner({ name: `Round Trip ${ext}`, partnerType: 'OTHER', contactPhone: '+44 1 2345', notes: '=not a formula\n- a list', theyBring: '@mentions, "quotes"' });
    const before = await digest(orgA);
    const bytes = await download(`/tables/partner.${ext}`, ownerA);
    const report = ok(await run(PARTNERS, bytes, `partner.${ext}`, assessorA)).importPartners;
    expect(report.errors).toEqual([]);
    expect(report.rowCount).toBeGreaterThan(5);
    expect(report).toMatchObject({ added: 0, changed: 0, unchanged: report.rowCount });
    expect(report.columnsIgnored).toEqual(['created_at', 'organisation_id', 'created_by', 'updated_at']);
    const after = (await digest(orgA)) as Record<string, unknown[]>;
    const { audit_entry: auditAfter, ...rest } = after;
    const { audit_entry: auditBefore, ...restBefore } = before as Record<string, unknown[]>;
    expect(rest).toEqual(restBefore);
    // The import itself is audited, and nothing else is.
    expect(auditAfter!.length - auditBefore!.length).toBe(1);
  });

  it('refuses formula injection, and takes text the exports neutralised back without the apostrophe', async () => {
    const bytes = csvOf([
      ['name', 'partner_type', 'notes', 'contact_phone', 'review_interval_days'],
      ['Formula One', 'OTHER', '=HYPERLINK("http://evil.example","click")', '', ''],
      ['Formula Two', 'OTHER', '@SUM(1+1)', '+44 20 7946 0000', ''],
      ['Formula Three', 'OTHER', '\t=1+1', '', '-5'],
      ['Formula Four', 'OTHER', '  -2+3', '', ''],
      ['Formula Five', 'OTHER', '', '', '-5'],
    ]);
    const res = await run(PARTNERS, bytes, 'formulas.csv', assessorA);
    const errors = res.errors![0]!.extensions!.errors as any[];
    expect(errors.map((e) => [e.row, e.column])).toEqual([[2, 'notes'], [3, 'contact_phone'], [3, 'notes'], [4, 'notes'], [5, 'notes'], [6, 'review_interval_days']]);
    expect(errors[0].message).toBe(
      `Row 2, notes: starts with "=", so a spreadsheet would run it as a formula; if it is meant as text, put an apostrophe (') before it, as Waymark's exports do (the cell holds "=HYPERLINK(\\"http://evil.example\\",\\"click\\")")`,
    );
    expect(errors[3].message).toMatch(/^Row 4, notes: starts with a tab, so a spreadsheet would run it as a formula/);
    // -5 is a plain number, so not a formula: it fails on its own rule instead.
    expect(errors[5].message).toBe('Row 6, review_interval_days: must not be less than 1');

    const xlsx = await xlsxOf([['name', 'partner_type', 'notes'], ['Formula Cell', 'OTHER', { formula: 'SUM(1,2)', result: 3 }]]);
    const cell = await run(PARTNERS, xlsx, 'formula.xlsx', assessorA);
    expect((cell.errors![0]!.extensions!.errors as any[])[0].message).toBe('Row 2, notes: holds a formula (=SUM(1,2)), which is not imported: paste its value instead');

    const neutralised = csvOf([['name', 'partner_type', 'notes'], ['Quoted Formula', 'OTHER', "'=1+1"]]);
    const report = ok(await run(PARTNERS, neutralised, 'quoted.csv', assessorA)).importPartners;
    const q = `query($id: ID!) { partner(id: $id) { notes } }`;
    expect(ok(await api.gql(q, { id: report.rows[0].id }, viewerA)).partner.notes).toBe('=1+1');
  });

  it("answers NOT_FOUND for another organisation's ids, row by row, exactly as for a missing one, and changes nothing of it", async () => {
    const theirs = await createPartner({ name: 'Belongs To A', partnerType: 'OTHER' });
    const beforeA = await digest(orgA);
    const bytes = csvOf([['id', 'name'], [theirs.id, 'Taken over by B'], [randomUUID(), 'Missing'], ['not-a-uuid', 'Malformed']]);
    const res = await run(PARTNERS, bytes, 'steal.csv', ownerB);
    expect(errorCode(res)).toBe('NOT_FOUND');
    const errors = res.errors![0]!.extensions!.errors as any[];
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([[2, 'id', 'NOT_FOUND'], [3, 'id', 'NOT_FOUND'], [4, 'id', 'NOT_FOUND']]);
    expect(errors[0].message).toBe(`Row 2, id: Partner ${theirs.id} was not found`);
    expect(JSON.stringify(res)).not.toContain('Belongs To A');
    const dry = ok(await run(PARTNERS, bytes, 'steal.csv', ownerB, { dryRun: true })).importPartners;
    expect(dry.errors.map((e: any) => e.code)).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND']);
    expect(await digest(orgA)).toEqual(beforeA);
  });

  it('needs partners:write, and from an API key the imports:write scope as well', async () => {
    const bytes = csvOf([['name', 'partner_type'], ['Key Partner', 'OTHER']]);
    expect(errorCode(await run(PARTNERS, bytes, 'p.csv', viewerA))).toBe('FORBIDDEN');
    const without = await run(PARTNERS, bytes, 'p.csv', await keyWith(['partners:write']));
    expect(errorCode(without)).toBe('FORBIDDEN');
    expect(without.errors![0]!.message).toContain('imports:write');
    expect(errorCode(await run(PARTNERS, bytes, 'p.csv', await keyWith(['imports:write'])))).toBe('FORBIDDEN');
    const report = ok(await run(PARTNERS, bytes, 'p.csv', await keyWith(['imports:write', 'partners:write']))).importPartners;
    expect(report.added).toBe(1);
  });
});

describe('the limits of a file', () => {
  const expectLimit = (res: GqlResponse, limit: string, max?: number) => {
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.extensions).toMatchObject({ field: 'input.file.contentBase64', limit, ...(max ? { max } : {}) });
  };

  it('refuses more rows than the limit, a file over the size limit and an XLSX that unpacks too large, with their limits', async () => {
    const many = csvOf([['name', 'partner_type'], ...Array.from({ length: IMPORT_LIMITS.rows + 1 }, (_, i) => [`P${i}`, 'OTHER'])]);
    expectLimit(await run(PARTNERS, many, 'many.csv', assessorA), 'rows', IMPORT_LIMITS.rows);
    const manyXlsx = await xlsxOf([['name', 'partner_type'], ...Array.from({ length: IMPORT_LIMITS.rows + 1 }, (_, i) => [`P${i}`, 'OTHER'])]);
    expectLimit(await run(PARTNERS, manyXlsx, 'many.xlsx', assessorA), 'rows', IMPORT_LIMITS.rows);

    const big = Buffer.concat([csvOf([['name', 'partner_type', 'notes']]), Buffer.alloc(IMPORT_LIMITS.bytes + 10, 'a')]);
    const res = await run(PARTNERS, big, 'big.csv', assessorA);
    expectLimit(res, 'bytes', IMPORT_LIMITS.bytes);
    expect(res.errors![0]!.message).toContain(`an import takes at most ${IMPORT_LIMITS.bytes}`);

    // 20 MB of sheet that zips into a few kilobytes.
    const bomb = zipSync({ 'xl/worksheets/sheet1.xml': Buffer.alloc(20 * 1024 * 1024, '<row/>') }, { level: 9 });
    expect(bomb.length).toBeLessThan(IMPORT_LIMITS.bytes);
    expectLimit(await run(PARTNERS, Buffer.from(bomb), 'bomb.xlsx', assessorA), 'unpackedBytes', IMPORT_LIMITS.unpackedBytes);
  });

  it('refuses unknown or missing columns, a file that is not what it says, and one that is not base64, in words', async () => {
    const unknown = await run(PARTNERS, csvOf([['name', 'partner_type', 'colour'], ['A', 'OTHER', 'red']]), 'x.csv', assessorA);
    expect(errorCode(unknown)).toBe('BAD_USER_INPUT');
    expect(unknown.errors![0]!.message).toContain('the header has "colour", which the partnership layout does not have: its columns are id, name, partner_type');
    const missing = await run(PARTNERS, csvOf([['partner_type'], ['OTHER']]), 'x.csv', assessorA);
    expect(missing.errors![0]!.message).toContain('the header has no name column');
    const notXlsx = await run(PARTNERS, csvOf([['name'], ['A']]), 'x.xlsx', assessorA);
    expect(notXlsx.errors![0]!.message).toContain('this is not an XLSX workbook');
    const latin1 = await run(PARTNERS, Buffer.from('name,partner_type\nCaf\xe9,OTHER\n', 'latin1'), 'x.csv', assessorA);
    expect(latin1.errors![0]!.message).toContain('the CSV is not UTF-8 text');
    const res = await api.gql(PARTNERS, { input: { file: { name: 'x.csv', contentBase64: 'not base64!' } } }, assessorA);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.message).toContain('is not base64');
  });
});

describe('importing the evidence library', () => {
  it('adds and changes evidence from XLSX; a bad row is refused and nothing saved; a dry run changes nothing', async () => {
    const create = `mutation($input: EvidenceInput!) { createEvidence(input: $input) { id } }`;
    const existing = ok(await api.gql(create, { input: { title: 'Annual survey', url: 'https://example.org/survey', evidenceDate: '2025-06-01' } }, assessorA)).createEvidence.id;
    const header = ['id', 'title', 'url', 'file_reference', 'evidence_date', 'expires_on'];
    const good = await xlsxOf([header, [existing, 'Annual survey 2025', null, null, '2025-06-01', '2027-06-01'], [null, 'Partner letters', null, 'Shared drive/Letters', '2026-01-10', null]]);
    const before = await digest(orgA);
    // The blank url cell clears the link, and then the item has neither a link nor a file reference.
    const rowError = { row: 2, column: 'url', code: 'BAD_USER_INPUT', message: 'Row 2, url: give a link (url) or a file_reference' };
    const dry = ok(await run(EVIDENCE, good, 'evidence.xlsx', assessorA, { dryRun: true })).importEvidence;
    expect(dry.errors).toEqual([rowError]);
    expect(dry.rows.map((r: any) => [r.row, r.action, r.changes.map((c: any) => c.column)])).toEqual([[3, 'ADD', ['title', 'file_reference', 'evidence_date']]]);
    const refused = await run(EVIDENCE, good, 'evidence.xlsx', assessorA);
    expect(refused.errors![0]!.extensions!.errors).toEqual([rowError]);
    expect(await digest(orgA)).toEqual(before);

    // A date that cannot be cleared is refused in words (it once reached the database as NULL: a 500).
    const noDate = await run(EVIDENCE, await xlsxOf([['id', 'title', 'evidence_date'], [existing, 'Annual survey', null]]), 'no-date.xlsx', assessorA);
    expect(noDate.errors![0]!.extensions!.errors).toEqual([
      { row: 2, column: 'evidence_date', code: 'BAD_USER_INPUT', message: 'Row 2, evidence_date: must not be blank: every evidence item has one' },
    ]);
    const fixed = await xlsxOf([header.filter((h) => h !== 'url'), [existing, 'Annual survey 2025', null, '2025-06-01', '2027-06-01'], [null, 'Partner letters', 'Shared drive/Letters', '2026-01-10', null]]);
    const report = ok(await run(EVIDENCE, fixed, 'evidence.xlsx', assessorA)).importEvidence;
    expect(report).toMatchObject({ added: 1, changed: 1, errors: [] });
    const q = `query($id: ID!) { evidence(id: $id) { title url expiresOn } }`;
    expect(ok(await api.gql(q, { id: existing }, viewerA)).evidence).toEqual({ title: 'Annual survey 2025', url: 'https://example.org/survey', expiresOn: '2027-06-01' });
  });

  it.each(['csv', 'xlsx'])('imports its own %s export back with nothing changed', async (ext) => {
    const before = (await digest(orgA)) as Record<string, unknown[]>;
    const report = ok(await run(EVIDENCE, await download(`/tables/evidence.${ext}`, ownerA), `evidence.${ext}`, assessorA)).importEvidence;
    expect(report).toMatchObject({ added: 0, changed: 0, errors: [] });
    expect(report.unchanged).toBeGreaterThanOrEqual(1);
    const after = (await digest(orgA)) as Record<string, unknown[]>;
    expect(after.evidence).toEqual(before.evidence);
  });
});

describe("importing an assessment's answers", () => {
  let assessment: string;

  beforeAll(async () => {
    assessment = await newAssessment('import-answers');
    await setConsensus(assessment, [
      { nodeKey: '3.1.1.a', value: 'YES', note: '- kept as a list\n- second' },
      { nodeKey: '3.1.g1.1', value: 'NO', areaForImprovement: true },
    ]);
  });

  it.each(['csv', 'xlsx'])('imports its own %s export back with nothing changed', async (ext) => {
    const before = await digest(orgA);
    const bytes = await download(`/assessments/${assessment}/answers.${ext}`, ownerA);
    const report = ok(await run(ANSWERS, bytes, `answers.${ext}`, assessorA, { assessmentId: assessment })).importAnswers;
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ added: 0, changed: 0 });
    expect(report.unchanged).toBe(report.rowCount);
    expect(report.columnsIgnored).toEqual(['element_key', 'item', 'context', 'text', 'allowed_values']);
    const after = (await digest(orgA)) as Record<string, unknown[]>;
    expect(after.consensus_answer).toEqual((before as Record<string, unknown[]>).consensus_answer);
  });

  it('fills answers in from the exported sheet, clears one, and refuses a stale or a bad row with nothing saved', async () => {
    const exported: string[][] = parse(await download(`/assessments/${assessment}/answers.csv`, ownerA), { bom: true });
    const [header, ...rows] = exported;
    const col = (name: string) => header!.indexOf(name);
    const edit = (key: string, changes: Record<string, string>) => {
      const row = rows.find((r) => r[col('node_key')] === key)!;
      for (const [name, value] of Object.entries(changes)) row[col(name)] = value;
    };
    const parts = rows.filter((r) => r[col('item')] === 'part').map((r) => r[col('node_key')]!);
    const [k0, k1, k2] = parts as [string, string, string];
    expect(k0).toBe('3.1.1.a');
    const rowOf = (key: string) => rows.findIndex((r) => r[col('node_key')] === key) + 2;
    edit(k1, { value: 'started', note: 'Begun in spring' });
    edit('3.1.g1.1', { value: '' });
    edit('3.1.g1.2', { value: 'Not applicable' });
    const sheet = [header!, ...rows];

    const dry = ok(await run(ANSWERS, await xlsxOf(sheet), 'answers.xlsx', assessorA, { assessmentId: assessment, dryRun: true })).importAnswers;
    expect(dry.rows.filter((r: any) => r.action !== 'UNCHANGED')).toEqual([
      { row: rowOf(k1), action: 'ADD', id: null, label: k1, changes: [{ column: 'value', before: null, after: 'STARTED' }, { column: 'note', before: null, after: 'Begun in spring' }] },
      expect.objectContaining({ label: '3.1.g1.1', action: 'CHANGE', changes: [{ column: 'value', before: 'NO', after: null }, { column: 'area_for_improvement', before: 'true', after: null }] }),
      expect.objectContaining({ label: '3.1.g1.2', action: 'ADD', changes: [{ column: 'value', before: null, after: 'NOT_APPLICABLE' }] }),
    ]);

    // Someone changes 3.1.1.a after the export: the file's row for it is stale.
    await setConsensus(assessment, [{ nodeKey: '3.1.1.a', value: 'STARTED' }]);
    edit('3.1.1.a', { note: 'my edit' });
    edit(k2, { value: 'MAYBE' });
    const before = await digest(orgA);
    const res = await run(ANSWERS, csvOf([header!, ...rows]), 'answers.csv', assessorA, { assessmentId: assessment });
    const errors = res.errors![0]!.extensions!.errors as any[];
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([[2, 'updated_at', 'CONFLICT'], [rowOf(k2), 'value', 'BAD_USER_INPUT']]);
    expect(errors[0].message).toMatch(/^Row 2, updated_at: someone changed this answer after the file was exported \(it is now STARTED, saved at /);
    expect(await digest(orgA)).toEqual(before);

    edit('3.1.1.a', { value: 'STARTED', note: '' });
    edit(k2, { value: '' });
    ok(await run(ANSWERS, csvOf([header!, ...rows]), 'answers.csv', assessorA, { assessmentId: assessment }));
    const q = `query($id: ID!) { assessment(id: $id) { answers { nodeKey value note areaForImprovement } } }`;
    const answers = ok(await api.gql(q, { id: assessment }, viewerA)).assessment.answers;
    expect(Object.fromEntries(answers.map((a: any) => [a.nodeKey, a.value]))).toEqual({ '3.1.1.a': 'STARTED', [k1]: 'STARTED', '3.1.g1.2': 'NOT_APPLICABLE' });
    expect(answers.find((a: any) => a.nodeKey === k1).note).toBe('Begun in spring');
  });

  it("refuses a submitted assessment's answers (CONFLICT) and another organisation's assessment (NOT_FOUND)", async () => {
    const bytes = csvOf([['node_key', 'value'], ['3.1.1.a', 'YES']]);
    expect(errorCode(await run(ANSWERS, bytes, 'a.csv', ownerB, { assessmentId: assessment }))).toBe('NOT_FOUND');
    expect(errorCode(await run(ANSWERS, bytes, 'a.csv', ownerB, { assessmentId: assessment, dryRun: true }))).toBe('NOT_FOUND');
    const unknown = await run(ANSWERS, csvOf([['node_key', 'value'], ['9.9.9', 'YES']]), 'a.csv', assessorA, { assessmentId: assessment });
    expect((unknown.errors![0]!.extensions!.errors as any[])[0].message).toMatch(/^Row 2, node_key: "9\.9\.9" is not an item of inspiring-learning-partnerships@/);
  });
});

describe("importing a plan's items", () => {
  let assessment: string;
  let itemKeys: string[];

  beforeAll(async () => {
    assessment = await newAssessment('import-plan');
    const keys = ok(await api.gql(`{ framework(key: "inspiring-learning-partnerships") { answerKeys } }`, {}, viewerA)).framework.answerKeys as string[];
    const practice = keys.filter((k) => !/\.g\d/.test(k));
    await setConsensus(assessment, practice.slice(0, 6).map((nodeKey) => ({ nodeKey, value: 'NO' })));
    ok(await api.gql(`mutation($a: ID!) { generateActionPlan(assessmentId: $a) { created } }`, { a: assessment }, managerA));
    const items = ok(await api.gql(`query($a: ID!) { actionPlan(assessmentId: $a) { items { edges { node { itemKey } } } } }`, { a: assessment }, viewerA));
    itemKeys = items.actionPlan.items.edges.map((e: any) => e.node.itemKey);
    expect(itemKeys.length).toBeGreaterThan(1);
  });

  it.each(['csv', 'xlsx'])('imports its own %s export back with nothing changed', async (ext) => {
    const before = await digest(orgA);
    const report = ok(await run(ITEMS, await download(`/assessments/${assessment}/plan.${ext}`, ownerA), `plan.${ext}`, assessorA, { assessmentId: assessment })).importActionItems;
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ added: 0, changed: 0, unchanged: itemKeys.length });
    const after = (await digest(orgA)) as Record<string, unknown[]>;
    expect(after.action_item).toEqual((before as Record<string, unknown[]>).action_item);
  });

  it('sets owners, dates and status with a note from the plan sheet; refuses bad rows in words and saves nothing', async () => {
    const [first, second] = itemKeys as [string, string];
    const header = ['item_key', 'status', 'owner', 'due_on', 'review_interval_days', 'resources', 'note'];
    const before = await digest(orgA);
    const bad = csvOf([
      header,
      [first, 'DROPPED', '', '', '', '', ''],
      [second, 'OPEN', 'stranger@nowhere.example', '', '', '', ''],
      ['action:9.9.9', 'OPEN', '', '', '', '', ''],
    ]);
    const res = await run(ITEMS, bad, 'plan.csv', assessorA, { assessmentId: assessment });
    const errors = res.errors![0]!.extensions!.errors as any[];
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([[2, 'note', 'BAD_USER_INPUT'], [3, 'owner', 'BAD_USER_INPUT'], [4, 'item_key', 'NOT_FOUND']]);
    expect(errors[0].message).toBe('Row 2, note: say why the item is dropped: the reason is kept and follows the gap into the next cycle');
    expect(errors[2].message).toBe(`Row 4, item_key: there is no item "action:9.9.9" in this assessment's plan`);
    expect(await digest(orgA)).toEqual(before);

    const good = await xlsxOf([
      header,
      [first, 'in progress', `Assessor <${assessorEmail.toUpperCase()}>`, inDays(40), 30, 'Two volunteers', 'Started with the school'],
      [second, 'open', null, null, null, null, 'Checked with the partner'],
    ]);
    const report = ok(await run(ITEMS, good, 'plan.xlsx', assessorA, { assessmentId: assessment })).importActionItems;
    expect(report.rows[0].changes.map((c: any) => c.column)).toEqual(['status', 'owner', 'due_on', 'review_interval_days', 'resources', 'note']);
    expect(report.rows[1].changes).toEqual([{ column: 'note', before: null, after: 'Checked with the partner' }]);
    const q = `query($a: ID!) { actionPlan(assessmentId: $a) { items { edges { node { itemKey status dueOn reviewIntervalDays resources owner { email } notes { body statusTo } } } } } }`;
    const items = ok(await api.gql(q, { a: assessment }, managerA)).actionPlan.items.edges.map((e: any) => e.node);
    expect(items.find((i: any) => i.itemKey === first)).toMatchObject({
      status: 'IN_PROGRESS', dueOn: inDays(40), reviewIntervalDays: 30, resources: 'Two volunteers', owner: { email: assessorEmail },
      notes: [{ body: 'Started with the school', statusTo: 'IN_PROGRESS' }],
    });
    expect(items.find((i: any) => i.itemKey === second).notes).toEqual([{ body: 'Checked with the partner', statusTo: null }]);
    expect((await auditActions(orgA)).slice(-4)).toEqual(['plan.item.status', 'plan.item.update', 'plan.item.note', 'import.action_items']);

    // Exported again, the owner reads "Name <email>" and the file imports back unchanged.
    const again = ok(await run(ITEMS, await download(`/assessments/${assessment}/plan.xlsx`, ownerA), 'plan.xlsx', assessorA, { assessmentId: assessment })).importActionItems;
    expect(again).toMatchObject({ changed: 0, errors: [] });
  });

  it("answers NOT_FOUND for another organisation's assessment", async () => {
    const bytes = csvOf([['item_key', 'status'], [itemKeys[0], 'DONE']]);
    expect(errorCode(await run(ITEMS, bytes, 'p.csv', ownerB, { assessmentId: assessment }))).toBe('NOT_FOUND');
  });
});

describe('the published layouts', () => {
  const LAYOUT = `kind mutation rowName perAssessment keyColumn columns { name required blankAllowed type allowedValues description example } ignoredColumns`;
  const ONE = `query($kind: ImportKind!) { importLayout(kind: $kind) { ${LAYOUT} } }`;
  const layoutOf = async (kind: string, as: As = assessorA) => ok(await api.gql(ONE, { kind }, as)).importLayout;
  const headerOf = (bytes: Buffer): string[] => {
    const rows: string[][] = parse(bytes, { bom: true, to: 1 });
    return rows[0]!;
  };

  it('lists every kind, each as importLayout(kind) answers it, with every column described and exemplified', async () => {
    const all = ok(await api.gql(`{ importLayouts { ${LAYOUT} } }`, {}, assessorA)).importLayouts;
    expect(all.map((l: any) => [l.kind, l.mutation, l.perAssessment, l.keyColumn])).toEqual([
      ['ANSWERS', 'importAnswers', true, 'node_key'],
      ['PARTNERS', 'importPartners', false, 'id'],
      ['EVIDENCE', 'importEvidence', false, 'id'],
      ['ACTION_ITEMS', 'importActionItems', true, 'item_key'],
    ]);
    for (const layout of all) {
      expect(await layoutOf(layout.kind)).toEqual(layout);
      for (const column of layout.columns) {
        expect({ column: column.name, description: column.description.length > 10, example: column.example.length > 0 }).toEqual({ column: column.name, description: true, example: true });
        expect({ column: column.name, choice: column.allowedValues.length > 0 }).toEqual({ column: column.name, choice: column.type === 'CHOICE' });
      }
    }
    const partners = all.find((l: any) => l.kind === 'PARTNERS');
    expect(partners.columns.filter((c: any) => c.required).map((c: any) => c.name)).toEqual(['name']);
    expect(partners.columns.filter((c: any) => !c.blankAllowed).map((c: any) => c.name)).toEqual(['name', 'partner_type']);
    expect(partners.columns.find((c: any) => c.name === 'status')).toMatchObject({ type: 'CHOICE', allowedValues: ['PROSPECTIVE', 'ACTIVE', 'PAUSED', 'ENDED'] });
    expect(all.find((l: any) => l.kind === 'ANSWERS').columns.find((c: any) => c.name === 'updated_at').type).toBe('INSTANT');
  });

  it('is the layout the import reads: the error for an unknown header names its columns, and an export has exactly its columns', async () => {
    const partners = await layoutOf('PARTNERS');
    const unknown = await run(PARTNERS, csvOf([['name', 'colour'], ['A', 'red']]), 'x.csv', assessorA);
    expect(unknown.errors![0]!.message).toContain(`its columns are ${partners.columns.map((c: any) => c.name).join(', ')} (and, not imported, ${partners.ignoredColumns.join(', ')})`);

    const assessment = await newAssessment('import-layouts');
    ok(await api.gql(`mutation($a: ID!) { generateActionPlan(assessmentId: $a) { created } }`, { a: assessment }, managerA));
    const exports: Record<string, string> = {
      PARTNERS: '/tables/partner.csv',
      EVIDENCE: '/tables/evidence.csv',
      ANSWERS: `/assessments/${assessment}/answers.csv`,
      ACTION_ITEMS: `/assessments/${assessment}/plan.csv`,
    };
    for (const [kind, path] of Object.entries(exports)) {
      const layout = await layoutOf(kind);
      const header = headerOf(await download(path, ownerA));
      const read = layout.columns.map((c: any) => c.name);
      // The plan's `note` column is the import's own: a note to add to an item's history.
      const importOnly = kind === 'ACTION_ITEMS' ? ['note'] : [];
      expect({ kind, columns: [...read, ...layout.ignoredColumns].filter((c) => !importOnly.includes(c)).sort() }).toEqual({ kind, columns: [...header].sort() });
      expect({ kind, required: layout.columns.filter((c: any) => c.required).every((c: any) => header.includes(c.name)) }).toEqual({ kind, required: true });
    }
  });

  it('answers a typed error for a kind that does not exist', async () => {
    const variable = await api.gql(ONE, { kind: 'GRADES' }, assessorA);
    expect(errorCode(variable)).toBe('BAD_USER_INPUT');
    expect(variable.errors![0]!.message).toContain('GRADES');
    const literal = await api.gql(`{ importLayout(kind: GRADES) { kind } }`, {}, assessorA);
    expect(errorCode(literal)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(literal.data).toBeUndefined();
  });

  it('is for those who may import: viewers, keys without imports:write and the signed-out are refused', async () => {
    expect(errorCode(await api.gql(ONE, { kind: 'PARTNERS' }, viewerA))).toBe('FORBIDDEN');
    expect(errorCode(await api.gql(ONE, { kind: 'PARTNERS' }, {}))).toBe('UNAUTHENTICATED');
    const without = await api.gql(ONE, { kind: 'PARTNERS' }, await keyWith(['partners:write']));
    expect(errorCode(without)).toBe('FORBIDDEN');
    expect(without.errors![0]!.message).toContain('imports:write');
    expect((await layoutOf('PARTNERS', await keyWith(['imports:write']))).kind).toBe('PARTNERS');
    for (const as of [ownerA, managerA, assessorA]) expect((await layoutOf('EVIDENCE', as)).kind).toBe('EVIDENCE');
  });
});
