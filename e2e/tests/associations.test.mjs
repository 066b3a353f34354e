// Associations on the record page through the real Go bindings: the cards,
// the add panel (add existing with the keyboard, primary and label steps,
// create new), the card menu (set as primary, remove the primary company's
// association, edit labels), a paired label seen from both sides, a limit
// refused in the panel, and both records updating without a reload.
// Screenshots of the card and of each panel step go to FIELDBOOK_SHOTS_DIR.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openWorkspace, session } from '../lib/harness.mjs';

const shots = process.env.FIELDBOOK_SHOTS_DIR || '/tmp';
const create = (page, object, props) => page.evaluate(([o, p]) => window.go.app.Records.Create(o, p), [object, props]);
const go = (page, method, ...args) => page.evaluate(([m, a]) => window.go.app.Associations[m](...a), [method, args]);

async function open(page, app, hash) {
  await page.goto(app.url + hash);
  await page.waitForFunction(() => window.go?.app?.Associations);
}

// items lists a card's records as "name [labels…]".
async function items(card) {
  return card
    .locator('.assoc-item')
    .evaluateAll((els) =>
      els.map((el) =>
        [el.querySelector('.assoc-name').textContent, ...[...el.querySelectorAll('.assoc-labels > span')].map((s) => s.textContent.trim())].join(' | '),
      ),
    );
}

describe('associations on the record page', () => {
  let env, browser, app;

  before(async () => {
    env = await session();
    ({ browser } = env);
    app = await env.launch();
  });

  after(() => env?.close());

  test('a contact with three companies: add with the keyboard, choose and replace the primary, remove it', async () => {
    const page = await openWorkspace(browser, app);
    const ann = await create(page, 'contacts', { firstname: 'Ann', lastname: 'Lee', email: 'ann@example.com' });
    for (const name of ['Acme Tools', 'Beta Foods', 'Gamma Labs', 'Delta Motors']) await create(page, 'companies', { name });
    await open(page, app, `#/contacts/${ann.id}`);
    const card = page.getByRole('region', { name: 'Companies (0)' });
    await card.waitFor();
    assert.match(await card.textContent(), /No companies yet/);

    // + Add company: the search takes focus; arrows and Enter tick records.
    await card.getByRole('button', { name: 'Add company' }).click();
    const panel = page.getByRole('dialog', { name: 'Add companies' });
    const search = panel.getByRole('combobox', { name: 'Search companies' });
    await search.waitFor();
    assert.equal(await search.evaluate((el) => el === document.activeElement), true, 'the search takes focus');
    // Create new and back: the cursor is in the search box again.
    await panel.getByRole('tab', { name: 'Create new' }).click();
    await panel.getByRole('tab', { name: 'Add existing' }).click();
    await search.waitFor();
    assert.equal(await search.evaluate((el) => el === document.activeElement), true, 'Add existing puts the cursor in its search');
    await panel.getByRole('option', { name: /Acme Tools/ }).waitFor();
    await search.press('Enter'); // Acme Tools (first by name)
    await search.press('ArrowDown');
    await search.press('Enter'); // Beta Foods
    await search.fill('gam');
    await panel.locator('[role="listbox"][aria-busy="false"]').waitFor();
    await panel.getByRole('option', { name: /Gamma Labs/ }).waitFor();
    await search.press('Enter'); // Gamma Labs
    await panel.getByText('3 selected').waitFor();
    await page.screenshot({ path: `${shots}/assoc-panel-pick.png` });
    await panel.getByRole('button', { name: 'Next' }).click();

    // The primary step: a contact without companies gets the first as primary
    // unless the user picks another.
    await panel.getByRole('radio', { name: "Set Beta Foods as Ann Lee's primary company" }).click();
    await page.screenshot({ path: `${shots}/assoc-panel-primary.png` });
    await panel.getByRole('button', { name: 'Save' }).click();
    await panel.waitFor({ state: 'detached' });
    const three = page.getByRole('region', { name: 'Companies (3)' });
    await three.waitFor();
    assert.deepEqual(await items(three), ['Beta Foods | Primary', 'Gamma Labs', 'Acme Tools']);

    // Add a fourth, replacing the current primary; the old one stays.
    await three.getByRole('button', { name: 'Add company' }).click();
    await panel.getByRole('option', { name: /Beta Foods.*Already associated/ }).waitFor();
    await search.fill('delta');
    await panel.getByRole('option', { name: /Delta Motors/ }).click();
    await panel.getByRole('button', { name: 'Next' }).click();
    await panel.getByRole('checkbox', { name: "Replace Beta Foods as Ann Lee's current primary" }).check();
    await panel.getByRole('button', { name: 'Save' }).click();
    const four = page.getByRole('region', { name: 'Companies (4)' });
    await four.waitFor();
    assert.deepEqual((await items(four))[0], 'Delta Motors | Primary');
    assert.ok((await items(four)).includes('Beta Foods'), 'the replaced primary stays associated');

    // Card menu → Set as primary, after saying what happens.
    await four.getByRole('button', { name: 'More actions for Gamma Labs' }).click();
    await page.getByRole('menuitem', { name: 'Set as primary' }).click();
    const confirm = page.getByRole('dialog', { name: 'Set Gamma Labs as primary?' });
    await confirm.getByText('Delta Motors stays associated, no longer as primary.', { exact: false }).waitFor();
    await confirm.getByRole('button', { name: 'Set as primary' }).click();
    await four.locator('.assoc-item').first().getByText('Gamma Labs').waitFor();
    assert.deepEqual((await items(four))[0], 'Gamma Labs | Primary');
    await page.screenshot({ path: `${shots}/assoc-card.png` });

    // Remove the primary company's association: a new primary is required.
    await four.getByRole('button', { name: 'More actions for Gamma Labs' }).click();
    await page.getByRole('menuitem', { name: 'Remove association' }).click();
    const remove = page.getByRole('dialog', { name: 'Remove association?' });
    await remove.getByText('Choose which company takes its place', { exact: false }).waitFor();
    await remove.getByRole('button', { name: 'Remove association' }).click();
    await remove.getByRole('alert').getByText('Choose the new primary company first.').waitFor();
    await remove.getByRole('radio', { name: 'Acme Tools' }).check();
    await page.screenshot({ path: `${shots}/assoc-remove-primary.png` });
    await remove.getByRole('button', { name: 'Remove association' }).click();
    const left = page.getByRole('region', { name: 'Companies (3)' });
    await left.waitFor();
    assert.deepEqual((await items(left))[0], 'Acme Tools | Primary');

    // The company's page shows Ann at once, marked as having it as primary.
    await left.getByRole('link', { name: 'Acme Tools' }).click();
    await page.getByRole('heading', { level: 1, name: 'Acme Tools' }).waitFor();
    const people = page.getByRole('region', { name: 'Contacts (1)' });
    await people.waitFor();
    assert.deepEqual(await items(people), ['Ann Lee | Primary']);

    // The history of the contact's associations tells the same story.
    const hist = await go(page, 'History', ann.id, 'companies', 50, '');
    assert.deepEqual(
      hist.slice(0, 4).map((e) => `${e.change} ${e.name}`),
      ['primary_set Acme Tools', 'removed Gamma Labs', 'primary_set Gamma Labs', 'primary_unset Delta Motors'],
    );
    assert.ok(hist.every((e) => e.source === 'User' && e.actor.name === 'Ann Tester'));
  });

  test('a paired label reads from both sides; labels are edited from the card', async () => {
    const page = await openWorkspace(browser, app);
    await go(page, 'CreateLabel', 'contacts', 'contacts', { kind: 'paired', from: 'contacts', name: 'Manager', inverse: 'Employee' });
    const ann = await create(page, 'contacts', { firstname: 'Ann', lastname: 'Boss', email: 'boss@example.com' });
    await create(page, 'contacts', { firstname: 'Bob', lastname: 'Worker', email: 'bob@example.com' });
    await open(page, app, `#/contacts/${ann.id}`);
    const card = page.getByRole('region', { name: 'Contacts (0)' });
    await card.getByRole('button', { name: 'Add contact' }).click();
    const panel = page.getByRole('dialog', { name: 'Add contacts' });
    await panel.getByRole('combobox').fill('bob');
    await panel.locator('[role="listbox"][aria-busy="false"]').waitFor();
    await panel.getByRole('option', { name: /Bob Worker/ }).waitFor();
    await panel.getByRole('combobox').press('Enter');
    await panel.getByRole('button', { name: 'Next' }).click();
    // From Ann's side: Bob is her "Employee" (inverse) or her "Manager".
    await panel.getByRole('checkbox', { name: 'Employee' }).check();
    await page.screenshot({ path: `${shots}/assoc-panel-labels.png` });
    await panel.getByRole('button', { name: 'Save' }).click();
    const one = page.getByRole('region', { name: 'Contacts (1)' });
    await one.waitFor();
    assert.deepEqual(await items(one), ['Bob Worker | Employee']);

    await one.getByRole('link', { name: 'Bob Worker' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bob Worker' }).waitFor();
    const back = page.getByRole('region', { name: 'Contacts (1)' });
    await back.waitFor();
    assert.deepEqual(await items(back), ['Ann Boss | Manager'], 'the other side reads the other name');

    // Edit association labels: add a new label from the dialog, drop Manager.
    await back.getByRole('button', { name: 'More actions for Ann Boss' }).click();
    await page.getByRole('menuitem', { name: 'Edit association labels' }).click();
    const labels = page.getByRole('dialog', { name: 'Labels of Ann Boss' });
    await labels.getByRole('textbox', { name: 'New label' }).fill('Mentor');
    await labels.getByRole('button', { name: 'Add label' }).click();
    await labels.getByRole('checkbox', { name: 'Mentor' }).waitFor();
    assert.equal(await labels.getByRole('checkbox', { name: 'Mentor' }).isChecked(), true);
    await labels.getByRole('checkbox', { name: 'Manager' }).uncheck();
    await page.screenshot({ path: `${shots}/assoc-labels-dialog.png` });
    await labels.getByRole('button', { name: 'Save labels' }).click();
    await labels.waitFor({ state: 'detached' });
    await back.getByText('Mentor').waitFor();
    assert.deepEqual(await items(back), ['Ann Boss | Mentor']);
  });

  test('a limit is refused in the panel with what was chosen kept; create new associates in one step', async () => {
    const page = await openWorkspace(browser, app);
    await go(page, 'SetLimit', 'deals', 'companies', { from: 'deals', label: 0, inverse: false, max: 1 });
    const deal = await create(page, 'deals', { name: 'Big order' });
    const first = await create(page, 'companies', { name: 'First Co' });
    await create(page, 'companies', { name: 'Second Co' });
    await go(page, 'Associate', { record: deal.id, targets: [first.id], labels: [], primary: '', newPrimary: {} });
    await open(page, app, `#/deals/${deal.id}`);
    const card = page.getByRole('region', { name: 'Companies (1)' });
    await card.getByRole('button', { name: 'Add company' }).click();
    const panel = page.getByRole('dialog', { name: 'Add companies' });
    await panel.getByRole('combobox').fill('second');
    await panel.locator('[role="listbox"][aria-busy="false"]').waitFor();
    await panel.getByRole('option', { name: /Second Co/ }).waitFor();
    await panel.getByRole('combobox').press('Enter');
    await panel.getByRole('button', { name: 'Next' }).click();
    await panel.getByRole('button', { name: 'Save' }).click();
    const alert = panel.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.textContent(), /at most 1 company/);
    assert.doesNotMatch(await alert.textContent(), /limit_reached/);
    await page.screenshot({ path: `${shots}/assoc-limit.png` });
    await panel.getByRole('button', { name: 'Back' }).click();
    await panel.getByText('1 selected').waitFor();

    // Escape closes the panel; Create new makes a contact and associates it.
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    await page.getByRole('region', { name: 'Contacts (0)' }).getByRole('button', { name: 'Add contact' }).click();
    const contacts = page.getByRole('dialog', { name: 'Add contacts' });
    await contacts.getByRole('tab', { name: 'Create new' }).click();
    await contacts.getByLabel('First name').fill('Cara');
    await contacts.getByLabel('Last name').fill('New');
    await page.screenshot({ path: `${shots}/assoc-panel-create.png` });
    await contacts.getByRole('button', { name: 'Create', exact: true }).click();
    await contacts.waitFor({ state: 'detached' });
    const people = page.getByRole('region', { name: 'Contacts (1)' });
    await people.waitFor();
    assert.deepEqual(await items(people), ['Cara New']);
  });
});
