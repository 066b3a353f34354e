// Companies by domain through the real Go bindings: in a fresh data folder
// with the sample data, a new contact whose email is at a sample company's
// domain is first offered that company on its Companies card; then
// Settings → Companies turns the automation on and applies it to the
// existing contacts; the contact's card shows the company and its
// association history the source "Auto association by domain". Screenshots
// of the settings page (light and dark) go to FIELDBOOK_SHOTS_DIR.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { seriousViolations } from '../lib/axe.mjs';
import { openWorkspace, session } from '../lib/harness.mjs';

const shots = process.env.FIELDBOOK_SHOTS_DIR || '/tmp';

async function open(page, app, hash) {
  await page.goto(app.url + hash);
  await page.waitForFunction(() => window.go?.app?.Records);
}

// shoot saves the page in light and dark.
async function shoot(page, name) {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
  await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  await page.screenshot({ path: `${shots}/${name}-dark.png`, fullPage: true });
  assert.deepEqual(await seriousViolations(page), [], `${name}, dark`);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
  assert.deepEqual(await seriousViolations(page), [], `${name}, light`);
}

describe('companies by domain', () => {
  let env, browser, app;

  before(async () => {
    env = await session();
    ({ browser } = env);
    app = await env.launch();
  });

  after(() => env?.close());

  test('a suggestion, then the automation applied to existing contacts, read back on the card and in the history', async () => {
    const page = await openWorkspace(browser, app);
    await page.evaluate(() => window.go.app.Records.LoadSampleData());

    // A sample company's domain, read from the companies index.
    const companies = await page.evaluate(() =>
      window.go.app.Records.List({ object: 'companies', sort: '', desc: false, search: '', filters: [], offset: 0, limit: 20 }),
    );
    const domain = companies.records.map((c) => c.props.domain).find((d) => typeof d === 'string' && d.endsWith('.example'));
    assert.ok(domain, 'a sample company has a domain');
    const contact = await page.evaluate(
      (email) => window.go.app.Records.Create('contacts', { firstname: 'Zoe', lastname: 'Quill', email }),
      `zoe.quill@${domain.toUpperCase()}`,
    );
    // The oldest live company with that domain is the one chosen.
    const suggested = await page.evaluate((id) => window.go.app.Companies.Suggestion(id), contact.id);
    assert.ok(suggested, 'the automation is off: the company is suggested');
    assert.equal(suggested.domain, domain);
    const company = suggested.company.displayName;

    // With the automation off, the contact's card suggests the company.
    await open(page, app, `#/contacts/${contact.id}`);
    await page.getByRole('heading', { level: 1, name: 'Zoe Quill' }).waitFor();
    const card = page.getByRole('region', { name: /^Companies/ });
    const suggestion = card.getByRole('group', { name: 'Suggested company' });
    await suggestion.getByText(`Associate with ${company}?`).waitFor();
    await card.screenshot({ path: `${shots}/companies-suggestion.png` });

    // Settings → Companies: on, and applied to the existing contacts.
    await open(page, app, '#/settings/companies');
    const toggle = page.getByRole('switch', { name: 'Create and associate companies with contacts' });
    await toggle.waitFor();
    assert.equal(await toggle.getAttribute('aria-checked'), 'false', 'off by default');
    await page.getByText(/[\d,]+ domains come with Fieldbook\./).waitFor();
    await shoot(page, 'settings-companies');
    await toggle.click();
    const dialog = page.getByRole('dialog', { name: 'Apply to your existing contacts too?' });
    await dialog.waitFor();
    await page.screenshot({ path: `${shots}/settings-companies-dialog.png` });
    await dialog.getByRole('button', { name: 'Apply to existing contacts' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await toggle.getAttribute('aria-checked'), 'true');
    const result = page.getByRole('status').filter({ hasText: /Applied to [\d,]+ existing contacts/ });
    await result.waitFor({ timeout: 60_000 });
    const text = await result.innerText();
    assert.match(text, /[\d,]+ contacts? associated with existing companies/);
    assert.match(text, /[\d,]+ (company|companies) created/);
    assert.match(text, /[\d,]+ contacts? skipped/);
    await shoot(page, 'settings-companies-applied');

    // The contact has the company now, and no suggestion.
    await open(page, app, `#/contacts/${contact.id}`);
    await page.getByRole('heading', { level: 1, name: 'Zoe Quill' }).waitFor();
    await card.getByRole('list', { name: 'Associated companies' }).getByRole('link', { name: company }).waitFor();
    assert.equal(await card.getByRole('group', { name: 'Suggested company' }).count(), 0);

    // Its association history names the source.
    await page.getByRole('button', { name: 'Actions', exact: true }).click();
    await page.getByRole('menuitem', { name: 'View association history' }).click();
    const history = page.getByRole('dialog', { name: 'Association history' });
    const table = history.getByRole('table', { name: 'Association history' });
    await table.waitFor();
    await history.getByRole('combobox', { name: 'Associated with' }).selectOption({ label: 'Companies' });
    const row = table.locator('tbody tr').filter({ hasText: company }).first();
    await row.waitFor();
    assert.match(await row.innerText(), /Auto association by domain/);
  });
});
