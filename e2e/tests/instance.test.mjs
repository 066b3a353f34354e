// One Fieldbook per data folder: a second launch hands its arguments to the
// running window and exits with status 0; without a session bus to find it, the second
// launch meets the held database lock with a clear message, never a crash.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, openWorkspace, session, startBus, stopApps } from '../lib/harness.mjs';

describe('single instance', () => {
  let env, browser, dataDir;

  // Each test starts the session buses it needs.
  before(async () => {
    env = await session({ bus: false });
    ({ browser, dataDir } = env);
  });
  afterEach(stopApps);
  after(() => env?.close());

  test('a second launch hands its arguments to the running window and exits', async () => {
    const bus = await startBus();
    const first = await env.launch({ bus: bus.address });
    const page = await openWorkspace(browser, first);
    await page.getByRole('heading', { name: 'No contacts yet' }).waitFor();
    await page.evaluate(() => {
      window.__handedOver = [];
      window.runtime.EventsOn('app:second-instance', (args) => window.__handedOver.push(args));
    });

    const second = await env.launch({
      bus: bus.address,
      args: ['fieldbook://contacts/0190a0b2-0000-7000-8000-000000000001'],
      waitForServer: false,
    });
    const exit = await Promise.race([second.exited, new Promise((r) => setTimeout(() => r(null), 20000))]);
    assert.ok(exit, 'the second launch exits instead of opening another window');
    // Status 0: xdg-open and browsers treat any other as a link that failed to open.
    assert.equal(exit.code, 0, `the hand-over is a success:\n${second.log()}`);
    await page.waitForFunction(() => window.__handedOver.length > 0);
    assert.deepEqual(await page.evaluate(() => window.__handedOver[0]), ['fieldbook://contacts/0190a0b2-0000-7000-8000-000000000001']);
    // The first instance is unharmed and still serves its data.
    assert.equal((await page.evaluate(() => window.go.app.Settings.Get())).theme, 'system');
    await page.close();
    await bus.stop();
  });

  test('without a session bus, a second launch explains the data folder is in use', async () => {
    const busA = await startBus();
    const busB = await startBus(); // a separate bus: the instances cannot find each other
    const first = await env.launch({ bus: busA.address });
    const second = await env.launch({ bus: busB.address });
    const page = await openPage(browser, second);
    await page.getByRole('heading', { name: 'Fieldbook is already open' }).waitFor();
    const text = await page.getByRole('alert').textContent();
    assert.ok(text.includes(dataDir), `the message names the data folder: ${text}`);
    assert.ok(text.includes('Nothing has been changed'));

    await page.getByRole('button', { name: 'Quit' }).click();
    const exit = await Promise.race([second.exited, new Promise((r) => setTimeout(() => r(null), 30000))]);
    assert.equal(exit?.code, 0, `Quit closes the second launch cleanly:\n${second.log()}`);

    // The first instance still owns the data.
    const firstPage = await openPage(browser, first);
    await firstPage.getByRole('heading', { name: 'No contacts yet' }).waitFor();
    await firstPage.close();
    await page.close();
    await busA.stop();
    await busB.stop();
  });
});
