// The app shell through the real Go bindings: navigation, empty states,
// search shortcut, theme (following the OS and saved in the database),
// errors as {code, message, field}, and data surviving a restart.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, openWorkspace, quitApp, session, stopApps } from '../lib/harness.mjs';

describe('app shell', () => {
  let env, browser, dataDir;

  before(async () => {
    env = await session();
    ({ browser, dataDir } = env);
  });

  afterEach(stopApps);

  after(() => env?.close());

  test('a newcomer sees the navigation and a useful empty state', async () => {
    const app = await env.launch();
    const page = await openWorkspace(browser, app);
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const name of ['Contacts', 'Companies', 'Deals', 'Tickets', 'Settings']) {
      await nav.getByRole('link', { name }).waitFor();
    }
    await page.getByRole('heading', { name: 'No contacts yet' }).waitFor();
    assert.equal(await nav.getByRole('link', { name: 'Contacts' }).getAttribute('aria-current'), 'page');

    await nav.getByRole('link', { name: 'Deals' }).click();
    await page.getByRole('heading', { name: 'No deals yet' }).waitFor();
    assert.match(page.url(), /#\/deals$/);

    // Ctrl+K focuses search from anywhere; Escape leaves it.
    await page.locator('body').click();
    await page.keyboard.press('Control+k');
    const search = page.getByRole('combobox', { name: 'Search Fieldbook' });
    assert.equal(await search.evaluate((el) => el === document.activeElement), true);
    await page.keyboard.type('<b>acme</b>');
    await page.getByText('No records match “<b>acme</b>”.').waitFor();
    await page.keyboard.press('Escape');
    assert.equal(await search.inputValue(), '');

    // Settings shows the data folder the app really opened.
    await nav.getByRole('link', { name: 'Settings' }).click();
    assert.equal(await page.getByTestId('data-dir').textContent(), dataDir);
    await app.stop();
  });

  test('the theme follows the OS until the user picks one, and the choice survives a restart', async () => {
    let app = await env.launch();
    let page = await openWorkspace(browser, app, { colorScheme: 'dark' });
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');

    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('radio', { name: /Dark/ }).check();
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    const saved = await page.evaluate(() => window.go.app.Settings.Get());
    assert.equal(saved.theme, 'dark');

    const exit = await quitApp(page, app);
    assert.equal(exit.code, 0, 'Quit closes the app cleanly');
    await page.close();

    app = await env.launch();
    page = await openPage(browser, app, { colorScheme: 'light' });
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    await page.goto(app.url + '#/settings');
    assert.equal(await page.getByRole('radio', { name: /Dark/ }).isChecked(), true);
    await page.getByRole('radio', { name: /System/ }).check();
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
    await page.close();
    await app.stop();
  });

  test('the window size and the last page are remembered', async () => {
    let app = await env.launch();
    let page = await openWorkspace(browser, app);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tickets' }).click();
    await page.getByRole('heading', { name: 'No tickets yet' }).waitFor();
    await page.evaluate(() => window.runtime.WindowSetSize(1111, 777));
    await page.waitForFunction(async () => (await window.runtime.WindowGetSize()).w === 1111);
    await page.waitForTimeout(600); // the page is remembered after a short pause
    assert.equal((await quitApp(page, app)).code, 0);
    await page.close();

    app = await env.launch();
    page = await openPage(browser, app); // no link in the URL: the last page opens
    await page.getByRole('heading', { name: 'No tickets yet' }).waitFor();
    assert.deepEqual(await page.evaluate(() => window.runtime.WindowGetSize()), { w: 1111, h: 777 });
    await page.close();
    await app.stop();
  });

  test('a write survives the app being killed', async () => {
    let app = await env.launch();
    let page = await openPage(browser, app);
    await page.evaluate(() => window.go.app.Settings.Save({ theme: 'light' }));
    await page.close();
    await app.kill();

    app = await env.launch();
    page = await openPage(browser, app);
    assert.equal((await page.evaluate(() => window.go.app.Settings.Get())).theme, 'light');
    await page.close();
    await app.stop();
  });

  test('a backend error reaches the page as code, message and field', async () => {
    const app = await env.launch();
    const page = await openPage(browser, app);
    const err = await page.evaluate(() =>
      window.go.app.Settings.Save({ theme: '<script>alert(1)</script>' }).then(
        () => null,
        (e) => JSON.parse(e.message),
      ),
    );
    assert.deepEqual(err, { code: 'invalid', message: 'Theme must be "system", "light" or "dark".', field: 'theme' });
    assert.equal((await page.evaluate(() => window.go.app.Settings.Get())).theme, 'light', 'nothing stored before is lost');
    await page.close();
    await app.stop();
  });
});
