// The production binary in a real window: it starts on a data folder with a
// user profile and sample data (prepared through the dev binary's real
// bindings), paints the app (a screenshot of the X screen that is not blank
// and shows the sidebar), and closes cleanly when asked to.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  launchApp,
  openBrowser,
  openWorkspace,
  outputDir,
  prodBinary,
  quitApp,
  removeDir,
  startBus,
  startDisplay,
  stopAll,
  tempDataDir,
} from '../lib/harness.mjs';

// uniqueColours counts the distinct colours of the screenshot, or of a
// region of it, with ImageMagick.
function uniqueColours(file, region) {
  const args = [file];
  if (region) args.push('-crop', region, '+repage');
  args.push('-format', '%k', 'info:');
  return Number(execFileSync('convert', args, { encoding: 'utf8' }).trim());
}

function screenshot(display, file) {
  execFileSync('import', ['-display', display, '-window', 'root', file]);
}

describe('production binary', () => {
  let display, bus, dataDir;
  before(async () => {
    display = await startDisplay();
    bus = await startBus();
    dataDir = tempDataDir();
    mkdirSync(outputDir, { recursive: true });

    const browser = await openBrowser();
    const dev = await launchApp({ display: display.display, bus: bus.address, dataDir });
    const page = await openWorkspace(browser, dev, { name: 'Ann Andersen' });
    await page.evaluate(() => window.go.app.Records.LoadSampleData());
    await quitApp(page, dev);
    await browser.close();
  });
  after(async () => {
    await stopAll();
    removeDir(dataDir);
  });

  test('opens a window that shows the app, then quits cleanly', async () => {
    const app = await launchApp({ display: display.display, bus: bus.address, dataDir, binary: prodBinary, waitForServer: false });
    const shot = path.join(outputDir, 'smoke.png');
    // Poll until the web view has painted: a blank or half-drawn window has
    // few colours; the app's text, icons and panels give hundreds.
    let colours = 0;
    const deadline = Date.now() + 30000;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1000));
      assert.equal(app.exitCode ?? null, null);
      screenshot(display.display, shot);
      colours = uniqueColours(shot);
      if (colours >= 200) break;
    }
    assert.ok(colours >= 200, `the window looks blank (${colours} colours); see ${shot}\n${app.log()}`);
    // The sidebar (left 200 px, below the menu bar) holds the navigation text.
    assert.ok(uniqueColours(shot, '200x400+0+80') >= 20, `no navigation drawn in the sidebar; see ${shot}`);
    if (process.env.SCREENSHOT_TO) copyFileSync(shot, process.env.SCREENSHOT_TO);

    await app.stop(); // SIGTERM: quits like File → Quit
    const exit = await app.exited;
    assert.equal(exit.code, 0, `clean exit expected:\n${app.log()}`);
  });
});
