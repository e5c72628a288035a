import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import type { Browser, Locator, Page } from 'playwright-core';
import { ActionItem, Assessment, ConsensusAnswer, Evidence, User } from '@waymark/db';
import { DESK, PHONE, expectAccessible, expectNoSidewaysScroll, launchBrowser, newPage, printReport, settled, signIn } from './support/browser';
import { type Stack, startStack } from './support/stack';

/**
 * A manager's whole task with each spreadsheet import, from the screen that holds the data: download
 * the export from the import screen, change a row in a spreadsheet, make a mistake in another, check
 * the file (the bad row in words, no way to import), go back and see nothing changed; fix the file,
 * check it again (what each row would change), import it, and find the change on the screen. The
 * evidence library and the agreed answers travel as CSV, the plan as XLSX. At desk width and on a
 * phone; the two runs change different rows of the same organisation.
 */
let stack: Stack;
let browser: Browser;
let northfield: string;
let draft: string;
let submitted: string;
let manager: { email: string; name: string };
let dir: string;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
  northfield = await stack.orgId('northfield-central-library');
  const em = stack.api.db.owner.em.fork();
  draft = (await em.findOneOrFail(Assessment, { organisationId: northfield, cycle: '2026' }, { filters: false })).id;
  submitted = (await em.findOneOrFail(Assessment, { organisationId: northfield, cycle: '2025' }, { filters: false })).id;
  const user = await em.findOneOrFail(User, { email: 'manager@northfield.example' });
  manager = { email: user.email, name: user.name };
  // Northfield's demo has no plan yet: its manager makes one from the submitted 2025 assessment.
  const { as } = await stack.login(manager.email);
  const made = await stack.api.gql('mutation($a: ID!) { generateActionPlan(assessmentId: $a) { created } }', { a: submitted }, as(northfield));
  expect(made.data?.generateActionPlan.created).toBeGreaterThan(1);
  dir = mkdtempSync(path.join(tmpdir(), 'waymark-import-journeys-'));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  printReport('import-journeys');
});

const em = () => stack.api.db.owner.em.fork();
const FILE_INPUT = 'Spreadsheet to import (CSV or XLSX)';

/** Clicks a download button of the import screen and keeps the file under its own name. */
async function downloadFrom(page: Page, button: string, ext: 'csv' | 'xlsx'): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const name = download.suggestedFilename();
  expect(name).toMatch(new RegExp(`^waymark-.*\\.${ext}$`));
  const file = path.join(dir, `${Date.now()}-${name}`);
  await download.saveAs(file);
  await page.getByRole('status').filter({ hasText: `Downloaded ${name}.` }).waitFor();
  return file;
}

const readCsv = (file: string): string[][] => parse(readFileSync(file), { bom: true });
const cell = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
function writeCsv(name: string, rows: string[][]): string {
  const file = path.join(dir, name);
  writeFileSync(file, `${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`);
  return file;
}

/** Chooses a file and checks it (the dry run). */
async function check(page: Page, file: string): Promise<void> {
  await page.getByLabel(FILE_INPUT).setInputFiles(file);
  await page.getByRole('button', { name: 'Check the file' }).click();
}

/** The check of a file with bad rows: each row's error in words, and no way to import. */
async function expectRowErrors(page: Page, fileName: string, errors: RegExp[]): Promise<void> {
  const alert = page.getByRole('alert').filter({ hasText: `${errors.length} row${errors.length > 1 ? 's' : ''} of ${fileName} cannot be imported` });
  await alert.waitFor();
  for (const error of errors) await alert.getByRole('listitem').filter({ hasText: error }).waitFor();
  expect(await alert.getByRole('listitem').count()).toBe(errors.length);
  expect(await page.getByRole('button', { name: /^Import \d+ rows?$/ }).count()).toBe(0);
}

/** The check of a good file: its counts, in words. */
async function expectReport(page: Page, fileName: string, lines: string[]): Promise<Locator> {
  const report = page.getByRole('region', { name: `What ${fileName} would do` });
  await report.waitFor();
  for (const line of lines) await report.getByText(line, { exact: true }).waitFor();
  return report;
}

/** One row of the check's table, found by what it is (its label), with what the import will do. */
async function expectRow(page: Page, report: Locator, label: string, action: 'Add' | 'Change'): Promise<Locator> {
  const row = report.getByRole('row').filter({ has: page.getByRole('rowheader', { name: label, exact: true }) });
  await row.getByText(action, { exact: true }).waitFor();
  return row;
}

/** A change the check lists: the column, what is saved now and what the file says. */
async function expectChange(row: Locator, column: string, before: string | null, after: string): Promise<void> {
  let change = row.getByRole('listitem').filter({ hasText: new RegExp(`^${column}: `) }).filter({ hasText: `“${after}”` });
  change = before === null ? change.filter({ hasText: /^[^“]*: nothing/ }) : change.filter({ hasText: `“${before}”` });
  await change.waitFor();
}

/** The layout's columns, as the API publishes them, on the import screen. */
async function expectLayout(page: Page, width: string, kind: string, columns: [string, string][]): Promise<void> {
  const table = page.getByRole('table', { name: 'The columns of the file' });
  await table.waitFor();
  for (const [column, need] of columns) {
    await table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: column, exact: true }) }).getByRole('cell', { name: need, exact: true }).waitFor();
  }
  await expectAccessible(page, `import ${kind}: the layout (${width})`);
  if (width === 'phone') await expectNoSidewaysScroll(page, `import ${kind}: the layout`);
}

async function importRows(page: Page, count: number, fileName: string, saved: string): Promise<Locator> {
  await page.getByRole('button', { name: `Import ${count} row${count > 1 ? 's' : ''}` }).click();
  const done = page.getByRole('status').filter({ hasText: `Imported ${fileName}` });
  await done.getByText(saved, { exact: true }).waitFor();
  return done;
}

describe.each([
  ['desk', DESK, 0],
  ['phone', PHONE, 1],
] as const)('a manager changes data through a spreadsheet (%s)', (width, viewport, nth) => {
  let page: Page;

  beforeAll(async () => {
    ({ page } = await newPage(browser, stack.baseUrl, viewport));
    await signIn(page, manager.email);
  });

  it('renames an evidence item in the exported library (CSV); a bad date is refused in words and nothing is saved', async () => {
    await page.goto(`/o/${northfield}/evidence`);
    await settled(page);
    await page.getByRole('link', { name: 'Import from a spreadsheet' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import evidence from a spreadsheet' }).waitFor();
    await expectLayout(page, width, 'evidence', [
      ['id', 'Optional; may be blank'],
      ['title', 'Every file has it; never blank'],
      ['evidence_date', 'Optional; never blank where the file has it'],
    ]);

    const exported = readCsv(await downloadFrom(page, 'Download the library as CSV', 'csv'));
    const [header, ...rows] = exported as [string[], ...string[][]];
    const at = (name: string) => header.indexOf(name);
    expect(rows.length).toBeGreaterThan(2);
    const target = rows[nth]!;
    const other = rows[nth + 1]!;
    const oldTitle = target[at('title')]!;
    const newTitle = `${oldTitle} (reviewed on ${width})`;
    const edited = rows.map((r) => (r === target ? r.map((v, i) => (i === at('title') ? newTitle : v)) : r));

    // A slip in another row: a day that does not exist.
    const badName = `evidence-${width}-bad.csv`;
    const bad = writeCsv(badName, [header, ...edited.map((r) => (r === edited[nth + 1] ? r.map((v, i) => (i === at('evidence_date') ? '2026-02-30' : v)) : r))]);
    await check(page, bad);
    await expectRowErrors(page, badName, [new RegExp(`^Row ${nth + 3}, evidence_date: is not a date: write it as YYYY-MM-DD, e\\.g\\. 2026-03-31 \\(the cell holds "2026-02-30"\\)$`)]);
    await expectAccessible(page, `import evidence: a row error (${width})`);

    // Nothing was saved: the library still has the old title, and not the new one.
    await page.getByRole('link', { name: 'Back to the evidence library' }).click();
    await page.getByRole('heading', { level: 1, name: 'Evidence library' }).waitFor();
    await settled(page);
    await page.getByRole('rowheader', { name: oldTitle }).first().waitFor();
    expect(await page.getByRole('rowheader', { name: newTitle }).count()).toBe(0);
    expect((await em().findOneOrFail(Evidence, { id: target[at('id')]! }, { filters: false })).title).toBe(oldTitle);
    expect((await em().findOneOrFail(Evidence, { id: other[at('id')]! }, { filters: false })).evidenceDate).toBe(other[at('evidence_date')]);

    // Fixed, checked again: one row to change, the title before and after.
    await page.getByRole('link', { name: 'Import from a spreadsheet' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import evidence from a spreadsheet' }).waitFor();
    const goodName = `evidence-${width}.csv`;
    await check(page, writeCsv(goodName, [header, ...edited]));
    const report = await expectReport(page, goodName, [`${rows.length} rows read`, '0 rows to add', '1 row to change', `${rows.length - 1} rows unchanged`]);
    await expectChange(await expectRow(page, report, newTitle, 'Change'), 'title', oldTitle, newTitle);
    await expectAccessible(page, `import evidence: the check (${width})`);
    if (width === 'phone') await expectNoSidewaysScroll(page, 'import evidence: the check');

    const done = await importRows(page, 1, goodName, `Saved: 0 added, 1 changed, ${rows.length - 1} unchanged.`);
    await done.getByRole('link', { name: 'See the evidence library' }).click();
    await page.getByRole('heading', { level: 1, name: 'Evidence library' }).waitFor();
    await page.getByRole('rowheader', { name: newTitle }).waitFor();
  });

  it('takes up a plan item (XLSX): owner, status and a note; dropping one without a reason is refused and nothing is saved', async () => {
    await page.goto(`/o/${northfield}/plan?assessment=${submitted}`);
    await settled(page);
    await page.getByRole('link', { name: 'Import from a spreadsheet' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import action plan changes from a spreadsheet' }).waitFor();
    await expectLayout(page, width, 'plan', [
      ['item_key', 'Every file has it; never blank'],
      ['status', 'Optional; never blank where the file has it'],
      ['note', 'Optional; may be blank'],
    ]);

    // The plan as a workbook: take up the first open item nobody owns, and (by mistake) drop the next without a reason.
    const file = await downloadFrom(page, 'Download the plan as XLSX', 'xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0]!;
    const header = sheet.getRow(1).values as ExcelJS.CellValue[];
    const col = (name: string) => header.indexOf(name);
    const open = [];
    for (let r = 2; r <= sheet.rowCount; r += 1) {
      if (sheet.getCell(r, col('status')).text === 'OPEN' && !sheet.getCell(r, col('owner')).text) open.push(r);
    }
    expect(open.length).toBeGreaterThan(1);
    const [taken, dropped] = open as [number, number];
    const key = sheet.getCell(taken, col('item_key')).text;
    const what = sheet.getCell(taken, col('what')).text;
    const noteCol = header.length;
    sheet.getCell(1, noteCol).value = 'note';
    sheet.getCell(taken, col('status')).value = 'in progress';
    sheet.getCell(taken, col('owner')).value = manager.email;
    sheet.getCell(taken, noteCol).value = `Kick-off booked (${width})`;
    sheet.getCell(dropped, col('status')).value = 'DROPPED';
    const badName = `plan-${width}-bad.xlsx`;
    await workbook.xlsx.writeFile(path.join(dir, badName));

    await check(page, path.join(dir, badName));
    await expectRowErrors(page, badName, [new RegExp(`^Row ${dropped}, note: say why the item is dropped: the reason is kept and follows the gap into the next cycle$`)]);
    await expectAccessible(page, `import plan: a row error (${width})`);

    // Nothing was saved: on the plan, the item is still open and nobody's.
    await page.getByRole('link', { name: 'Back to the action plan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Action plan' }).waitFor();
    await settled(page);
    const itemRow = page.getByRole('row').filter({ has: page.getByRole('link', { name: what, exact: true }) });
    await itemRow.getByText('Open', { exact: true }).waitFor();
    await itemRow.getByText('nobody yet', { exact: false }).waitFor();
    const saved = await em().findOneOrFail(ActionItem, { organisationId: northfield, assessmentId: submitted, itemKey: key }, { filters: false });
    expect([saved.status, saved.ownerUserId]).toEqual(['OPEN', null]);

    // The mistake undone: the check lists the item's changes, column by column.
    sheet.getCell(dropped, col('status')).value = 'OPEN';
    const goodName = `plan-${width}.xlsx`;
    await workbook.xlsx.writeFile(path.join(dir, goodName));
    await page.getByRole('link', { name: 'Import from a spreadsheet' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import action plan changes from a spreadsheet' }).waitFor();
    await check(page, path.join(dir, goodName));
    const report = await expectReport(page, goodName, ['0 rows to add', '1 row to change']);
    const row = await expectRow(page, report, key, 'Change');
    await expectChange(row, 'status', 'OPEN', 'IN_PROGRESS');
    await expectChange(row, 'owner', null, manager.email);
    await expectChange(row, 'note', null, `Kick-off booked (${width})`);
    await expectAccessible(page, `import plan: the check (${width})`);
    if (width === 'phone') await expectNoSidewaysScroll(page, 'import plan: the check');

    const done = await importRows(page, 1, goodName, `Saved: 0 added, 1 changed, ${sheet.rowCount - 2} unchanged.`);
    await done.getByRole('link', { name: 'See the action plan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Action plan' }).waitFor();
    await settled(page);
    await itemRow.getByText('In progress', { exact: true }).waitFor();
    await itemRow.getByText(manager.name, { exact: true }).waitFor();
  });

  it("fills in an agreed answer from the exported answers (CSV); a value the scale lacks is refused and nothing is saved", async () => {
    await page.goto(`/o/${northfield}/assessments/${draft}/team`);
    await settled(page);
    await page.getByRole('link', { name: 'Import answers from a spreadsheet' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import agreed answers from a spreadsheet' }).waitFor();
    await expectLayout(page, width, 'answers', [
      ['node_key', 'Every file has it; never blank'],
      ['value', 'Every file has it; may be blank'],
      ['updated_at', 'Optional; may be blank'],
    ]);

    const [header, ...rows] = readCsv(await downloadFrom(page, 'Download the answers as CSV', 'csv')) as [string[], ...string[][]];
    const at = (name: string) => header.indexOf(name);
    const unanswered = rows.filter((r) => r[at('item')] === 'part' && !r[at('value')]);
    expect(unanswered.length).toBeGreaterThan(1);
    const [target, other] = unanswered as [string[], string[]];
    const key = target[at('node_key')]!;
    const note = `Agreed at the ${width} review`;
    const edited = rows.map((r) => (r === target ? r.map((v, i) => (i === at('value') ? 'started' : i === at('note') ? note : v)) : r));
    const otherRow = rows.indexOf(other) + 2;

    const badName = `answers-${width}-bad.csv`;
    await check(page, writeCsv(badName, [header, ...edited.map((r) => (r === edited[otherRow - 2] ? r.map((v, i) => (i === at('value') ? 'Maybe' : v)) : r))]));
    await expectRowErrors(page, badName, [new RegExp(`^Row ${otherRow}, value: must be one of YES, STARTED, NO, NOT_APPLICABLE \\(the cell holds "Maybe"\\)$`)]);
    await expectAccessible(page, `import answers: a row error (${width})`);

    // Nothing was saved: the team view shows no agreed answer for the item yet.
    await page.getByRole('link', { name: 'Back to the team view' }).click();
    await page.getByRole('heading', { level: 1, name: /^Team view/ }).waitFor();
    await settled(page);
    const itemRow = page.getByRole('row').filter({ has: page.getByRole('rowheader').filter({ hasText: key }) });
    await itemRow.getByRole('cell', { name: 'not yet', exact: true }).waitFor();
    expect(await em().count(ConsensusAnswer, { organisationId: northfield, assessmentId: draft, nodeKey: key }, { filters: false })).toBe(0);

    await page.getByRole('link', { name: 'Import answers from a spreadsheet' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import agreed answers from a spreadsheet' }).waitFor();
    const goodName = `answers-${width}.csv`;
    await check(page, writeCsv(goodName, [header, ...edited]));
    const report = await expectReport(page, goodName, ['1 row to add', '0 rows to change']);
    const row = await expectRow(page, report, key, 'Add');
    await expectChange(row, 'value', null, 'STARTED');
    await expectChange(row, 'note', null, note);
    await expectAccessible(page, `import answers: the check (${width})`);
    if (width === 'phone') await expectNoSidewaysScroll(page, 'import answers: the check');

    const done = await importRows(page, 1, goodName, `Saved: 1 added, 0 changed, ${rows.length - 1} unchanged.`);
    await done.getByRole('link', { name: 'See the agreed answers' }).click();
    await page.getByRole('heading', { level: 1, name: /^Team view/ }).waitFor();
    await settled(page);
    await itemRow.getByRole('cell', { name: `Have started (${manager.name})`, exact: true }).waitFor();
  });
});
