// Record links (fieldbook://<object>/<record ID>) through the real app: pasted
// into "Open link" (Ctrl/Cmd+L), handed over by a second launch to the
// running window (single instance over the D-Bus session bus), and given to
// the first launch, in the dev binary driven from Chromium and in the
// production binary's real window. Screenshots go to FIELDBOOK_SHOTS_DIR.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { launchApp, openPage, openWorkspace, prodBinary, quitApp, removeDir, session, startBus, stopApps, tempDataDir } from '../lib/harness.mjs';

const shots = process.env.FIELDBOOK_SHOTS_DIR || '/tmp';
const create = (page, object, props) => page.evaluate(([o, p]) => window.go.app.Records.Create(o, p), [object, props]);
const link = (record) => `fieldbook://${record.object}/${record.id}`;
const missingID = '0190a0b2-0000-7000-8000-00000000dead';

// screenshotScreen captures the whole X display: the app's own window.
function screenshotScreen(display, file) {
  execFileSync('import', ['-display', display, '-window', 'root', file]);
}

function colours(file) {
  return Number(execFileSync('convert', [file, '-format', '%k', 'info:'], { encoding: 'utf8' }).trim());
}

async function waitExit(app, ms = 20000) {
  return Promise.race([app.exited, new Promise((r) => setTimeout(() => r(null), ms))]);
}

describe('record links', () => {
  let env, browser;

  // Each test starts the session bus its instances share.
  before(async () => {
    env = await session({ bus: false });
    ({ browser } = env);
  });
  afterEach(stopApps);
  after(() => env?.close());

  test('Ctrl+L: a pasted link opens its record; anything else says why', async () => {
    const bus = await startBus();
    const app = await env.launch({ bus: bus.address });
    const page = await openWorkspace(browser, app, { permissions: ['clipboard-read', 'clipboard-write'] });
    const ann = await create(page, 'contacts', { firstname: 'Ann', lastname: 'Lee', email: 'ann@example.com' });
    await page.reload(); // the index read before Ann existed
    await page.getByText('Ann Lee').first().waitFor();

    await page.keyboard.press('Control+l');
    const dialog = page.getByRole('dialog', { name: 'Open link' });
    const field = dialog.getByRole('textbox', { name: 'Paste a Fieldbook link' });
    await field.waitFor();
    assert.equal(await field.evaluate((el) => el === document.activeElement), true, 'the field takes the focus');

    // Not a link: said at once, the text stays.
    await field.fill('https://example.com/contacts/1');
    await field.press('Enter');
    await dialog.getByRole('alert').getByText('This is not a Fieldbook link.', { exact: false }).waitFor();
    assert.equal(await field.inputValue(), 'https://example.com/contacts/1');
    await page.screenshot({ path: `${shots}/links-not-a-link.png` });

    // A well-formed link to no record: the backend's message.
    await field.fill(`fieldbook://contacts/${missingID}`);
    await field.press('Enter');
    await dialog.getByRole('alert').getByText(`No record has the ID ${missingID}.`, { exact: false }).waitFor();
    assert.ok(!page.url().includes(missingID), `nothing opened: ${page.url()}`);
    await page.screenshot({ path: `${shots}/links-not-found.png` });

    // Escape closes; the next Ctrl+L starts empty.
    await field.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.keyboard.press('Control+l');
    await field.waitFor();
    assert.equal(await field.inputValue(), '');

    // Paste the copied link (with the spaces a copy may bring), Enter.
    await page.evaluate((t) => navigator.clipboard.writeText(t), ` ${link(ann)} `);
    await field.press('Control+v');
    if ((await field.inputValue()) === '') await field.fill(` ${link(ann)} `); // no clipboard in this browser
    assert.equal((await field.inputValue()).trim(), link(ann));
    await page.screenshot({ path: `${shots}/links-dialog.png` });
    await field.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('heading', { level: 1, name: 'Ann Lee' }).waitFor();
    assert.ok(page.url().endsWith(`#/contacts/${ann.id}`), page.url());
    await page.screenshot({ path: `${shots}/links-opened.png` });
    await page.close();
    await bus.stop();
  });

  test('a second launch with a link opens the record in the running window', async () => {
    const bus = await startBus();
    const first = await env.launch({ bus: bus.address });
    const page = await openWorkspace(browser, first);
    const acme = await create(page, 'companies', { name: 'Acme Tools' });
    await page.goto(`${first.url}#/contacts`);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();

    // As the desktop runs it for a clicked link: Exec=fieldbook %u.
    const second = await env.launch({ bus: bus.address, args: [link(acme)], waitForServer: false });
    assert.ok(await waitExit(second), 'the second launch hands over and exits');
    await page.getByRole('heading', { level: 1, name: 'Acme Tools' }).waitFor();
    assert.ok(page.url().endsWith(`#/companies/${acme.id}`), page.url());
    await page.screenshot({ path: `${shots}/links-handed-over.png` });
    // The app's own window (the dev binary's WebKit view) followed too.
    await new Promise((r) => setTimeout(r, 1500));
    screenshotScreen(env.display.display, `${shots}/links-handed-over-window.png`);

    // A handed-over link that names no record opens the dialog with why.
    const third = await env.launch({ bus: bus.address, args: [`fieldbook://companies/${missingID}`], waitForServer: false });
    assert.ok(await waitExit(third));
    const dialog = page.getByRole('dialog', { name: 'Open link' });
    await dialog.getByRole('alert').getByText(`No record has the ID ${missingID}.`, { exact: false }).waitFor();
    assert.equal(await dialog.getByRole('textbox').inputValue(), `fieldbook://companies/${missingID}`);
    assert.ok(page.url().endsWith(`#/companies/${acme.id}`), 'the open record stays');
    await page.screenshot({ path: `${shots}/links-handed-over-missing.png` });

    // The same link again opens the record again (after leaving it).
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.goto(`${first.url}#/deals`);
    await page.getByRole('heading', { name: 'No deals yet' }).waitFor();
    const fourth = await env.launch({ bus: bus.address, args: [link(acme)], waitForServer: false });
    assert.ok(await waitExit(fourth));
    await page.getByRole('heading', { level: 1, name: 'Acme Tools' }).waitFor();
    await page.close();
    await bus.stop();
  });

  test('launched with a link, the first window opens that record', async () => {
    const bus = await startBus();
    let app = await env.launch({ bus: bus.address });
    let page = await openWorkspace(browser, app);
    const deal = await create(page, 'deals', { name: 'Renewal 2026' });
    await quitApp(page, app);
    await page.close();

    app = await env.launch({ bus: bus.address, args: [link(deal)] });
    page = await openPage(browser, app);
    await page.getByRole('heading', { level: 1, name: 'Renewal 2026' }).waitFor();
    assert.ok(page.url().endsWith(`#/deals/${deal.id}`), page.url());
    await page.screenshot({ path: `${shots}/links-launch.png` });

    // A reload does not open it again: the window has opened that link.
    await page.goto(`${app.url}#/tickets`);
    await page.getByRole('heading', { name: 'No tickets yet' }).waitFor();
    await page.reload();
    await page.waitForFunction(() => window.go?.app?.Shell);
    await page.getByRole('heading', { name: 'No tickets yet' }).waitFor();
    await new Promise((r) => setTimeout(r, 500));
    assert.ok(page.url().endsWith('#/tickets'), page.url());
    await page.close();
    await bus.stop();
  });

  test(
    'the production binary opens the record it is launched with in its window',
    { skip: !existsSync(prodBinary) && 'build/bin/fieldbook is missing (make test builds it)' },
    async () => {
      const bus = await startBus();
      const dataDir = tempDataDir();
      try {
        // Prepare the data through the dev binary's real bindings.
        const launchOn = (options) => launchApp({ display: env.display.display, bus: bus.address, dataDir, ...options });
        let dev = await launchOn({});
        let page = await openWorkspace(browser, dev);
        const bea = await create(page, 'contacts', { firstname: 'Bea', lastname: 'Park', email: 'bea@example.com' });
        await page.evaluate(() => window.go.app.Settings.SavePreference('lastRoute', JSON.stringify('#/contacts')));
        await quitApp(page, dev);
        await page.close();

        const prod = await launchOn({ binary: prodBinary, args: [link(bea)], waitForServer: false });
        const shot = `${shots}/links-production.png`;
        let painted = 0;
        const deadline = Date.now() + 30000;
        while (Date.now() < deadline && painted < 200) {
          await new Promise((r) => setTimeout(r, 1000));
          screenshotScreen(env.display.display, shot);
          painted = colours(shot);
        }
        assert.ok(painted >= 200, `the window looks blank; see ${shot}\n${prod.log()}`);
        await new Promise((r) => setTimeout(r, 1500)); // the page it is on is remembered after 400 ms
        screenshotScreen(env.display.display, shot);
        await prod.stop();
        assert.equal((await prod.exited).code, 0, prod.log());

        // The window had the record open: it is the page it remembered.
        dev = await launchOn({});
        page = await openPage(browser, dev);
        const remembered = await page.evaluate(() => window.go.app.Settings.Preference('lastRoute'));
        assert.equal(JSON.parse(remembered), `#/contacts/${bea.id}`);
        await page.close();
        await stopApps();
      } finally {
        removeDir(dataDir);
        await bus.stop();
      }
    },
  );
});
