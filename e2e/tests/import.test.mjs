// Import and export through the real Go bindings: a CSV file with contacts,
// their companies, an association-label column and a primary-company column
// goes through the wizard (native file dialog answered by the dev binary),
// is checked (one bad row), imported, seen on the record pages' cards,
// undone from Settings → Imports and seen gone; then a view is exported.
// axe checks the mapping and check steps.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { seriousViolations } from '../lib/axe.mjs';
import { openWorkspace, session } from '../lib/harness.mjs';

const shots = process.env.FIELDBOOK_SHOTS_DIR || '/tmp';
const dir = mkdtempSync(path.join(tmpdir(), 'fieldbook-import-'));
const answer = path.join(dir, 'dialog-answer'); // the dev binary's file dialogs answer with the path in it
const csv = path.join(dir, 'people.csv');

const list = (page, object) =>
  page.evaluate((o) => window.go.app.Records.List({ object: o, sort: '', desc: false, search: '', filters: [], offset: 0, limit: 50 }), object);
const byName = async (page, object) => Object.fromEntries((await list(page, object)).records.map((r) => [r.displayName, r]));

// card lists a record's associated companies as shown: name, Primary, labels.
async function card(page, app, object, id) {
  await page.goto(`${app.url}#/${object}/${id}`);
  const items = page.getByRole('list', { name: 'Associated companies' }).locator('.assoc-item');
  await items.first().waitFor();
  return (await items.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()).sort();
}

describe('import and export', () => {
  let env, browser, app;

  before(async () => {
    writeFileSync(
      csv,
      [
        'First name,Last name,Email,Company name,Company domain,Associated company labels,Primary company',
        'Ann,Lee,ann@acme.example,Acme,acme.example,Decision maker,',
        'Bob,Ray,bob@acme.example,Acme,acme.example,,',
        'Cyd,Poe,not-an-email,Globex,globex.example,,',
        'Dee,Fox,dee@globex.example,Globex,globex.example,,Acme',
      ].join('\r\n') + '\r\n',
    );
    process.env.FIELDBOOK_DIALOG_ANSWER = answer;
    env = await session();
    ({ browser } = env);
    app = await env.launch();
  });

  after(() => env?.close());

  test('check, import, see the cards, undo', async () => {
    const page = await openWorkspace(browser, app);
    await page.evaluate(() =>
      window.go.app.Associations.CreateLabel('contacts', 'companies', { kind: 'single', from: 'contacts', name: 'Decision maker', inverse: '' }),
    );
    await page.goto(`${app.url}#/contacts`);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const wizard = page.getByRole('dialog');
    writeFileSync(answer, csv);
    await wizard.getByRole('button', { name: 'Choose file…' }).click();
    await wizard.getByRole('heading', { name: 'Import people.csv' }).waitFor();
    await wizard.getByRole('button', { name: 'Next' }).click();

    // Each row holds a contact and its company.
    await wizard.getByLabel('Each row also holds a…').selectOption('companies');
    await wizard.getByRole('button', { name: 'Add' }).click();
    await wizard.getByLabel('What to do with companies').waitFor();
    await wizard.getByRole('button', { name: 'Next' }).click();
    assert.equal(await wizard.getByLabel('Import “Email” as').inputValue(), 'property:contacts:email');
    await page.screenshot({ path: path.join(shots, 'import-map.png') });
    assert.deepEqual(await seriousViolations(page), [], 'the mapping step');
    await wizard.getByRole('button', { name: 'Check the file' }).click();

    // The check names the bad row and imports the others.
    const problems = wizard.getByRole('table', { name: 'Problems by row' });
    await problems.waitFor();
    assert.match(await problems.innerText(), /3\s+Email\s+not-an-email\s+Email must be an email address/);
    await page.screenshot({ path: path.join(shots, 'import-check.png') });
    assert.deepEqual(await seriousViolations(page), [], 'the check step');
    await wizard.getByRole('button', { name: 'Import the 3 rows without problems' }).click();
    await wizard.getByRole('button', { name: 'View in Settings → Imports' }).waitFor({ timeout: 30000 });
    await page.screenshot({ path: path.join(shots, 'import-done.png') });
    await wizard.getByRole('button', { name: 'Close', exact: true }).last().click();

    const contacts = await byName(page, 'contacts');
    assert.deepEqual(Object.keys(contacts).sort(), ['Ann Lee', 'Bob Ray', 'Dee Fox']);
    assert.deepEqual(await card(page, app, 'contacts', contacts['Ann Lee'].id), ['Acme Primary Decision maker']);
    assert.deepEqual(await card(page, app, 'contacts', contacts['Dee Fox'].id), ['Acme Primary', 'Globex']);
    await page.screenshot({ path: path.join(shots, 'import-card.png') });

    // Undo from Settings → Imports.
    await page.goto(`${app.url}#/settings/imports`);
    const row = page.getByRole('row', { name: /people\.csv/ });
    await row.getByText(/^done$/i).waitFor();
    await row.getByRole('button', { name: /Undo import/ }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Undo the import of people.csv' });
    await confirm.getByRole('button', { name: 'Undo import' }).click();
    await page.getByRole('dialog', { name: 'Undo the import of people.csv' }).getByText('The import is undone.').waitFor({ timeout: 30000 });
    await page.screenshot({ path: path.join(shots, 'import-undone.png') });
    assert.equal((await list(page, 'contacts')).total, 0);
    assert.equal((await list(page, 'companies')).total, 0);
    await page.keyboard.press('Escape');
    await row.getByText(/^undone$/i).waitFor();
    await page.goto(`${app.url}#/contacts`);
    await page.getByText('Ann Lee').waitFor({ state: 'detached' });
    await page.close();
  });

  test('export a view to CSV', async () => {
    const page = await openWorkspace(browser, app);
    await page.evaluate(async () => {
      const acme = await window.go.app.Records.Create('companies', { name: 'Initech', domain: 'initech.example' });
      const c = await window.go.app.Records.Create('contacts', { firstname: '=SUM(A1)', email: 'x@initech.example' });
      await window.go.app.Associations.Associate({ record: c.id, targets: [acme.id], labels: [], primary: '', newPrimary: {} });
    });
    await page.goto(`${app.url}#/contacts`);
    const out = path.join(dir, 'contacts.csv');
    writeFileSync(answer, out);
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Export…' }).click();
    await dialog.getByText(/Exported 1 row /).waitFor();
    const text = readFileSync(out, 'utf8');
    assert.ok(text.startsWith('\ufeffRecord ID,'), text.slice(0, 40));
    assert.match(text, /'=SUM\(A1\)/, 'a formula-like name is escaped');
    await page.close();
  });
});
