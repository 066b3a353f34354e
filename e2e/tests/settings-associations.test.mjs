// Settings → Associations through the real UI and the real Go bindings:
// defining a custom object's pair (which then lets its records be
// associated), a paired label added with the keyboard only, renaming a label
// and deleting one that associations carry, and a limit that records already
// over it keep while new associations above it are refused. Screenshots go to
// FIELDBOOK_SHOTS_DIR as settings-assoc-*.png (one of them also in dark).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, openWorkspace, session } from '../lib/harness.mjs';

const shots = process.env.FIELDBOOK_SHOTS_DIR || '/tmp';
const create = (page, object, props) => page.evaluate(([o, p]) => window.go.app.Records.Create(o, p), [object, props]);
const go = (page, method, ...args) => page.evaluate(([m, a]) => window.go.app.Associations[m](...a), [method, args]);

// refusal calls a binding that must fail and returns its {code, message,
// field}: Wails rejects with the Go ErrorFormatter's JSON string (wrapped in
// an Error by its runtime). A call that succeeds fails the test.
async function refusal(page, method, ...args) {
  const out = await page.evaluate(
    ([m, a]) =>
      window.go.app.Associations[m](...a).then(
        (value) => ({ ok: true, value }),
        (e) => ({ ok: false, text: e instanceof Error ? e.message : typeof e === 'string' ? e : JSON.stringify(e) }),
      ),
    [method, args],
  );
  assert.equal(out.ok, false, `${method} should have been refused, it returned ${JSON.stringify(out.value)}`);
  return JSON.parse(out.text);
}

// pairWith finds, among an object's pairs, the one with the other object.
async function pairWith(page, object, other) {
  const pairs = await go(page, 'Pairs', object);
  const key = [object, other].sort().join('|');
  const p = pairs.find((x) => (x.a === object && x.b === other) || (x.a === other && x.b === object));
  assert.ok(p, `no pair ${key} among ${pairs.map((x) => x.key).join(', ')}`);
  return p;
}

// labelsOn lists the label names a record's associations with one object
// carry, as "other record: label, label".
async function labelsOn(page, record, object) {
  const groups = await go(page, 'Summary', record, 50);
  const g = groups.find((x) => x.object === object);
  return (g?.items ?? []).map((i) => `${i.name}: ${(i.labels ?? []).map((l) => l.name).join(', ')}`).sort();
}

async function openSettings(page, app, plural) {
  // A full load, so the objects created through the bindings are listed.
  await page.goto(app.url + '#/settings/associations');
  await page.reload();
  await page.waitForFunction(() => window.go?.app?.Associations);
  const panel = page.getByRole('tabpanel', { name: 'Associations' });
  const item = panel.getByRole('button', { name: plural, exact: true });
  await item.click();
  assert.equal(await item.getAttribute('aria-pressed'), 'true', `${plural} is the selected object`);
  await panel.getByRole('heading', { level: 2, name: plural, exact: true }).waitFor();
  return panel;
}

const isFocused = (locator) => locator.evaluate((el) => el === document.activeElement);

// windowScrolls says whether the window itself (sidebar and top bar with it)
// can scroll: only the content area should. Hidden text placed outside the
// content area would make the window taller than the viewport.
const windowScrolls = (page) => page.evaluate(() => document.scrollingElement.scrollHeight > document.scrollingElement.clientHeight);

describe('settings: associations', () => {
  let env, browser, app;

  before(async () => {
    env = await session();
    ({ browser } = env);
    app = await env.launch();
  });

  after(() => env?.close());

  test("a custom object's pair with companies is defined from its settings, then its records can be associated", async () => {
    const page = await openWorkspace(browser, app, { colorScheme: 'light' });
    const project = await page.evaluate(() => window.go.app.Schema.CreateObject({ singular: 'Project', plural: 'Projects' }));
    assert.match(project.id, /^c_/);
    const voyager = await create(page, project.id, { name: 'Voyager' });
    const acme = await create(page, 'companies', { name: 'Acme Tools' });
    assert.equal((await pairWith(page, project.id, 'companies')).defined, false, 'a new object starts with no pairs defined');
    const before = await refusal(page, 'Associate', { record: voyager.id, targets: [acme.id], labels: [], primary: '', newPrimary: {} });
    assert.equal(before.code, 'not_defined');

    const panel = await openSettings(page, app, 'Projects');
    const card = panel.getByRole('region', { name: 'Projects ↔ Companies', exact: true });
    await card.getByText('Not defined yet', { exact: true }).waitFor();
    await card.getByText('Records of projects and companies cannot be associated until this association is defined.', { exact: false }).waitFor();
    // Every pair of a custom object starts undefined, its pair with itself too.
    assert.equal(await panel.getByRole('region', { name: 'Projects ↔ Projects', exact: true }).getByText('Not defined yet').count(), 1);
    assert.equal(await windowScrolls(page), false, 'only the content area scrolls, not the window');
    await page.screenshot({ path: `${shots}/settings-assoc-undefined.png` });

    await card.getByRole('button', { name: 'Define association Projects ↔ Companies' }).click();
    const addLabel = card.getByRole('button', { name: 'Add label to Projects ↔ Companies' });
    await addLabel.waitFor();
    assert.equal(await card.getByText('Not defined yet').count(), 0);
    // A pair with Companies comes with the built-in Primary label, locked.
    const primary = card.getByRole('table', { name: 'Labels' }).getByRole('row', { name: /Primary/ });
    await primary.waitFor();
    assert.match(await primary.textContent(), /Built-in.*Marks the company that is the project's primary one\..*Not editable/);
    assert.equal(await primary.getByRole('button').count(), 0, 'the built-in label cannot be renamed or deleted');
    await page.waitForFunction(() => document.activeElement?.textContent?.includes('Add label to Projects ↔ Companies'));
    assert.equal(await isFocused(addLabel), true, 'the focus moves to the new pair’s Add label button');
    // Both directions of limits, with none set yet.
    await card.getByRole('group', { name: 'Each project' }).getByText('No limit: each project can have any number of companies.').waitFor();
    await card.getByRole('group', { name: 'Each company' }).getByText('No limit: each company can have any number of projects.').waitFor();
    // The other pairs of Projects are untouched.
    assert.equal(await panel.getByRole('region', { name: 'Projects ↔ Deals', exact: true }).getByText('Not defined yet').count(), 1);

    const defined = await pairWith(page, project.id, 'companies');
    assert.equal(defined.defined, true);
    assert.deepEqual(
      defined.labels.map((l) => [l.kind, l.from, l.to, l.name, l.builtIn]),
      [['primary', project.id, 'companies', 'Primary', true]],
    );
    assert.equal((await pairWith(page, project.id, 'deals')).defined, false, 'only the chosen pair is defined');

    const result = await go(page, 'Associate', { record: voyager.id, targets: [acme.id], labels: [], primary: '', newPrimary: {} });
    assert.equal(result.changed, 1);
    assert.deepEqual(await labelsOn(page, voyager.id, 'companies'), ['Acme Tools: ']);
    assert.deepEqual(await labelsOn(page, acme.id, project.id), ['Voyager: ']);
    await page.close();
  });

  test('a paired label on Contacts ↔ Contacts is added with the keyboard only', async () => {
    const page = await openWorkspace(browser, app, { colorScheme: 'light' });
    const names = async () => (await go(page, 'Options', 'contacts', 'contacts')).map((o) => o.name).sort();
    assert.deepEqual(await names(), [], 'no contact-to-contact labels yet');
    const panel = await openSettings(page, app, 'Contacts');
    const card = panel.getByRole('region', { name: 'Contacts ↔ Contacts', exact: true });
    const addLabel = card.getByRole('button', { name: 'Add label to Contacts ↔ Contacts' });
    await addLabel.focus();
    await page.keyboard.press('Enter');

    const dialog = page.getByRole('dialog', { name: 'Add label to Contacts ↔ Contacts' });
    await dialog.waitFor();
    const single = dialog.getByRole('radio', { name: 'Single' });
    const paired = dialog.getByRole('radio', { name: 'Paired' });
    assert.equal(await single.isChecked(), true, 'a new label starts as Single');
    assert.equal(await isFocused(single), true, 'the checked kind has the focus');
    assert.equal(await dialog.getByLabel('Inverse name').count(), 0, 'a single label has no inverse name');
    await page.keyboard.press('ArrowDown'); // Single → Paired
    assert.equal(await paired.isChecked(), true);
    // A pair of one object has no "Read from": the next stop is the name.
    await dialog.getByLabel('Inverse name').waitFor();
    assert.equal(await dialog.getByLabel('Read from').count(), 0);
    await page.keyboard.press('Tab');
    assert.equal(await isFocused(dialog.getByLabel('Name', { exact: true })), true, 'Tab goes from the kinds to the name');
    await page.keyboard.type('Manager');
    await page.keyboard.press('Tab');
    assert.equal(await isFocused(dialog.getByLabel('Inverse name')), true);
    await page.keyboard.type('Employee');
    await dialog.getByText('The other way round, like “Employee”.').waitFor();
    await page.screenshot({ path: `${shots}/settings-assoc-label-dialog.png` });
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });

    const table = card.getByRole('table', { name: 'Labels' });
    const row = table.getByRole('row', { name: /Manager ↔ Employee/ });
    await row.waitFor();
    assert.match(await row.textContent(), /One contact reads “Manager”, the other “Employee”\./);
    assert.equal(await row.getByRole('cell').first().textContent(), 'Paired');
    assert.deepEqual(await names(), ['Employee', 'Manager']);
    const pair = await pairWith(page, 'contacts', 'contacts');
    assert.deepEqual(
      pair.labels.map((l) => [l.kind, l.from, l.to, l.name, l.inverse]),
      [['paired', 'contacts', 'contacts', 'Manager', 'Employee']],
    );
    await page.close();
  });

  test('a label is renamed, and deleting one carried by 2 associations takes it off both', async () => {
    const page = await openWorkspace(browser, app, { colorScheme: 'light' });
    await go(page, 'CreateLabel', 'deals', 'contacts', { kind: 'single', from: 'deals', name: 'Decision makr', inverse: '' });
    await go(page, 'CreateLabel', 'deals', 'contacts', { kind: 'single', from: 'deals', name: 'Influencer', inverse: '' });
    const labelId = (await pairWith(page, 'deals', 'contacts')).labels.find((l) => l.name === 'Decision makr').id;
    const deal = await create(page, 'deals', { name: 'Fleet renewal' });
    const cara = await create(page, 'contacts', { firstname: 'Cara', lastname: 'Diaz', email: 'cara@example.com' });
    const dan = await create(page, 'contacts', { firstname: 'Dan', lastname: 'Eng', email: 'dan@example.com' });
    const eve = await create(page, 'contacts', { firstname: 'Eve', lastname: 'Fox', email: 'eve@example.com' });
    const labels = [{ id: labelId, inverse: false }];
    await go(page, 'Associate', { record: deal.id, targets: [cara.id, dan.id], labels, primary: '', newPrimary: {} });
    await go(page, 'Associate', { record: deal.id, targets: [eve.id], labels: [], primary: '', newPrimary: {} });

    // Rename "Decision makr" → "Decision maker".
    const panel = await openSettings(page, app, 'Deals');
    const card = panel.getByRole('region', { name: 'Deals ↔ Contacts', exact: true });
    const table = card.getByRole('table', { name: 'Labels' });
    await table.getByRole('row', { name: /Decision makr/ }).waitFor();
    await card.getByRole('button', { name: 'Rename label Decision makr' }).click();
    const rename = page.getByRole('dialog', { name: 'Rename label Decision makr' });
    const name = rename.getByLabel('Name', { exact: true });
    assert.equal(await name.inputValue(), 'Decision makr');
    assert.equal(await isFocused(name), true, 'the name has the focus');
    assert.equal(await rename.getByRole('radio').count(), 0, 'the kind cannot be changed');
    await name.fill('Decision maker');
    await rename.getByRole('button', { name: 'Save' }).click();
    await rename.waitFor({ state: 'detached' });
    await table.getByRole('row', { name: /Decision maker/ }).waitFor();
    assert.equal(await table.getByRole('row', { name: /Decision makr\b/ }).count(), 0);
    assert.deepEqual(await labelsOn(page, deal.id, 'contacts'), ['Cara Diaz: Decision maker', 'Dan Eng: Decision maker', 'Eve Fox: ']);

    // Delete it: the confirmation counts the associations carrying it.
    await card.getByRole('button', { name: 'Delete label Decision maker' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Delete label “Decision maker”?' });
    await confirm.waitFor();
    assert.equal(
      (await confirm.locator('.confirm-dialog-description').textContent()).trim(),
      '“Decision maker” is on 2 associations. Deleting it removes it from all of them. The associations stay.',
    );
    await page.screenshot({ path: `${shots}/settings-assoc-delete-label.png` });
    await confirm.getByRole('button', { name: 'Delete label' }).click();
    await confirm.waitFor({ state: 'detached' });
    await table.getByRole('row', { name: /Decision maker/ }).waitFor({ state: 'detached' });
    await table.getByRole('row', { name: /Influencer/ }).waitFor();
    await page.waitForFunction(() => document.activeElement?.textContent?.includes('Add label to Deals ↔ Contacts'));

    assert.deepEqual(await labelsOn(page, deal.id, 'contacts'), ['Cara Diaz: ', 'Dan Eng: ', 'Eve Fox: '], 'the associations stay, without the label');
    assert.deepEqual(await labelsOn(page, cara.id, 'deals'), ['Fleet renewal: '], 'the other side lost it too');
    assert.deepEqual(
      (await pairWith(page, 'deals', 'contacts')).labels.map((l) => l.name),
      ['Influencer'],
    );
    assert.equal(await go(page, 'LabelUsage', 'deals', 'contacts', labelId), 0);
    await page.close();
  });

  test('a limit of 1 company per deal: the deal over it is counted, a new one above it refused, then it is removed', async () => {
    const page = await openWorkspace(browser, app, { colorScheme: 'light' });
    const big = await create(page, 'deals', { name: 'Big merger' });
    const small = await create(page, 'deals', { name: 'Small order' });
    const cos = [];
    for (const name of ['North Co', 'South Co', 'West Co']) cos.push(await create(page, 'companies', { name }));
    const associate = (record, targets) => go(page, 'Associate', { record, targets, labels: [], primary: '', newPrimary: {} });
    await associate(big.id, [cos[0].id, cos[1].id]);
    await associate(small.id, [cos[0].id]);

    const panel = await openSettings(page, app, 'Deals');
    const card = panel.getByRole('region', { name: 'Deals ↔ Companies', exact: true });
    const eachDeal = card.getByRole('group', { name: 'Each deal' });
    const eachCompany = card.getByRole('group', { name: 'Each company' });
    await eachDeal.getByText('No limit: each deal can have any number of companies.').waitFor();

    // An invalid number is refused in place, nothing is saved.
    const max = eachDeal.getByRole('spinbutton', { name: 'Most companies per deal' });
    await max.fill('0');
    await eachDeal.getByRole('button', { name: 'Set limit' }).click();
    await eachDeal.getByText('Enter a whole number from 1 to 1,000,000.').waitFor();
    assert.equal(await max.getAttribute('aria-invalid'), 'true');
    assert.deepEqual((await pairWith(page, 'deals', 'companies')).limits ?? [], []);

    await max.fill('1');
    assert.equal(await eachDeal.getByRole('combobox', { name: 'Which companies count' }).inputValue(), '0:false', 'all associations count');
    await eachDeal.getByRole('button', { name: 'Set limit' }).click();
    const item = eachDeal.getByRole('listitem').filter({ hasText: 'Each deal can have at most 1 company' });
    await item.waitFor();
    await item.getByText('1 deal already has more; it keeps its associations').waitFor();
    assert.equal(await max.inputValue(), '', 'the number is cleared once saved');
    assert.equal(await max.getAttribute('aria-invalid'), null);
    // The limit is one way: companies still have none.
    await eachCompany.getByText('No limit: each company can have any number of deals.').waitFor();
    assert.deepEqual((await pairWith(page, 'deals', 'companies')).limits, [{ from: 'deals', label: 0, inverse: false, max: 1 }]);
    assert.equal(await go(page, 'Exceeding', 'deals', 'companies', { from: 'deals', label: 0, inverse: false, max: 1 }), 1);
    await card.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    assert.equal(await windowScrolls(page), false, 'only the content area scrolls, not the window');
    assert.equal(await page.evaluate(() => document.scrollingElement.scrollTop), 0, 'the top bar and sidebar stay in view');
    await page.screenshot({ path: `${shots}/settings-assoc-limit.png` });

    // The same page in dark.
    const dark = await openPage(browser, app, { colorScheme: 'dark' });
    const darkPanel = await openSettings(dark, app, 'Deals');
    await dark.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    const darkCard = darkPanel.getByRole('region', { name: 'Deals ↔ Companies', exact: true });
    await darkCard.getByText('1 deal already has more; it keeps its associations').waitFor();
    await darkCard.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await dark.waitForTimeout(300);
    await dark.screenshot({ path: `${shots}/settings-assoc-limit-dark.png` });
    await dark.close();

    // A deal that already has one company cannot get another.
    const refused = await refusal(page, 'Associate', { record: small.id, targets: [cos[2].id], labels: [], primary: '', newPrimary: {} });
    assert.equal(refused.code, 'limit_reached');
    assert.equal(refused.field, 'targets');
    assert.match(refused.message, /at most 1 company/);
    assert.deepEqual(await labelsOn(page, small.id, 'companies'), ['North Co: '], 'nothing was associated');
    assert.deepEqual(await labelsOn(page, big.id, 'companies'), ['North Co: ', 'South Co: '], 'the deal over the limit keeps both');

    // Remove the limit: the focus goes to the number, and association works again.
    await item.getByRole('button', { name: 'Remove limit: Each deal can have at most 1 company' }).click();
    await eachDeal.getByText('No limit: each deal can have any number of companies.').waitFor();
    assert.equal(await item.count(), 0);
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Most companies per deal');
    assert.deepEqual((await pairWith(page, 'deals', 'companies')).limits ?? [], []);
    assert.equal((await associate(small.id, [cos[2].id])).changed, 1);
    assert.deepEqual(await labelsOn(page, small.id, 'companies'), ['North Co: ', 'West Co: ']);
    await page.close();
  });
});
