// The record page and the recycle bin through the real Go bindings: edit a
// property in place (a refused value keeps what was typed), see the change
// in History, delete to the recycle bin, restore, delete permanently, and
// user text shown as text. Pages are opened by URL so this test relies only
// on the record page and the bin.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openWorkspace, session } from '../lib/harness.mjs';

const create = (page, props) => page.evaluate((p) => window.go.app.Records.Create('contacts', p), props);

// open goes to a page of the app by its URL hash.
async function open(page, app, hash) {
  await page.goto(app.url + hash);
  await page.waitForFunction(() => window.go?.app?.Records);
}

describe('record page and recycle bin', () => {
  let env, browser, app;

  before(async () => {
    env = await session();
    ({ browser } = env);
    app = await env.launch();
  });

  after(() => env?.close());

  test('edit in place, history, delete, restore and delete permanently', async () => {
    const page = await openWorkspace(browser, app);
    const alerts = [];
    page.on('dialog', (d) => {
      alerts.push(d.message());
      void d.dismiss();
    });
    const ann = await create(page, { firstname: 'Ann', lastname: 'Lee', email: 'ann@example.com', phone: '+44 20 7946 0000' });
    await open(page, app, `#/contacts/${ann.id}`);
    await page.getByRole('heading', { level: 1, name: 'Ann Lee' }).waitFor();
    assert.equal(await page.getByTestId('record-id').textContent(), ann.id);
    await page.getByRole('heading', { name: 'Associations' }).waitFor();

    // A value the backend refuses: its reason under the field, the text kept.
    await page.getByRole('button', { name: 'Email ann@example.com' }).click();
    const email = page.getByRole('textbox', { name: 'Email' });
    assert.equal(await email.evaluate((el) => el === document.activeElement), true, 'the editor takes the focus');
    await email.fill('ann at example');
    await email.press('Enter');
    const error = page.locator('.prop-editor [role="alert"]');
    await error.waitFor();
    assert.match(await error.textContent(), /email address/i);
    assert.equal(await email.inputValue(), 'ann at example', 'what the user typed is kept');
    assert.equal(await email.getAttribute('aria-invalid'), 'true');

    // A valid value is saved and survives a reload.
    await email.fill('ann.lee@example.com');
    await email.press('Enter');
    await page.getByRole('button', { name: 'Email ann.lee@example.com' }).waitFor();
    assert.equal(await page.locator('.prop-editor').count(), 0);
    assert.equal((await page.evaluate((id) => window.go.app.Records.Get(id), ann.id)).props.email, 'ann.lee@example.com');
    await page.reload();
    await page.getByRole('button', { name: 'Email ann.lee@example.com' }).waitFor();

    // Escape leaves the value as it was.
    await page.getByRole('button', { name: /^Phone/ }).click();
    await page.getByRole('textbox', { name: 'Phone' }).fill('000');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Phone +44 20 7946 0000' }).waitFor();

    // History: who changed what, newest first.
    await page.getByRole('tab', { name: 'History' }).click();
    const history = page.getByRole('list', { name: 'History' });
    const change = history.locator('.history-entry').filter({ hasText: 'Email changed from ann@example.com to ann.lee@example.com' });
    await change.waitFor();
    assert.match(await change.textContent(), /Ann Tester/);
    const entries = await history.locator('.history-entry').allTextContents();
    assert.equal(entries.length, 2);
    assert.match(entries[0], /Email changed/);
    assert.match(entries[1], /Created/);

    // Actions → Delete → confirm: to the recycle bin, and back on the index.
    await page.getByRole('button', { name: 'Actions' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete Ann Lee?' });
    assert.match(await dialog.textContent(), /recycle bin.*90 days/s);
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await page.waitForURL(/#\/contacts$/);
    assert.ok((await page.evaluate((id) => window.go.app.Records.Get(id), ann.id)).deletedAt);

    // The recycle bin lists it; restore brings it back with its values.
    await open(page, app, '#/contacts/bin');
    await page.getByRole('heading', { name: 'Recycle bin' }).waitFor();
    await page.getByText('Deleted records are kept for 90 days', { exact: false }).waitFor();
    await page.getByRole('checkbox', { name: 'Select Ann Lee' }).check();
    await page.getByRole('button', { name: 'Restore' }).click();
    await page.getByText('Restored 1 contact.').waitFor();
    await page.getByRole('heading', { name: 'The recycle bin is empty' }).waitFor();
    await open(page, app, `#/contacts/${ann.id}`);
    await page.getByRole('button', { name: 'Email ann.lee@example.com' }).waitFor();
    await page.getByRole('button', { name: 'Phone +44 20 7946 0000' }).waitFor();
    assert.equal(await page.getByText('This contact is in the recycle bin').count(), 0);

    // Delete again; a deleted record's page says so and is read-only.
    await page.getByRole('button', { name: 'Actions' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await page.waitForURL(/#\/contacts$/);
    await open(page, app, `#/contacts/${ann.id}`);
    await page.getByText('This contact is in the recycle bin').waitFor();
    assert.equal(await page.getByRole('button', { name: /^Email/ }).count(), 0, 'read-only while deleted');

    // Delete permanently from the bin: gone for good.
    await open(page, app, '#/contacts/bin');
    await page.getByRole('link', { name: 'Ann Lee' }).waitFor();
    await page.getByRole('checkbox', { name: 'Select Ann Lee' }).check();
    await page.getByRole('button', { name: 'Delete permanently' }).click();
    const purge = page.getByRole('dialog', { name: 'Delete 1 contact permanently?' });
    assert.match(await purge.textContent(), /cannot be undone/);
    await purge.getByRole('button', { name: 'Delete permanently' }).click();
    await page.getByRole('heading', { name: 'The recycle bin is empty' }).waitFor();
    await open(page, app, `#/contacts/${ann.id}`);
    const notFound = page.getByRole('alert');
    await notFound.waitFor();
    assert.match(await notFound.textContent(), /No record has the ID/);
    await notFound.getByRole('link', { name: 'Back to Contacts' }).waitFor();

    assert.deepEqual(alerts, []);
    await page.close();
  });

  test('names are shown as text, never as HTML', async () => {
    const page = await openWorkspace(browser, app);
    const alerts = [];
    page.on('dialog', (d) => {
      alerts.push(d.message());
      void d.dismiss();
    });
    const evil = await create(page, { firstname: '<img src=x onerror=alert(1)>', lastname: 'Lee' });
    await open(page, app, `#/contacts/${evil.id}`);
    await page.getByRole('heading', { level: 1, name: '<img src=x onerror=alert(1)> Lee' }).waitFor();
    await page.getByRole('button', { name: 'First name <img src=x onerror=alert(1)>' }).waitFor();
    assert.equal(await page.locator('.record-page img').count(), 0);

    const script = await create(page, { firstname: '<script>alert(1)</script>' });
    await page.evaluate((ids) => window.go.app.Records.Delete(ids), [evil.id, script.id]);
    await open(page, app, '#/contacts/bin');
    await page.getByRole('link', { name: '<img src=x onerror=alert(1)> Lee' }).waitFor();
    await page.getByRole('checkbox', { name: 'Select <script>alert(1)</script>' }).waitFor();
    assert.equal(await page.locator('.bin-page img, .bin-page tbody script').count(), 0);
    assert.deepEqual(alerts, []);
    await page.close();
  });

  test('screenshots of the record page and the bin, light and dark', async () => {
    for (const scheme of ['light', 'dark']) {
      const page = await openWorkspace(browser, app, { colorScheme: scheme });
      await page.waitForFunction((s) => document.documentElement.dataset.theme === s, scheme);
      const rec = await create(page, {
        firstname: 'Maria',
        lastname: 'Garcia',
        email: 'maria@acme.example',
        phone: '+1 555 0100',
        jobtitle: 'Head of Operations',
      });
      await page.evaluate((id) => window.go.app.Records.Update(id, { jobtitle: 'COO' }), rec.id);
      await open(page, app, `#/contacts/${rec.id}`);
      await page.getByRole('heading', { level: 1, name: 'Maria Garcia' }).waitFor();
      await page.getByRole('tab', { name: 'History' }).click();
      await page.getByText('changed from Head of Operations to COO', { exact: false }).waitFor();
      await page.getByRole('button', { name: 'Email maria@acme.example' }).click();
      await page.getByRole('textbox', { name: 'Email' }).fill('maria at acme');
      await page.getByRole('textbox', { name: 'Email' }).press('Enter');
      await page.locator('.prop-editor [role="alert"]').waitFor();
      await page.screenshot({ path: scheme === 'light' ? '/tmp/rec-page.png' : '/tmp/rec-page-dark.png' });
      await page.keyboard.press('Escape');

      const old = await create(page, { firstname: 'Old', lastname: 'Lead', email: 'old@example.com' });
      await page.evaluate((ids) => window.go.app.Records.Delete(ids), [old.id]);
      await open(page, app, '#/contacts/bin');
      await page.getByRole('checkbox', { name: 'Select Old Lead' }).first().check();
      await page.screenshot({ path: scheme === 'light' ? '/tmp/rec-bin.png' : '/tmp/rec-bin-dark.png' });
      await page.getByRole('button', { name: 'Delete permanently' }).click();
      await page.getByRole('dialog').waitFor();
      await page.screenshot({ path: scheme === 'light' ? '/tmp/rec-dialog.png' : '/tmp/rec-dialog-dark.png' });
      await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await page.close();
    }
  });
});
