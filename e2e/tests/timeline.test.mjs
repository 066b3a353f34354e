// The activity timeline through the real Go bindings: log a call on a
// contact with a primary company and deals (the pre-ticked records are the
// contact, the company and the open deals, not the closed one), see it on
// each of their timelines, log a note with the company unticked, filter by
// type and by words, delete with Undo; axe over the timeline, the composer
// and the associations dropdown in both themes.
// Screenshots go to FIELDBOOK_SHOTS_DIR.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { seriousViolations } from '../lib/axe.mjs';
import { openWorkspace, session } from '../lib/harness.mjs';

const shots = process.env.FIELDBOOK_SHOTS_DIR || '/tmp';
const create = (page, object, props) => page.evaluate(([o, p]) => window.go.app.Records.Create(o, p), [object, props]);
const associate = (page, record, targets) =>
  page.evaluate(([r, t]) => window.go.app.Associations.Associate({ record: r, targets: t, labels: [], primary: '', newPrimary: {} }), [record, targets]);

async function open(page, app, hash) {
  await page.goto(app.url + hash);
  await page.waitForFunction(() => window.go?.app?.Activities);
}

// titles are the headings of the timeline's items, top to bottom.
const titles = (page) => page.locator('.tl-item-title').allTextContents();

describe('activity timeline', () => {
  let env, browser, app, ann, acme, open1, open2, won;

  before(async () => {
    env = await session();
    ({ browser } = env);
    app = await env.launch();
    const page = await openWorkspace(browser, app);
    ann = await create(page, 'contacts', { firstname: 'Ann', lastname: 'Lee', email: 'ann@lee.example' });
    acme = await create(page, 'companies', { name: 'Acme Tools' });
    open1 = await create(page, 'deals', { name: 'Renewal', stage: 'qualified' });
    open2 = await create(page, 'deals', { name: 'Upsell', stage: 'contract' });
    won = await create(page, 'deals', { name: 'First order', stage: 'won' });
    await associate(page, ann.id, [acme.id]); // her first company: primary
    await associate(page, ann.id, [open1.id, open2.id, won.id]);
    await page.close();
  });

  after(() => env?.close());

  test('log, see on every associated record, filter, delete and undo', async () => {
    const page = await openWorkspace(browser, app);
    await open(page, app, `#/contacts/${ann.id}`);
    await page.getByRole('tab', { name: 'Activities', selected: true }).waitFor();
    await page.getByText('No activities yet.', { exact: false }).waitFor();

    // A call: the composer pre-ticks the contact, her primary company and the open deals.
    await page.getByRole('button', { name: 'Call', exact: true }).click();
    const form = page.getByRole('form', { name: 'Log a call' });
    await form.getByLabel('Title').fill('Intro call');
    await form.getByLabel('Notes').fill('Talked about https://example.com/pricing\n<b>not bold</b>');
    await form.getByLabel('Outcome').selectOption('connected');
    const assoc = form.getByRole('button', { name: 'Associated with 4 records' });
    await assoc.click();
    const menu = page.getByRole('dialog', { name: 'Associated records' });
    for (const name of ['Ann Lee', 'Acme Tools', 'Renewal', 'Upsell']) assert.equal(await menu.getByRole('checkbox', { name }).isChecked(), true, name);
    assert.equal(await menu.getByRole('checkbox', { name: 'First order' }).count(), 0, 'a closed deal is not suggested');
    await page.screenshot({ path: `${shots}/timeline-composer.png` });
    await page.keyboard.press('Escape');
    await form.getByLabel('Title').press('Control+Enter');
    await form.waitFor({ state: 'detached' });
    const call = page.getByRole('article', { name: 'Call Intro call' });
    await call.waitFor();
    assert.equal(await call.getByRole('link', { name: 'https://example.com/pricing' }).getAttribute('href'), 'https://example.com/pricing');
    assert.match(await call.textContent(), /<b>not bold<\/b>/);
    assert.match(await call.textContent(), /Associated with 4 records/);
    await page.screenshot({ path: `${shots}/timeline-call.png` });

    // A note with the company unticked.
    await page.getByRole('button', { name: 'Note', exact: true }).click();
    const noteForm = page.getByRole('form', { name: 'Log a note' });
    await noteForm.getByLabel('Note').fill('Prefers email over calls');
    await noteForm.getByRole('button', { name: 'Associated with 4 records' }).click();
    await page.getByRole('dialog', { name: 'Associated records' }).getByRole('checkbox', { name: 'Acme Tools' }).uncheck();
    await page.keyboard.press('Escape');
    await noteForm.getByRole('button', { name: 'Log note' }).click();
    await page.getByRole('article', { name: 'Note' }).waitFor();
    assert.deepEqual(await titles(page), ['Note', 'CallIntro call']);

    // The call is on the company and the open deals, the note not on the company; nothing on the closed deal.
    await open(page, app, `#/companies/${acme.id}`);
    await page.getByRole('article', { name: 'Call Intro call' }).waitFor();
    assert.deepEqual(await titles(page), ['CallIntro call']);
    await open(page, app, `#/deals/${open2.id}`);
    await page.getByRole('article', { name: 'Call Intro call' }).waitFor();
    assert.equal((await titles(page)).length, 2);
    await open(page, app, `#/deals/${won.id}`);
    await page.getByText('No activities yet.', { exact: false }).waitFor();

    // Filters: by type, then by words.
    await open(page, app, `#/contacts/${ann.id}`);
    await page.getByRole('article', { name: 'Call Intro call' }).waitFor();
    await page.getByRole('button', { name: /^Type: All/ }).click();
    await page.getByRole('menuitemcheckbox', { name: /^Notes/ }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('article', { name: 'Call Intro call' }).waitFor({ state: 'detached' });
    assert.deepEqual(await titles(page), ['Note']);
    await page.getByRole('button', { name: /^Type: Notes/ }).click();
    await page.getByRole('menuitem', { name: 'Show all' }).click();
    await page.getByRole('searchbox', { name: 'Search activities' }).fill('pricing');
    await page.getByRole('article', { name: 'Note' }).waitFor({ state: 'detached' });
    assert.deepEqual(await titles(page), ['CallIntro call']);
    await page.getByRole('searchbox', { name: 'Search activities' }).fill('');
    await page.getByRole('article', { name: 'Note' }).waitFor();

    // Delete the note, then Undo.
    await page.getByRole('button', { name: 'Delete note' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await page.getByText('Activity deleted.').waitFor();
    await page.getByRole('article', { name: 'Note' }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('article', { name: 'Note' }).waitFor();
    await page.close();
  });

  test('deleting the contact leaves the call on the company; restoring brings it back', async () => {
    const page = await openWorkspace(browser, app);
    await open(page, app, `#/contacts/${ann.id}`);
    await page.getByRole('article', { name: 'Call Intro call' }).waitFor();
    await page.getByRole('button', { name: 'Actions', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await page.waitForFunction(() => location.hash === '#/contacts'); // back on the index page

    await open(page, app, `#/companies/${acme.id}`);
    const call = page.getByRole('article', { name: 'Call Intro call' });
    await call.waitFor();
    assert.match(await call.textContent(), /Associated with 3 records/, 'the company and the two open deals');
    await page.screenshot({ path: `${shots}/timeline-after-delete.png` });

    await open(page, app, `#/contacts/${ann.id}`);
    await page.getByRole('button', { name: 'Restore' }).click();
    await page.getByRole('article', { name: 'Call Intro call' }).waitFor();
    assert.match(await page.getByRole('article', { name: 'Call Intro call' }).textContent(), /Associated with 4 records/);
    await open(page, app, `#/companies/${acme.id}`);
    assert.match(await page.getByRole('article', { name: 'Call Intro call' }).textContent(), /Associated with 4 records/);
    await page.close();
  });

  test('pages as the user scrolls, 50 items a page', async () => {
    const page = await openWorkspace(browser, app);
    const bob = await create(page, 'contacts', { firstname: 'Bob', lastname: 'Stone' });
    await page.evaluate(async (id) => {
      for (let i = 0; i < 120; i++) {
        const at = new Date(Date.UTC(2026, 0, 1 + i)).toISOString();
        await window.go.app.Activities.Log({ object: 'notes', props: { body: `Note ${i}`, at }, on: id, records: [id] });
      }
    }, bob.id);
    await open(page, app, `#/contacts/${bob.id}`);
    const items = page.locator('.tl-item');
    await items.first().waitFor();
    assert.equal(await items.count(), 50);
    assert.match(await items.first().textContent(), /Note 119/, 'newest first');
    await items.last().scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelectorAll('.tl-item').length === 100);
    await page.locator('.tl-item').last().scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelectorAll('.tl-item').length === 120);
    assert.match(await items.last().textContent(), /Note 0/);
    assert.deepEqual((await page.locator('.tl-month-head').allTextContents()).slice(0, 2), ['April 2026', 'March 2026']);
    await page.close();
  });

  for (const theme of ['light', 'dark']) {
    test(`no critical or serious axe violation on the timeline, ${theme} theme`, async () => {
      const page = await openWorkspace(browser, app, { colorScheme: theme });
      await open(page, app, `#/contacts/${ann.id}`);
      await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme);
      await page.getByRole('article', { name: 'Call Intro call' }).waitFor();
      const found = [];
      const check = async (screen) => {
        await page.waitForTimeout(300);
        for (const v of await seriousViolations(page)) found.push(`${screen}: ${v}`);
        await page.screenshot({ path: `${shots}/timeline-${theme}-${screen}.png` });
      };
      await check('list');
      await page.getByRole('button', { name: 'Meeting', exact: true }).click();
      await page.getByRole('form', { name: 'Log a meeting' }).waitFor();
      await check('composer');
      await page
        .getByRole('form', { name: 'Log a meeting' })
        .getByRole('button', { name: /^Associated with/ })
        .click();
      await page.getByRole('listbox', { name: 'Contacts to associate' }).getByRole('option').first().waitFor();
      await check('associations');
      assert.equal(found.length, 0, `axe found ${found.length} critical or serious violations:\n\n${found.join('\n\n')}`);
      await page.close();
    });
  }
});
