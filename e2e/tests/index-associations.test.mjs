// Associations on index pages through the real Go bindings: association
// columns (counts and the primary company), the cell's popover and "View
// associated …" (a visible, removable filter), filters by association, and
// bulk association with its result. Screenshots go to FIELDBOOK_SHOTS_DIR.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openWorkspace, session } from '../lib/harness.mjs';

const shots = process.env.FIELDBOOK_SHOTS_DIR || '/tmp';
const create = (page, object, props) => page.evaluate(([o, p]) => window.go.app.Records.Create(o, p), [object, props]);
const go = (page, method, ...args) => page.evaluate(([m, a]) => window.go.app.Associations[m](...a), [method, args]);
const edit = (record, targets, extra = {}) => ({ record, targets, labels: [], primary: '', newPrimary: {}, ...extra });

async function open(page, app, hash) {
  await page.goto(app.url + hash);
  await page.waitForFunction(() => window.go?.app?.Associations);
}

const rowText = (page, name) => page.getByRole('row').filter({ hasText: name }).first();

describe('associations on index pages', () => {
  let env, browser, app;

  before(async () => {
    env = await session();
    ({ browser } = env);
    app = await env.launch();
  });

  after(() => env?.close());

  test('columns, popover, view associated, filters and bulk association', async () => {
    const page = await openWorkspace(browser, app);
    const acme = await create(page, 'companies', { name: 'Acme Tools' });
    await create(page, 'companies', { name: 'Beta Foods' });
    const ann = await create(page, 'contacts', { firstname: 'Ann', lastname: 'Able', email: 'ann@acme.example' });
    const bob = await create(page, 'contacts', { firstname: 'Bob', lastname: 'Baker', email: 'bob@acme.example' });
    const cy = await create(page, 'contacts', { firstname: 'Cy', lastname: 'Cole', email: 'cy@free.example' });
    const deal = await create(page, 'deals', { name: 'Tools order' });
    await go(page, 'Associate', edit(acme.id, [ann.id, bob.id]));
    await go(page, 'Associate', edit(deal.id, [ann.id]));

    await open(page, app, '#/contacts');
    const table = page.getByRole('table', { name: 'Contacts' });
    await page.reload(); // the records were made through the bindings after the page loaded
    await rowText(page, 'Ann Able').waitFor();

    // Edit columns: the association types are listed with the properties.
    await page.getByRole('button', { name: 'Edit columns' }).click();
    for (const name of ['Contact → Companies', 'Contact → Company (primary)', 'Contact → Deals']) {
      await page.getByRole('checkbox', { name }).check();
    }
    await page.keyboard.press('Escape');
    const headers = await table.getByRole('columnheader').allTextContents();
    assert.ok(
      headers.includes('Contact → Companies') && headers.includes('Contact → Company (primary)') && headers.includes('Contact → Deals'),
      headers.join(', '),
    );
    const annRow = rowText(page, 'Ann Able');
    await annRow.getByRole('link', { name: 'Acme Tools' }).waitFor(); // the primary company
    await annRow.getByRole('button', { name: /^1 record: Companies of Ann Able/ }).waitFor();
    await annRow.getByRole('button', { name: /^1 record: Deals of Ann Able/ }).waitFor();
    assert.match(await rowText(page, 'Cy Cole').textContent(), /—.*—.*—/);
    await page.screenshot({ path: `${shots}/index-assoc-columns.png` });

    // The cell's popover names the records; "View associated" opens their
    // index filtered to exactly them, with a removable chip.
    await open(page, app, '#/companies');
    await page.getByRole('button', { name: 'Edit columns' }).click();
    await page.getByRole('checkbox', { name: 'Company → Contacts' }).check();
    await page.keyboard.press('Escape');
    await rowText(page, 'Acme Tools')
      .getByRole('button', { name: /^2 records: Contacts of Acme Tools/ })
      .click();
    const pop = page.getByRole('dialog', { name: 'Associated contacts' });
    await pop.getByRole('link', { name: 'Ann Able' }).waitFor();
    await pop.getByRole('link', { name: 'Bob Baker' }).waitFor();
    await page.screenshot({ path: `${shots}/index-assoc-popover.png` });
    await pop.getByRole('button', { name: /View associated contacts/ }).click();
    await page.waitForURL(/#\/contacts\?with=/);
    const chip = page.getByText('Associated with Acme Tools');
    await chip.waitFor();
    await page.getByTestId('record-count').getByText('2 contacts').waitFor();
    assert.equal(await rowText(page, 'Cy Cole').count(), 0);
    await page.getByRole('button', { name: 'Remove filter Associated with Acme Tools' }).click();
    await page.getByTestId('record-count').getByText('3 contacts').waitFor();

    // Filter: contacts with no associated companies.
    await page.getByRole('button', { name: 'Add filter' }).click();
    await page.getByRole('combobox', { name: 'Property' }).selectOption({ label: 'Associated companies' });
    await page.getByRole('combobox', { name: 'Operator' }).selectOption({ label: 'has none' });
    await page.getByRole('button', { name: 'Apply filter' }).click();
    await page.getByText('Has no associated companies').waitFor();
    await page.getByTestId('record-count').getByText('1 contact').waitFor();
    await rowText(page, 'Cy Cole').waitFor();
    await page.getByRole('button', { name: 'Remove filter Has no associated companies' }).click();
    await page.getByTestId('record-count').getByText('3 contacts').waitFor();

    // Bulk: a limit of one company per contact refuses Ann and Bob, who have
    // Acme; Cy is associated; the result says why.
    await go(page, 'SetLimit', 'contacts', 'companies', { from: 'contacts', label: 0, inverse: false, max: 1 });
    for (const name of ['Ann Able', 'Bob Baker', 'Cy Cole']) await page.getByRole('checkbox', { name: `Select ${name}` }).check();
    await page.getByRole('toolbar', { name: 'Selected records' }).getByRole('button', { name: 'Associate' }).click();
    const bulk = page.getByRole('dialog', { name: 'Associate 3 contacts' });
    await bulk.getByRole('combobox', { name: 'With a record of' }).selectOption('companies');
    await bulk.getByRole('combobox', { name: 'Search companies' }).fill('beta');
    await bulk.locator('[role="listbox"][aria-busy="false"]').waitFor();
    await bulk.getByRole('option', { name: /Beta Foods/ }).click();
    assert.equal(await bulk.getByRole('option', { name: /Beta Foods/ }).getAttribute('aria-selected'), 'true');
    await page.screenshot({ path: `${shots}/index-assoc-bulk.png` });
    await bulk.getByRole('button', { name: 'Associate with Beta Foods' }).click();
    await bulk.getByText('Done.').waitFor();
    const result = await bulk.locator('.idx-bulk-result').textContent();
    assert.match(result, /Associated 1 contact with Beta Foods/);
    assert.match(result, /2 contacts could not be/);
    assert.match(result, /at most 1 company/);
    await page.screenshot({ path: `${shots}/index-assoc-bulk-result.png` });
    await bulk.getByRole('button', { name: 'Close' }).click();
    const sum = await go(page, 'Summary', cy.id, 10);
    assert.deepEqual(
      sum.map((g) => g.items.map((i) => i.name)),
      [['Beta Foods']],
    );
    await rowText(page, 'Cy Cole').getByRole('link', { name: 'Beta Foods' }).waitFor();
  });
});
