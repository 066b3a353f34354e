// The duplicate finder through the real Go bindings: in a fresh data folder,
// two contacts named Anna Berg with the same email in different case are
// listed in Settings → Data quality → Contacts as a pair with the reason
// "Same email"; "Not a duplicate" takes the pair away, and searching again
// does not list it. Then two companies with the same domain are found from
// the Companies page's "Find duplicates" and merged there, leaving one.
// axe checks the list in light and dark; screenshots go to
// FIELDBOOK_SHOTS_DIR.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { seriousViolations } from '../lib/axe.mjs';
import { openWorkspace, session } from '../lib/harness.mjs';

const shots = process.env.FIELDBOOK_SHOTS_DIR || '/tmp';

const list = (page, object) =>
  page.evaluate((o) => window.go.app.Records.List({ object: o, sort: '', desc: false, search: '', filters: [], offset: 0, limit: 50 }), object);

// shoot saves the page in light and dark, checking each with axe.
async function shoot(page, name) {
  for (const scheme of ['dark', 'light']) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForFunction((s) => document.documentElement.dataset.theme === s, scheme);
    await page.screenshot({ path: `${shots}/${name}${scheme === 'dark' ? '-dark' : ''}.png`, fullPage: true });
    assert.deepEqual(await seriousViolations(page), [], `${name}, ${scheme}`);
  }
}

describe('duplicates', () => {
  let env, browser, app;

  before(async () => {
    env = await session();
    ({ browser } = env);
    app = await env.launch();
  });

  after(() => env?.close());

  test('two Anna Bergs with one email are a pair until marked not a duplicate', async () => {
    const page = await openWorkspace(browser, app);
    await page.evaluate(async () => {
      await window.go.app.Records.Create('contacts', { firstname: 'Anna', lastname: 'Berg', email: 'anna.berg@fjord.example', jobtitle: 'Buyer' });
      await window.go.app.Records.Create('contacts', { firstname: 'Anna', lastname: 'Berg', email: 'Anna.Berg@FJORD.example' });
    });

    await page.goto(`${app.url}#/settings`);
    await page.getByRole('tab', { name: 'Data quality' }).click();
    await page.getByRole('radio', { name: 'Contacts' }).check();
    const pairs = page.getByRole('list', { name: 'Likely duplicate contacts' });
    const pair = pairs.getByRole('listitem', { name: 'Anna Berg and Anna Berg' });
    await pair.waitFor();
    await page.getByText('1 likely duplicate pair', { exact: true }).waitFor();
    const reasons = await pair.getByRole('list', { name: 'Why they look alike' }).getByRole('listitem').allInnerTexts();
    assert.ok(reasons.includes('Same email'), reasons.join(', '));
    assert.equal(await pair.getByRole('link', { name: 'Anna Berg' }).count(), 2);
    // The two emails as stored (the domain lower-cased), side by side.
    await pair.getByText('anna.berg@fjord.example', { exact: true }).waitFor();
    await pair.getByText('Anna.Berg@fjord.example', { exact: true }).waitFor();
    await shoot(page, 'duplicates-contacts');

    await pair.getByRole('button', { name: 'Not a duplicate' }).click();
    await page.getByRole('status').filter({ hasText: 'Anna Berg and Anna Berg are marked as not duplicates.' }).waitFor();
    await pair.waitFor({ state: 'detached' });

    // Searching again: the pair is remembered as not a duplicate.
    await page.getByRole('button', { name: 'Search again' }).click();
    await page.getByRole('heading', { name: 'No likely duplicates among 2 contacts' }).waitFor();
    assert.equal(await page.getByRole('listitem', { name: 'Anna Berg and Anna Berg' }).count(), 0);
    assert.deepEqual(await page.evaluate(() => window.go.app.Duplicates.Find('contacts')), []);
    await page.close();
  });

  test('two companies with one domain, found from the Companies page and merged', async () => {
    const page = await openWorkspace(browser, app);
    await page.evaluate(async () => {
      await window.go.app.Records.Create('companies', { name: 'Fjord Tools', domain: 'fjordtools.example', city: 'Bergen' });
      await window.go.app.Records.Create('companies', { name: 'Fjord Tools AS', domain: 'FjordTools.example' });
    });
    await page.goto(`${app.url}#/companies`);
    await page.getByRole('button', { name: 'Find duplicates' }).click();
    await page.getByRole('heading', { name: 'Duplicate companies' }).waitFor();
    const pair = page.getByRole('listitem', { name: 'Fjord Tools and Fjord Tools AS' });
    await pair.waitFor();
    await pair.getByText('Same domain').waitFor();
    await shoot(page, 'duplicates-companies');

    await pair.getByRole('button', { name: 'Merge…' }).click();
    const compare = page.getByRole('dialog', { name: 'Choose the values to keep' });
    await compare.getByText('Fjord Tools is kept and Fjord Tools AS is merged into it.', { exact: false }).waitFor();
    await compare.getByRole('button', { name: 'Merge' }).click();
    const confirm = page.getByRole('dialog', { name: 'Merge Fjord Tools AS into Fjord Tools?' });
    await confirm.getByRole('button', { name: 'Merge' }).click();
    await confirm.waitFor({ state: 'detached' });
    await pair.waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: 'Fjord Tools AS is merged into Fjord Tools.' }).waitFor();

    const left = await list(page, 'companies');
    assert.deepEqual(
      left.records.map((r) => r.displayName),
      ['Fjord Tools'],
    );
    await page.getByRole('link', { name: 'Companies' }).first().click();
    await page.getByTestId('record-count').filter({ hasText: '1 company' }).waitFor();
    await page.close();
  });
});
