// First launch, Settings → Objects and properties, and the Ctrl/Cmd+K
// typeahead, all through the real UI and the real Go bindings.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, session, stopApps } from '../lib/harness.mjs';

const shots = process.env.FIELDBOOK_SHOTS_DIR || '/tmp';
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('profile, objects settings and search', () => {
  let env, browser;

  before(async () => {
    env = await session();
    ({ browser } = env);
  });

  afterEach(stopApps);

  after(() => env?.close());

  test('a newcomer names themself, shapes the schema and finds records with Ctrl+K', async () => {
    const app = await env.launch();
    const page = await openPage(browser, app);
    const schema = () => page.evaluate(() => window.go.app.Schema.Objects());

    // First launch: the welcome screen instead of the workspace.
    await page.getByRole('heading', { name: 'Welcome to Fieldbook' }).waitFor();
    await page.getByText("What's your name? It is shown on the changes you make.").waitFor();
    assert.equal(await page.getByRole('navigation', { name: 'Main' }).count(), 0);
    const name = page.getByLabel('Your name');
    assert.equal(await name.evaluate((el) => el === document.activeElement), true, 'the name field has the focus');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('alert').getByText('Enter your name: it is shown on the changes you make.').waitFor();
    assert.equal(await name.getAttribute('aria-invalid'), 'true');
    await page.screenshot({ path: `${shots}/set-welcome.png` });
    await name.fill('Ann Tester');
    await name.press('Enter');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Contacts' }).waitFor();
    const profile = await page.evaluate(() => window.go.app.Settings.Profile());
    assert.equal(profile.name, 'Ann Tester');
    assert.equal(profile.set, true);
    assert.match(profile.id, uuid);

    // Settings → General shows the name and the user ID.
    await nav.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Your profile' }).waitFor();
    const general = page.getByRole('tabpanel', { name: 'General' });
    assert.equal(await general.getByLabel('Your name').inputValue(), 'Ann Tester');
    assert.equal(await page.getByTestId('user-id').textContent(), profile.id);
    await page.screenshot({ path: `${shots}/set-profile.png` });

    // Settings → Objects and properties: create "Project"/"Projects".
    await page.getByRole('tab', { name: 'Objects and properties' }).click();
    assert.match(page.url(), /#\/settings\/objects$/);
    await page.getByRole('button', { name: /Contacts Built-in/ }).waitFor();
    await page.getByRole('button', { name: 'Create object' }).click();
    let dialog = page.getByRole('dialog', { name: 'Create object' });
    await dialog.getByLabel('Singular name').fill('Project');
    await dialog.getByRole('button', { name: 'Create object' }).click();
    await dialog.getByRole('alert').getByText('Plural name is required.').waitFor();
    assert.equal(await dialog.getByLabel('Plural name').getAttribute('aria-invalid'), 'true');
    await dialog.getByLabel('Plural name').fill('Projects');
    await dialog.getByLabel('Plural name').press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await nav.getByRole('link', { name: 'Projects' }).waitFor(); // the sidebar follows
    assert.equal(await page.getByRole('button', { name: /Projects Custom/ }).getAttribute('aria-pressed'), 'true');
    await page.getByRole('heading', { name: 'Projects' }).waitFor();

    // Properties of Projects: a Number "Budget" and a Dropdown "Phase".
    const addProperty = async (label, type, options = []) => {
      await page.getByRole('button', { name: 'Add property' }).click();
      const d = page.getByRole('dialog', { name: /^Add property to / });
      await d.getByLabel('Property name').fill(label);
      await d.getByLabel('Type').selectOption({ label: type });
      for (const [i, option] of options.entries()) {
        if (i > 0) await d.getByRole('button', { name: 'Add option' }).click();
        await d.getByLabel(`Option ${i + 1}`, { exact: true }).fill(option);
      }
      if (options.length) await page.screenshot({ path: `${shots}/set-dialog.png` });
      await d.getByRole('button', { name: 'Add property' }).click();
      await d.waitFor({ state: 'detached' });
      await page.getByRole('rowheader', { name: label }).waitFor();
    };
    await addProperty('Budget', 'Number');
    await addProperty('Phase', 'Dropdown', ['Plan', 'Build', 'Ship']);
    await page.getByText('Dropdown · Plan, Build, Ship').waitFor();
    await page.screenshot({ path: `${shots}/set-objects.png` });

    // Rename "Phase" to "Stage" and drop its option "Ship".
    await page.getByRole('button', { name: 'Edit property Phase' }).click();
    dialog = page.getByRole('dialog', { name: 'Edit property Phase' });
    assert.equal(await dialog.getByLabel('Type').inputValue(), 'Dropdown');
    await dialog.getByLabel('Property name').fill('Stage');
    await dialog.getByRole('button', { name: 'Remove option Ship' }).click();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('rowheader', { name: 'Stage' }).waitFor();

    // Remove "Budget", after confirming.
    await page.getByRole('button', { name: 'Remove property Budget' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Remove Budget?' });
    await confirm.getByRole('button', { name: 'Remove property' }).click();
    await confirm.waitFor({ state: 'detached' });
    await page.getByRole('rowheader', { name: 'Budget' }).waitFor({ state: 'detached' });

    // The name property is refused by the backend, in words.
    await page.getByRole('button', { name: 'Remove property Name' }).click();
    const refuse = page.getByRole('alertdialog', { name: 'Remove Name?' });
    await refuse.getByRole('button', { name: 'Remove property' }).click();
    await refuse.getByRole('alert').getByText('Name is used as the record name and cannot be removed.').waitFor();
    await page.keyboard.press('Escape');
    await refuse.waitFor({ state: 'detached' });

    let projects = (await schema()).find((o) => o.id === 'c_projects');
    assert.ok(projects, 'the object is stored as c_projects');
    assert.equal(projects.singular, 'Project');
    assert.deepEqual(
      projects.properties.map((p) => [p.name, p.label, p.type]),
      [
        ['name', 'Name', 'text'],
        ['phase', 'Stage', 'dropdown'],
      ],
    );
    assert.deepEqual(
      projects.properties[1].options.map((o) => o.label),
      ['Plan', 'Build'],
    );

    // A record of the new object, through its own index page and create dialog.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Projects' }).click();
    await page.getByRole('heading', { name: 'No projects yet' }).waitFor();
    await page.getByRole('button', { name: 'Create project' }).first().click();
    const create = page.getByRole('dialog', { name: 'Create project' });
    await create.getByLabel('Name', { exact: true }).fill('Voyager');
    await create.getByLabel('Stage', { exact: true }).selectOption({ label: 'Build' });
    await create.getByRole('button', { name: 'Create', exact: true }).click();
    await create.waitFor({ state: 'detached' });
    const voyager = page.getByRole('table', { name: 'Projects' }).getByRole('link', { name: 'Voyager' });
    await voyager.waitFor();
    await voyager.click();
    await page.waitForURL((url) => /^#\/c_projects\/[0-9a-f-]{36}$/.test(url.hash));
    await page.getByRole('button', { name: 'Stage Build' }).waitFor();
    await page.goto(app.url + '#/settings/objects');
    await page.getByRole('button', { name: /Projects Custom/ }).waitFor();

    // A property on a built-in object: Contacts.
    await page.getByRole('button', { name: /Contacts Built-in/ }).click();
    await page.getByRole('heading', { name: 'Contacts' }).waitFor();
    await addProperty('Nickname', 'Single-line text');
    const contacts = (await schema()).find((o) => o.id === 'contacts');
    assert.deepEqual(contacts.properties.at(-1), { name: 'nickname', label: 'Nickname', type: 'text', options: null, builtIn: false });

    // Records through the real bindings.
    const apollo = await page.evaluate(() => window.go.app.Records.Create('c_projects', { name: 'Apollo' }));
    assert.equal(apollo.object, 'c_projects');
    assert.match(apollo.id, uuid);
    assert.equal(apollo.displayName, 'Apollo');
    const grace = await page.evaluate(() =>
      window.go.app.Records.Create('contacts', { firstname: 'Grace', lastname: 'Hopper', email: 'grace@navy.example' }),
    );
    assert.equal(grace.object, 'contacts');
    assert.match(grace.id, uuid);

    // Deleting Projects is refused while it has a record.
    await page.getByRole('button', { name: /Projects Custom/ }).click();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const del = page.getByRole('alertdialog', { name: 'Delete Projects?' });
    await del.getByRole('button', { name: 'Delete object' }).click();
    await del
      .getByRole('alert')
      .getByText(/Projects still has 2 records /)
      .waitFor();
    await del.getByRole('button', { name: 'Cancel' }).click();
    await del.waitFor({ state: 'detached' });

    // Projects get named by a new "Code" property: refused while a project
    // has none, then every name, order and search follows.
    await addProperty('Code', 'Single-line text');
    await page.getByRole('button', { name: 'Use Code as the name' }).click();
    const nameBy = page.getByRole('alertdialog', { name: 'Name projects by Code?' });
    await nameBy.getByRole('button', { name: 'Use Code as the name' }).click();
    await nameBy
      .getByRole('alert')
      .getByText(/^2 projects \(counting the recycle bin\) have no Code/)
      .waitFor();
    await nameBy.getByRole('button', { name: 'Cancel' }).click();
    await nameBy.waitFor({ state: 'detached' });
    const voyagerID = (await page.evaluate(() => window.go.app.Records.List({ object: 'c_projects', search: 'voyager', limit: 1 }))).records[0].id;
    await page.evaluate(
      ([a, v]) => Promise.all([window.go.app.Records.Update(a, { code: 'PRJ-2' }), window.go.app.Records.Update(v, { code: 'PRJ-1' })]),
      [apollo.id, voyagerID],
    );
    await page.getByRole('button', { name: 'Use Code as the name' }).click();
    await nameBy.getByRole('button', { name: 'Use Code as the name' }).click();
    await nameBy.waitFor({ state: 'detached' });
    await page.getByRole('rowheader', { name: /^Code\s?name$/ }).waitFor();
    assert.equal((await schema()).find((o) => o.id === 'c_projects').displayProperty, 'code');
    assert.equal((await page.evaluate((id) => window.go.app.Records.Get(id), apollo.id)).displayName, 'PRJ-2');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Projects' }).click();
    const projectsTable = page.getByRole('table', { name: 'Projects' });
    await projectsTable.getByRole('link', { name: 'PRJ-1' }).waitFor();
    await projectsTable.getByRole('link', { name: 'PRJ-2' }).waitFor();
    await page.screenshot({ path: `${shots}/set-named-by-code.png` });
    await page.goto(app.url + '#/settings/objects');
    await page.getByRole('button', { name: /Projects Custom/ }).waitFor();

    // Ctrl+K: "gra" finds Grace; ArrowDown + Enter opens her record page.
    await page.locator('body').click({ position: { x: 5, y: 780 } });
    await page.keyboard.press('Control+k');
    const search = page.getByRole('combobox', { name: 'Search Fieldbook' });
    assert.equal(await search.evaluate((el) => el === document.activeElement), true);
    await page.keyboard.type('gra');
    const results = page.getByRole('listbox', { name: 'Search results' });
    await results.getByRole('option', { name: /Grace Hopper/ }).waitFor();
    assert.match(await results.getByRole('option', { name: /Grace Hopper/ }).textContent(), /grace@navy\.example/);
    await page.keyboard.press('ArrowDown');
    const active = await search.getAttribute('aria-activedescendant');
    assert.equal(await page.locator(`[id="${active}"]`).getAttribute('aria-selected'), 'true');
    await page.screenshot({ path: `${shots}/set-search.png` });
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.hash === `#/contacts/${grace.id}`);
    assert.equal(await search.inputValue(), '');
    assert.equal(await results.count(), 0);

    // "navy" finds her by the domain of her email; "prj-2" finds the project by its code, its name now.
    await page.keyboard.press('Control+k');
    await page.keyboard.type('navy');
    await results.getByRole('option', { name: /Grace Hopper/ }).waitFor();
    await page.keyboard.press('Escape');
    assert.equal(await search.inputValue(), '');
    await page.keyboard.press('Control+k');
    await page.keyboard.type('prj-2');
    await results.getByRole('option', { name: /PRJ-2/ }).click();
    await page.waitForURL((url) => url.hash === `#/c_projects/${apollo.id}`);

    // "Show all" opens the object's index page searched for the same text.
    await page.keyboard.press('Control+k');
    await page.keyboard.type('prj-1');
    const showAll = results.getByRole('option', { name: 'Show 1 project' });
    await showAll.waitFor();
    await page.screenshot({ path: `${shots}/set-search-show-all.png` });
    await showAll.click();
    await page.waitForURL((url) => url.hash === '#/c_projects?search=prj-1');
    assert.equal(await page.getByRole('searchbox', { name: 'Search projects' }).inputValue(), 'prj-1');
    await page.getByTestId('record-count').getByText('1 project').waitFor();
    const found = page.getByRole('table', { name: 'Projects' });
    await found.getByRole('link', { name: 'PRJ-1' }).waitFor();
    assert.equal(await found.getByRole('link', { name: 'PRJ-2' }).count(), 0);
    await page.keyboard.press('Control+k');
    await page.keyboard.type('zzzz');
    await page.getByText('No records match “zzzz”.').waitFor();
    await page.keyboard.press('Escape');

    // The same screens in dark theme.
    const dark = await openPage(browser, app, { colorScheme: 'dark' });
    await dark.goto(app.url + '#/settings/objects');
    await dark.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    await dark.getByRole('button', { name: /Projects Custom/ }).click();
    await dark.getByRole('rowheader', { name: 'Stage' }).waitFor();
    await dark.keyboard.press('Control+k');
    await dark.keyboard.type('gra');
    await dark.getByRole('option', { name: /Grace Hopper/ }).waitFor();
    await dark.keyboard.press('ArrowDown');
    await dark.screenshot({ path: `${shots}/set-dark.png` });
    await dark.close();

    await page.close();
    await app.stop();
  });
});
