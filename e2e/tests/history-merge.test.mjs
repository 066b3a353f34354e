// Association history and merge through the real Go bindings: a contact
// gets companies and a new primary, a company goes to the recycle bin and
// comes back, and two companies are merged in the Merge dialog; then the
// contact's Actions → View association history shows every change with its
// source (User, Object deletion, Object restore, Object merge), "View
// history" shows one association newest first and "Copy link" copies a
// fieldbook:// link. Screenshots (light and dark) go to FIELDBOOK_SHOTS_DIR.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openWorkspace, session } from '../lib/harness.mjs';

const shots = process.env.FIELDBOOK_SHOTS_DIR || '/tmp';
const records = (page, method, ...args) => page.evaluate(([m, a]) => window.go.app.Records[m](...a), [method, args]);
const assoc = (page, method, ...args) => page.evaluate(([m, a]) => window.go.app.Associations[m](...a), [method, args]);
const edit = (record, targets, primary = '') => ({ record, targets, labels: [], primary, newPrimary: {} });

async function open(page, app, hash) {
  await page.goto(app.url + hash);
  await page.waitForFunction(() => window.go?.app?.Records);
}

// shoot saves the page in light and dark.
async function shoot(page, name) {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
  await page.screenshot({ path: `${shots}/${name}.png` });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  await page.screenshot({ path: `${shots}/${name}-dark.png` });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
}

// rows reads a history table as "name | record ID | change | source".
async function rows(table) {
  return table.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => {
      const td = [...tr.querySelectorAll('td')].map((c) => c.textContent.trim());
      return td.length > 3 ? [td[0], td[1], td[2], td[4]].join(' | ') : [td[0], td[2]].join(' | ');
    }),
  );
}

describe('association history and merge', () => {
  let env, browser, app;

  before(async () => {
    env = await session();
    ({ browser } = env);
    app = await env.launch();
  });

  after(() => env?.close());

  test('a contact’s companies through a new primary, the recycle bin and a merge, read back in its association history', async () => {
    const page = await openWorkspace(browser, app, { permissions: ['clipboard-read', 'clipboard-write'] });
    const ann = await records(page, 'Create', 'contacts', { firstname: 'Ann', lastname: 'Lee', email: 'ann@example.com' });
    const co = {};
    for (const name of ['Acme Tools', 'Beta Foods', 'Gamma Labs', 'Delta Motors']) {
      co[name] = await records(page, 'Create', 'companies', { name, domain: `${name.split(' ')[0].toLowerCase()}.example` });
    }
    await records(page, 'Update', co['Gamma Labs'].id, { city: 'Oslo' });

    // The user associates three companies (Acme primary), then makes Beta
    // the primary company.
    await assoc(page, 'Associate', edit(ann.id, [co['Acme Tools'].id, co['Beta Foods'].id, co['Gamma Labs'].id], co['Acme Tools'].id));
    await assoc(page, 'SetPrimary', ann.id, co['Beta Foods'].id);
    // Beta goes to the recycle bin and comes back.
    assert.equal(await records(page, 'Delete', [co['Beta Foods'].id]), 1);
    assert.equal(await records(page, 'Restore', [co['Beta Foods'].id]), 1);

    // Merge Gamma Labs into Delta Motors in the Merge dialog, taking
    // Gamma's domain and (Delta has none) its city.
    await open(page, app, `#/companies/${co['Delta Motors'].id}`);
    await page.getByRole('heading', { level: 1, name: 'Delta Motors' }).waitFor();
    await page.getByRole('button', { name: 'Actions', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Merge…' }).click();
    const merge = page.getByRole('dialog', { name: 'Merge Delta Motors with another company' });
    const search = merge.getByRole('combobox', { name: 'Search companies' });
    await search.waitFor();
    assert.equal(await search.evaluate((el) => el === document.activeElement), true, 'the search takes focus');
    await merge.getByRole('option', { name: /Acme Tools/ }).waitFor();
    assert.equal(await merge.getByRole('option', { name: /Delta Motors/ }).count(), 0, 'the record itself is not offered');
    await search.fill('gamma');
    await merge.locator('[role="listbox"][aria-busy="false"]').waitFor();
    await merge.getByRole('option', { name: /Gamma Labs/ }).waitFor();
    await shoot(page, 'merge-search');
    await search.press('Enter');

    const compare = page.getByRole('dialog', { name: 'Choose the values to keep' });
    await compare.waitFor();
    assert.equal(await compare.getByRole('radio', { name: 'Name from Delta Motors: Delta Motors' }).isChecked(), true);
    assert.equal(await compare.getByRole('radio', { name: 'City from Gamma Labs: Oslo' }).isChecked(), true, 'an empty value takes the other’s');
    await compare.getByRole('radio', { name: 'Domain from Gamma Labs: gamma.example' }).check();
    await shoot(page, 'merge-compare');
    await compare.getByRole('button', { name: 'Merge' }).click();
    const confirm = page.getByRole('dialog', { name: 'Merge Gamma Labs into Delta Motors?' });
    await confirm
      .getByText('Gamma Labs is merged into Delta Motors: its associations move to Delta Motors and its ID will open Delta Motors. This cannot be undone.')
      .waitFor();
    await confirm.getByText('Delta Motors takes these values from Gamma Labs: Domain, City.').waitFor();
    await shoot(page, 'merge-confirm');
    await confirm.getByRole('button', { name: 'Merge' }).click();
    await confirm.waitFor({ state: 'detached' });
    await page.getByRole('heading', { level: 1, name: 'Delta Motors' }).waitFor();
    const props = page.getByRole('group', { name: 'Properties' });
    await props.getByRole('button', { name: 'City Oslo' }).waitFor();
    await props.getByRole('button', { name: /^Domain gamma\.example/ }).waitFor();
    // Delta now has Ann, moved over from Gamma, without a reload.
    await page.getByRole('region', { name: 'Contacts (1)' }).getByText('Ann Lee').waitFor();
    // Gamma's ID opens Delta from now on.
    await open(page, app, `#/companies/${co['Gamma Labs'].id}`);
    await page.getByRole('heading', { level: 1, name: 'Delta Motors' }).waitFor();

    // The contact's Actions → View association history, Companies.
    await open(page, app, `#/contacts/${ann.id}`);
    await page.getByRole('heading', { level: 1, name: 'Ann Lee' }).waitFor();
    await page.getByRole('button', { name: 'Actions', exact: true }).click();
    await page.getByRole('menuitem', { name: 'View association history' }).click();
    const dialog = page.getByRole('dialog', { name: 'Association history' });
    await dialog.getByRole('table', { name: 'Association history' }).waitFor();
    const objectChoice = dialog.getByRole('combobox', { name: 'Associated with' });
    assert.equal(await objectChoice.evaluate((el) => el === document.activeElement), true, 'the object choice takes focus');
    // An object without changes says so.
    await objectChoice.selectOption({ label: 'Deals' });
    await dialog.getByText("No changes to Ann Lee's associations with deals yet.").waitFor();
    await shoot(page, 'history-empty');
    await objectChoice.selectOption({ label: 'Companies' });
    const table = dialog.getByRole('table', { name: 'Association history' });
    await table.getByText('Delta Motors').first().waitFor();
    const id = (name) => co[name].id;
    const got = await rows(table);
    assert.deepEqual(got.slice(0, 2).sort(), [
      `Deleted record | ${id('Gamma Labs')} | Removed | Object merge`,
      `Delta Motors | ${id('Delta Motors')} | Created | Object merge`,
    ]);
    assert.deepEqual(got.slice(2), [
      `Beta Foods | ${id('Beta Foods')} | Created | Object restore`,
      `Acme Tools | ${id('Acme Tools')} | Primary set | Object deletion`,
      `Beta Foods | ${id('Beta Foods')} | Removed | Object deletion`,
      `Beta Foods | ${id('Beta Foods')} | Primary set | User Ann Tester`,
      `Acme Tools | ${id('Acme Tools')} | Primary unset | User Ann Tester`,
      ...[
        `Gamma Labs | ${id('Gamma Labs')} | Created | User Ann Tester`,
        `Beta Foods | ${id('Beta Foods')} | Created | User Ann Tester`,
        `Acme Tools | ${id('Acme Tools')} | Primary set | User Ann Tester`,
        `Acme Tools | ${id('Acme Tools')} | Created | User Ann Tester`,
      ].map((r) => r.replace(/^Gamma Labs/, 'Deleted record')),
    ]);
    await shoot(page, 'history-list');

    // Copy link on a row puts the record's fieldbook:// link on the clipboard.
    const betaRow = table.locator('tbody tr').filter({ hasText: 'Object restore' });
    await betaRow.getByRole('button', { name: 'Copy link to Beta Foods' }).click();
    await betaRow.getByRole('button', { name: 'Copied' }).waitFor();
    let copied = null;
    try {
      copied = await page.evaluate(() => navigator.clipboard.readText());
    } catch {
      // no clipboard permission in this browser: the confirmation is enough
    }
    if (copied !== null) assert.equal(copied, `fieldbook://companies/${id('Beta Foods')}`);

    // View history on Beta's row: every change of that association, newest first.
    await betaRow.getByRole('button', { name: 'View history with Beta Foods' }).click();
    const pair = page.getByRole('dialog', { name: 'Ann Lee and Beta Foods' });
    const changes = pair.getByRole('table', { name: 'Changes of this association' });
    await changes.waitFor();
    assert.deepEqual(await rows(changes), [
      'Created | Object restore',
      'Removed | Object deletion',
      'Primary set | User Ann Tester',
      'Created | User Ann Tester',
    ]);
    const times = await changes.locator('time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
    assert.deepEqual([...times].sort().reverse(), times, 'newest first');
    await shoot(page, 'history-pair');
    // Escape closes the association's history, then the list.
    await page.keyboard.press('Escape');
    await pair.waitFor({ state: 'detached' });
    await dialog.waitFor();
    // Focus goes back to the row's button.
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'View history with Beta Foods', null, { timeout: 3000 });

    // The merged company's association: created by the user, removed by the merge.
    const goneRow = table.locator('tbody tr').filter({ hasText: 'Object merge' }).filter({ hasText: 'Deleted record' });
    await goneRow.getByRole('button', { name: 'View history with this record' }).click();
    const gonePair = page.getByRole('dialog', { name: 'Ann Lee and a deleted company' });
    await gonePair.getByRole('table', { name: 'Changes of this association' }).waitFor();
    assert.deepEqual(await rows(gonePair.getByRole('table')), ['Removed | Object merge', 'Created | User Ann Tester']);
    await gonePair.getByRole('button', { name: 'Back to all changes' }).click();
    await gonePair.waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.equal(
      await page.getByRole('button', { name: 'Actions', exact: true }).evaluate((el) => el === document.activeElement),
      true,
      'focus back on Actions',
    );
  });

  test('a long history pages with Load older, never cutting an operation', async () => {
    const page = await openWorkspace(browser, app);
    const deal = await records(page, 'Create', 'deals', { name: 'Big order' });
    const ids = await page.evaluate(async () => {
      const out = [];
      for (let i = 0; i < 180; i++) out.push((await window.go.app.Records.Create('companies', { name: `Supplier ${String(i).padStart(3, '0')}` })).id);
      return out;
    });
    // Three operations of 60 associations each: a page of 100 changes
    // reaches into the second and ends with it, whole.
    for (let i = 0; i < 180; i += 60) await assoc(page, 'Associate', edit(deal.id, ids.slice(i, i + 60)));
    await open(page, app, `#/deals/${deal.id}`);
    await page.getByRole('heading', { level: 1, name: 'Big order' }).waitFor();
    await page.getByRole('button', { name: 'Actions', exact: true }).click();
    await page.getByRole('menuitem', { name: 'View association history' }).click();
    const dialog = page.getByRole('dialog', { name: 'Association history' });
    const table = dialog.getByRole('table', { name: 'Association history' });
    await table.waitFor();
    assert.equal(await table.locator('tbody tr').count(), 120, 'the two newer operations, whole');
    await dialog.getByRole('button', { name: 'Load older' }).click();
    await table.locator('tbody tr').nth(179).waitFor();
    const names = await table.locator('tbody tr td:first-child a').allTextContents();
    assert.equal(names.length, 180);
    assert.equal(new Set(names).size, 180, 'every association once');
    assert.equal(names[0], 'Supplier 179', 'newest first');
    await dialog.getByRole('button', { name: 'Load older' }).waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });
});
