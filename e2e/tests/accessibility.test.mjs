// Accessibility of the main screens, checked by axe-core's WCAG 2 A/AA and
// best-practice rules: the contacts index with sample data, a record page,
// the association add panel (picking, the next step and Create new), the
// association history and every Settings tab, in the light and in the dark
// theme. No critical or serious violation may remain; a failure lists each
// rule with the elements to fix.
// Screenshots go to FIELDBOOK_SHOTS_DIR.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { seriousViolations } from '../lib/axe.mjs';
import { openWorkspace, session } from '../lib/harness.mjs';

const shots = process.env.FIELDBOOK_SHOTS_DIR || '/tmp';
const create = (page, object, props) => page.evaluate(([o, p]) => window.go.app.Records.Create(o, p), [object, props]);
const go = (page, method, ...args) => page.evaluate(([m, a]) => window.go.app.Associations[m](...a), [method, args]);

async function open(page, app, hash) {
  await page.goto(app.url + hash);
  await page.waitForFunction(() => window.go?.app?.Associations);
}

describe('accessibility of the main screens', () => {
  let env, browser, app, ann;

  before(async () => {
    env = await session();
    ({ browser } = env);
    app = await env.launch();
    const page = await openWorkspace(browser, app);
    await page.evaluate(() => window.go.app.Records.LoadSampleData());
    // A contact of our own with a company and a change in its history.
    ann = await create(page, 'contacts', { firstname: 'Ann', lastname: 'Lee', email: 'ann@lee.example' });
    const acme = await create(page, 'companies', { name: 'Acme Lee Tools' });
    await create(page, 'companies', { name: 'Beta Lee Foods' });
    await go(page, 'Associate', { record: ann.id, targets: [acme.id], labels: [], primary: '', newPrimary: {} });
    await page.close();
  });

  after(() => env?.close());

  for (const theme of ['light', 'dark']) {
    test(`no critical or serious violation on the main screens, ${theme} theme`, async () => {
      // The theme follows the system's by default: the browser's color scheme.
      const page = await openWorkspace(browser, app, { colorScheme: theme });
      const found = [];
      const check = async (screen) => {
        await page.waitForTimeout(300); // let transitions and placeholders settle
        for (const v of await seriousViolations(page)) found.push(`${screen}: ${v}`);
        await page.screenshot({ path: `${shots}/a11y-${theme}-${screen}.png` });
      };

      await open(page, app, '#/contacts');
      await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme);
      const table = page.getByRole('table', { name: 'Contacts' });
      await table.locator('[role=row][data-id]').first().waitFor();
      await check('index');
      // A column the user never resized reports its header's laid-out width.
      const [now, px] = await table
        .getByRole('separator', { name: 'Resize Email' })
        .evaluate((el) => [Number(el.getAttribute('aria-valuenow')), Math.round(el.parentElement.getBoundingClientRect().width)]);
      assert.equal(now, px, 'the Email column edge gives its width');

      await open(page, app, `#/contacts/${ann.id}`);
      await page.getByRole('heading', { level: 1, name: 'Ann Lee' }).waitFor();
      const card = page.getByRole('region', { name: 'Companies (1)' });
      await card.getByText('Acme Lee Tools').waitFor();
      await check('record');

      await card.getByRole('button', { name: 'Add company' }).click();
      const panel = page.getByRole('dialog', { name: 'Add companies' });
      await panel.getByRole('combobox', { name: 'Search companies' }).fill('lee');
      await panel.locator('[role="listbox"][aria-busy="false"]').waitFor();
      await panel.getByRole('option', { name: /Beta Lee Foods/ }).click();
      await panel.getByText('1 selected').waitFor();
      await check('add-panel');
      await panel.getByRole('button', { name: 'Next' }).click();
      await panel.getByRole('button', { name: 'Back' }).waitFor();
      await check('add-panel-next');
      await panel.getByRole('tab', { name: 'Create new' }).click();
      await panel.getByRole('button', { name: 'Create', exact: true }).waitFor();
      await check('add-panel-create');
      await page.keyboard.press('Escape');
      await panel.waitFor({ state: 'detached' });

      await page.getByRole('button', { name: 'Actions', exact: true }).click();
      await page.getByRole('menuitem', { name: 'View association history' }).click();
      const history = page.getByRole('dialog', { name: 'Association history' });
      await history.getByRole('table', { name: 'Association history' }).getByText('Acme Lee Tools').first().waitFor();
      await check('history');
      await page.keyboard.press('Escape');
      await history.waitFor({ state: 'detached' });

      await open(page, app, '#/settings');
      await page.getByRole('tabpanel', { name: 'General' }).waitFor();
      await check('settings-general');
      await open(page, app, '#/settings/objects');
      await page.getByRole('tabpanel', { name: 'Objects and properties' }).getByRole('heading', { level: 2 }).first().waitFor();
      await check('settings-objects');
      await open(page, app, '#/settings/associations');
      await page.getByRole('tabpanel', { name: 'Associations' }).getByRole('heading', { level: 2 }).first().waitFor();
      await check('settings-associations');
      await open(page, app, '#/settings/activities');
      await page.getByRole('tabpanel', { name: 'Activities' }).getByRole('heading', { level: 2 }).first().waitFor();
      await check('settings-activities');
      await open(page, app, '#/settings/imports');
      await page.getByRole('tabpanel', { name: 'Imports' }).getByRole('heading', { name: 'No imports yet' }).waitFor();
      await check('settings-imports');

      await open(page, app, '#/tasks'); // the sample data's tasks
      await page.getByRole('table', { name: 'Tasks' }).getByRole('row').nth(2).waitFor();
      await check('tasks');

      await page.close();
      assert.equal(found.length, 0, `axe found ${found.length} critical or serious violations:\n\n${found.join('\n\n')}`);
    });
  }
});
