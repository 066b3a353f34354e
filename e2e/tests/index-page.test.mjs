// The index page of an object through the real Go bindings: sample data
// from the empty state, backend sorting, search, filters, create with
// validation errors, remembered columns, selection and delete, and scrolling
// a large table that loads its rows block by block.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openWorkspace, session } from '../lib/harness.mjs';

const shots = process.env.FIELDBOOK_SHOTS_DIR || '/tmp';

describe('index page', () => {
  let env, browser, app, page;

  before(async () => {
    env = await session();
    ({ browser } = env);
    app = await env.launch();
    page = await openWorkspace(browser, app, { colorScheme: 'light' });
  });

  afterEach(async () => {
    // Each test starts from a fresh page state (sort, search, filters).
    await page.goto(app.url + '#/contacts');
    await page.reload();
  });

  after(() => env?.close());

  const table = () => page.getByRole('table', { name: 'Contacts' });
  const rows = () => table().locator('[role=row][data-id]');
  const count = async () => Number((await page.getByTestId('record-count').textContent()).replace(/[^0-9]/g, ''));
  const waitCount = (pred, what) =>
    page
      .waitForFunction(
        ([src]) => {
          const el = document.querySelector('[data-testid=record-count]');
          if (!el) return false;
          const n = Number(el.textContent.replace(/[^0-9]/g, ''));
          return new Function('n', `return ${src}`)(n);
        },
        [pred],
        { timeout: 10000 },
      )
      .catch((e) => {
        throw new Error(`record count never became ${what}: ${e.message}`);
      });
  const cellTexts = (col) =>
    rows().evaluateAll(
      (els, c) =>
        els
          .sort((a, b) => Number(a.getAttribute('aria-rowindex')) - Number(b.getAttribute('aria-rowindex')))
          .map((r) => r.querySelectorAll('[role=cell]')[c]?.textContent ?? ''),
      col,
    );
  const headerNames = () => table().getByRole('columnheader').allTextContents();
  const firstName = async () => (await cellTexts(1))[0];

  test('a newcomer loads sample data from the empty state and sees rows', async () => {
    await page.getByRole('heading', { name: 'No contacts yet' }).waitFor();
    await page.getByRole('button', { name: 'Load sample data' }).click();
    await table().waitFor();
    await rows().first().waitFor();
    assert.equal(await count(), 300);
    assert.deepEqual(await headerNames(), ['', 'Name', 'Email', 'Phone', 'Job title', 'Website', 'Created', 'Updated']);
    assert.equal(await table().getByRole('columnheader', { name: 'Created' }).getAttribute('aria-sort'), 'descending');
    const visible = await rows().count();
    assert.ok(visible > 10 && visible < 80, `only the rows in view are in the page (${visible})`);

    await page.waitForTimeout(300); // let the row placeholders settle
    await page.screenshot({ path: `${shots}/idx-table.png` });
    const dark = await openWorkspace(browser, app, { colorScheme: 'dark' });
    await dark.getByRole('table', { name: 'Contacts' }).locator('[role=row][data-id]').first().waitFor();
    await dark.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    await dark.waitForTimeout(300);
    await dark.screenshot({ path: `${shots}/idx-table-dark.png` });
    await dark.close();

    // The tests below read cells by column position: fix the columns.
    await page.evaluate(() => window.go.app.Settings.SavePreference('columns:contacts', JSON.stringify(['firstname', 'lastname', 'email', 'phone'])));
  });

  test('clicking a header sorts in the backend, ascending then descending', async () => {
    await rows().first().waitFor();
    const before = await firstName();
    const email = table().getByRole('columnheader', { name: 'Email' });
    await email.getByRole('button').click();
    await page
      .waitForFunction(() => document.querySelector('[aria-sort=ascending]')?.textContent === 'Email')
      .catch(async (err) => {
        // It timed out once in a fresh clone (2026-12-07) and never again: say what the page showed.
        const headers = await page.evaluate(() =>
          [...document.querySelectorAll('[aria-sort]')].map((h) => `${h.textContent}=${h.getAttribute('aria-sort')}`),
        );
        const alerts = await page.getByRole('alert').allTextContents();
        throw new Error(`${err.message}\nsorted headers: ${headers.join(', ') || 'none'}; alerts: ${alerts.join(' | ') || 'none'}`);
      });
    await page.waitForFunction((b) => {
      const link = document.querySelector('[role=row][aria-rowindex="2"] a');
      return link && link.textContent !== b;
    }, before);
    let emails = await cellTexts(4);
    assert.ok(emails.length > 10);
    const sorted = [...emails].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
    assert.deepEqual(emails, sorted, 'rows come sorted by email');

    await email.getByRole('button').click();
    await page.waitForFunction(() => document.querySelector('[aria-sort=descending]')?.textContent === 'Email');
    await page.waitForFunction(
      (first) => (document.querySelector('[role=row][data-id][aria-rowindex="2"] [role=cell]:nth-child(5)')?.textContent ?? first) !== first,
      emails[0],
    );
    emails = await cellTexts(4);
    assert.ok(emails[0].toLowerCase() >= emails[1].toLowerCase(), `descending: ${emails[0]} then ${emails[1]}`);

    // The order is remembered: a reload opens in it. Newest first again for the tests after.
    await page.reload();
    await rows().first().waitFor();
    assert.equal(await table().getByRole('columnheader', { name: 'Email' }).getAttribute('aria-sort'), 'descending');
    assert.equal((await cellTexts(4))[0], emails[0]);
    const created = table().getByRole('columnheader', { name: 'Created' });
    await created.getByRole('button').click();
    await page.waitForFunction(() => document.querySelector('[aria-sort=ascending]')?.textContent === 'Created');
    await created.getByRole('button').click();
    await page.waitForFunction(() => document.querySelector('[aria-sort=descending]')?.textContent === 'Created');
  });

  test('search narrows the rows, and says when nothing matches', async () => {
    await rows().first().waitFor();
    const name = (await cellTexts(2))[0]; // a first name
    const search = page.getByRole('searchbox', { name: 'Search contacts' });
    await search.fill(name);
    await waitCount(`n > 0 && n < 300`, 'narrowed');
    const shown = await rows().evaluateAll((els) => els.map((e) => e.textContent.toLowerCase()));
    for (const text of shown) assert.ok(text.includes(name.toLowerCase()), `${text} matches ${name}`);

    await search.fill('zzqqxx');
    await page.getByRole('heading', { name: 'No contacts match' }).waitFor();
    await page.getByRole('button', { name: 'Clear search and filters' }).click();
    await waitCount('n === 300', '300');
    assert.equal(await search.inputValue(), '');
  });

  test('a filter narrows the rows as a chip, and goes away when removed', async () => {
    await rows().first().waitFor();
    const first = (await cellTexts(2))[0];
    await page.getByRole('button', { name: 'Add filter' }).click();
    const pop = page.getByRole('dialog', { name: 'Add filter' });
    await pop.getByRole('combobox', { name: 'Property' }).selectOption({ label: 'First name' });
    await pop.getByRole('combobox', { name: 'Operator' }).selectOption({ label: 'is' });
    await pop.getByRole('textbox', { name: 'Value' }).fill(first);
    await pop.getByRole('button', { name: 'Apply filter' }).click();
    const remove = page.getByRole('button', { name: `Remove filter First name is ${first}` });
    await remove.waitFor();
    await waitCount('n > 0 && n < 300', 'narrowed');
    for (const v of await cellTexts(2)) assert.equal(v, first);

    // A value the backend refuses shows next to the filter, in words.
    await page.getByRole('button', { name: 'Add filter' }).click();
    await pop.getByRole('combobox', { name: 'Property' }).selectOption({ label: 'Email' });
    await pop.getByRole('combobox', { name: 'Operator' }).selectOption({ label: 'greater than' });
    await pop.getByRole('textbox', { name: 'Value' }).fill('not an email');
    await pop.getByRole('button', { name: 'Apply filter' }).click();
    const err = pop.getByRole('alert');
    await err.waitFor();
    assert.ok((await err.textContent()).length > 5);
    await page.keyboard.press('Escape');

    await remove.click();
    await waitCount('n === 300', '300');
  });

  test('create a contact: an invalid email shows next to the Email field, then it is created', async () => {
    await rows().first().waitFor();
    const before = await count();
    await page.getByRole('button', { name: 'Create contact' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create contact' });
    await dialog.getByLabel('First name', { exact: true }).fill('Zelda');
    await dialog.getByLabel('Last name', { exact: true }).fill('Quinton');
    const email = dialog.getByLabel('Email', { exact: true });
    await email.fill('x');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    const error = dialog.getByRole('alert');
    await error.waitFor();
    assert.match(await error.textContent(), /Email must be an email address like ann@example.com/);
    assert.equal(await email.getAttribute('aria-invalid'), 'true');
    assert.equal(await email.getAttribute('aria-describedby'), await error.getAttribute('id'));
    assert.equal(await dialog.getByLabel('First name', { exact: true }).inputValue(), 'Zelda', 'nothing typed is lost');

    await email.fill('zelda.quinton@example.com');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await waitCount(`n === ${before + 1}`, String(before + 1));
    await table().getByRole('link', { name: 'Zelda Quinton' }).waitFor();
    assert.equal(await firstName(), 'Zelda Quinton', 'newest first');
  });

  test('the chosen columns survive a reload', async () => {
    await rows().first().waitFor();
    await page.getByRole('button', { name: 'Edit columns' }).click();
    const pop = page.getByRole('dialog', { name: 'Edit columns' });
    await pop.getByRole('checkbox', { name: 'Job title' }).check();
    await pop.getByRole('checkbox', { name: 'Phone' }).uncheck();
    await pop.getByRole('button', { name: 'Move Job title up' }).click();
    await page.keyboard.press('Escape');
    const want = ['', 'Name', 'First name', 'Last name', 'Job title', 'Email', 'Created', 'Updated'];
    assert.deepEqual(await headerNames(), want);
    assert.ok(
      (await cellTexts(4)).some((t) => t.length > 0),
      'job titles show',
    );

    await page.reload();
    await rows().first().waitFor();
    assert.deepEqual(await headerNames(), want);
    // Other objects keep their own columns.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Companies' }).click();
    await page.getByRole('table', { name: 'Companies' }).getByRole('columnheader', { name: 'Domain', exact: true }).waitFor();
  });

  test('select two rows and delete them to the recycle bin', async () => {
    await rows().first().waitFor();
    const before = await count();
    // Sample names can repeat: pick the rows by their record ID.
    const ids = (
      await rows().evaluateAll((els) =>
        els.sort((a, b) => Number(a.getAttribute('aria-rowindex')) - Number(b.getAttribute('aria-rowindex'))).map((e) => e.dataset.id),
      )
    ).slice(0, 2);
    for (const id of ids) {
      const row = table().locator(`[role=row][data-id="${id}"]`);
      const name = await row.getByRole('link').textContent();
      await row.getByRole('checkbox', { name: `Select ${name}`, exact: true }).check();
    }
    const bar = page.getByRole('toolbar', { name: 'Selected records' });
    assert.match(await bar.textContent(), /2 selected/);
    await bar.getByRole('button', { name: 'Delete' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Delete 2 contacts?' });
    assert.match(await confirm.textContent(), /recycle bin.*90 days/);
    await confirm.getByRole('button', { name: 'Delete 2 contacts' }).click();
    await confirm.waitFor({ state: 'detached' });
    await waitCount(`n === ${before - 2}`, String(before - 2));
    for (const id of ids) assert.equal(await table().locator(`[data-id="${id}"]`).count(), 0, `${id} is gone`);
    assert.equal(await bar.count(), 0);
    const bin = await page.evaluate(() => window.go.app.Records.Bin('contacts'));
    assert.deepEqual(bin.map((r) => r.id).sort(), [...ids].sort());

    await page.getByRole('button', { name: 'Recycle bin' }).click();
    assert.match(page.url(), /#\/contacts\/bin$/);
  });

  test('a large table loads the rows in view as the user scrolls', async () => {
    // Seed more records fast through the real binding.
    for (let i = 0; i < 5; i++) await page.evaluate(() => window.go.app.Records.LoadSampleData());
    await page.reload();
    await rows().first().waitFor();
    const total = await count();
    assert.ok(total >= 1700, `seeded ${total}`);
    const scroller = page.locator('.idx-scroll');
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
    const last = table().locator(`[role=row][aria-rowindex="${total + 1}"][data-id]`);
    await last.waitFor({ timeout: 10000 });
    assert.ok((await last.getByRole('link').textContent()).length > 0);
    assert.ok((await rows().count()) < 80, 'still only the rows in view');
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
    await table().locator('[role=row][data-id]').first().waitFor();
    await page.waitForFunction(() => !document.querySelector('[role=row][aria-busy=true]'), null, { timeout: 10000 });
  });
});
