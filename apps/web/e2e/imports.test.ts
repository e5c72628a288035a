import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { Partner } from '@waymark/db';
import { DESK, PHONE, expectAccessible, expectNoSidewaysScroll, launchBrowser, newPage, printReport, settled, signIn } from './support/browser';
import { type Stack, startStack } from './support/stack';

/**
 * Importing a spreadsheet from the screen that holds the data: a manager checks a partnership
 * register with one bad row (the row's error in words, nothing saved), fixes it, sees what the file
 * would add and change, imports it, and finds the new partnership in the register. A viewer is
 * not offered the import. At desk width and on a phone.
 */
let stack: Stack;
let browser: Browser;
let northfield: string;
let dir: string;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
  northfield = await stack.orgId('northfield-central-library');
  dir = mkdtempSync(path.join(tmpdir(), 'waymark-imports-'));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  printReport('imports');
});

const em = () => stack.api.db.owner.em.fork();
const cell = (value: string | null) => (value === null ? '' : /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
const csv = (name: string, rows: (string | null)[][]) => {
  const file = path.join(dir, name);
  writeFileSync(file, `${rows.map((r) => r.map(cell).join(',')).join('\n')}\n`);
  return file;
};
const partnersNamed = (name: string) => em().count(Partner, { organisationId: northfield, name }, { filters: false });

describe.each([
  ['desk', DESK],
  ['phone', PHONE],
] as const)('a manager imports partnerships from a spreadsheet (%s)', (width, viewport) => {
  let page: Page;

  beforeAll(async () => {
    ({ page } = await newPage(browser, stack.baseUrl, viewport));
    await signIn(page, 'manager@northfield.example');
  });

  it('checks a file, shows its bad row in words, saves nothing; then imports the fixed file', async () => {
    const [changing, same] = await em().find(Partner, { organisationId: northfield }, { filters: false, orderBy: { name: 'asc' }, limit: 2 });
    const newEmail = `partnerships-${width}@example.org`;
    const added = `Hillside Primary ${width}`;
    const fixed = `Youth Arts Collective ${width}`;
    const header = ['id', 'name', 'partner_type', 'contact_email'];
    const existing = [
      [changing!.id, changing!.name, changing!.partnerType, newEmail],
      [same!.id, same!.name, same!.partnerType, same!.contactEmail ?? null],
      [null, added, 'SCHOOL_OR_UNIVERSITY', `head-${width}@hillside.example`],
    ];
    const bad = csv(`partners-${width}.csv`, [header, ...existing, [null, fixed, 'youth serving organisation', 'not an email']]);

    await page.goto(`/o/${northfield}/partners`);
    await settled(page);
    await page.getByRole('link', { name: 'Import from a spreadsheet' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import partnerships from a spreadsheet' }).waitFor();
    await expectAccessible(page, `import partners (${width})`);
    if (width === 'phone') await expectNoSidewaysScroll(page, 'import partners');

    // The layout as the API publishes it, with the export to start from.
    const columns = page.getByRole('table', { name: 'The columns of the file' });
    const column = (name: string) => columns.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
    await column('name').getByRole('cell', { name: 'Every file has it; never blank', exact: true }).waitFor();
    await column('partner_type').getByRole('cell', { name: 'Optional; never blank where the file has it', exact: true }).waitFor();
    await column('status').getByText(/One of: PROSPECTIVE, ACTIVE, PAUSED, ENDED$/).waitFor();
    if (width === 'desk') {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the register as CSV' }).click()]);
      const template = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
      expect(template.split('\n')[0]).toMatch(/^id,.*\bname\b.*\bpartner_type\b.*\bcontact_email\b/);
      await page.getByRole('status').filter({ hasText: /^Downloaded waymark-.*\.csv\.$/ }).waitFor();
    }

    // One bad row: its error in words, tied to the file, and nothing to import.
    await page.getByLabel('Spreadsheet to import (CSV or XLSX)').setInputFiles(bad);
    await page.getByRole('button', { name: 'Check the file' }).click();
    const errors = page.getByRole('alert').filter({ hasText: `1 row of partners-${width}.csv cannot be imported` });
    await errors.waitFor();
    await errors.getByRole('listitem').filter({ hasText: /^Row 5, contact_email: / }).waitFor();
    expect(await errors.getByRole('listitem').count()).toBe(1);
    expect(await page.getByRole('button', { name: /^Import \d+ rows?$/ }).count()).toBe(0);
    await expectAccessible(page, `import partners: a row error (${width})`);
    if (width === 'phone') await expectNoSidewaysScroll(page, 'import partners: a row error');
    expect(await partnersNamed(added)).toBe(0);
    expect(await partnersNamed(fixed)).toBe(0);

    // The row fixed: what the file would do, row by row.
    const good = csv(`partners-${width}-fixed.csv`, [header, ...existing, [null, fixed, 'youth serving organisation', null]]);
    await page.getByLabel('Spreadsheet to import (CSV or XLSX)').setInputFiles(good);
    await page.getByRole('button', { name: 'Check the file' }).click();
    const report = page.getByRole('region', { name: `What partners-${width}-fixed.csv would do` });
    await report.waitFor();
    for (const line of ['4 rows read', '2 rows to add', '1 row to change', '1 row unchanged']) await report.getByText(line, { exact: true }).waitFor();
    const changedRow = report.getByRole('row').filter({ has: page.getByRole('rowheader', { name: changing!.name }) });
    await changedRow.getByText('Change', { exact: true }).waitFor();
    await changedRow.getByText(newEmail).waitFor();
    await report.getByRole('row').filter({ has: page.getByRole('rowheader', { name: added }) }).getByText('Add', { exact: true }).waitFor();
    await expectAccessible(page, `import partners: the check (${width})`);
    if (width === 'phone') await expectNoSidewaysScroll(page, 'import partners: the check');
    expect(await partnersNamed(added)).toBe(0);

    // Imported: said in words, and the new partnership is in the register.
    await page.getByRole('button', { name: 'Import 3 rows' }).click();
    const saved = page.getByRole('status').filter({ hasText: `Imported partners-${width}-fixed.csv` });
    await saved.getByText('Saved: 2 added, 1 changed, 1 unchanged.').waitFor();
    await expectAccessible(page, `import partners: saved (${width})`);
    expect(await partnersNamed(added)).toBe(1);
    expect(await partnersNamed(fixed)).toBe(1);
    expect((await em().findOneOrFail(Partner, { id: changing!.id }, { filters: false })).contactEmail).toBe(newEmail);

    await saved.getByRole('link', { name: 'See the partnership register' }).click();
    await page.getByRole('heading', { level: 1, name: 'Partnership register' }).waitFor();
    await page.getByRole('rowheader', { name: added }).waitFor();
    await page.getByRole('rowheader', { name: fixed }).waitFor();
  });

  it('saves nothing when the import is refused after its check, and says which row', async () => {
    const as = (await stack.login('manager@northfield.example')).as(northfield);
    const made = await stack.api.gql<{ createPartner: { id: string } }>('mutation($i: CreatePartnerInput!) { createPartner(input: $i) { id } }', { i: { name: `Short-lived ${width}`, partnerType: 'OTHER' } }, as);
    const id = made.data!.createPartner.id;
    const file = csv(`refused-${width}.csv`, [['id', 'name', 'partner_type'], [id, `Short-lived ${width} renamed`, 'OTHER'], [null, `Never saved ${width}`, 'OTHER']]);
    await page.goto(`/o/${northfield}/imports/partners`);
    await settled(page);
    await page.getByLabel('Spreadsheet to import (CSV or XLSX)').setInputFiles(file);
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByRole('region', { name: `What refused-${width}.csv would do` }).getByText('1 row to change', { exact: true }).waitFor();
    // Someone deletes the partnership between the check and the import.
    expect((await stack.api.gql('mutation($id: ID!) { deletePartner(id: $id) }', { id }, as)).errors).toBeUndefined();
    await page.getByRole('button', { name: 'Import 2 rows' }).click();
    await page.getByText('Nothing was saved.').waitFor();
    const errors = page.getByRole('alert').filter({ hasText: `1 row of refused-${width}.csv cannot be imported` });
    await errors.getByRole('listitem').filter({ hasText: /^Row 2, id: / }).waitFor();
    await expectAccessible(page, `import partners: refused (${width})`);
    expect(await partnersNamed(`Never saved ${width}`)).toBe(0);
  });

  it('says what is wrong with a file the layout does not fit, and saves nothing', async () => {
    await page.goto(`/o/${northfield}/imports/partners`);
    await settled(page);
    const typo = csv(`typo-${width}.csv`, [['nme', 'partner_type'], [`Typo ${width}`, 'OTHER']]);
    await page.getByLabel('Spreadsheet to import (CSV or XLSX)').setInputFiles(typo);
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByRole('alert').filter({ hasText: `typo-${width}.csv cannot be imported` }).getByText(/nme/).first().waitFor();
    expect(await page.getByRole('button', { name: /^Import \d+ rows?$/ }).count()).toBe(0);
    expect(await partnersNamed(`Typo ${width}`)).toBe(0);
  });
});

describe('a viewer', () => {
  it('is not offered an import, and is told so on the import screen', async () => {
    const { page } = await newPage(browser, stack.baseUrl);
    await signIn(page, 'viewer@northfield.example');
    for (const screen of ['partners', 'evidence', 'plan', 'exports']) {
      await page.goto(`/o/${northfield}/${screen}`);
      await settled(page);
      if (screen !== 'plan') await page.locator('tbody tr').first().waitFor();
      expect(await page.getByRole('link', { name: /^Import/ }).count()).toBe(0);
    }
    expect(await page.getByRole('heading', { name: 'Import from a spreadsheet' }).count()).toBe(0);
    await page.goto(`/o/${northfield}/imports/partners`);
    await page.getByRole('note').filter({ hasText: 'As a viewer you cannot import this' }).waitFor();
    expect(await page.locator('input[type="file"]').count()).toBe(0);
  });
});
