// Starts the real Fieldbook binary the way a user's desktop would: an X
// display (Xvfb), a D-Bus session bus (for the single-instance lock) and a
// fresh data folder; then drives its UI from Chromium over the dev server
// IPC, so every click goes through the real Go bindings. Every process
// started here is stopped by its pid.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// Overridable so parallel work can test its own build of the UI or binary.
export const devBinary = process.env.FIELDBOOK_DEV_BINARY || path.join(root, 'build/bin/fieldbook-dev');
const assetDir = process.env.FIELDBOOK_ASSET_DIR || path.join(root, 'frontend/dist');
export const prodBinary = path.join(root, 'build/bin/fieldbook');
export const outputDir = path.join(root, 'e2e/output');

const started = new Set(); // every process started here
const apps = new Set(); // the Fieldbook processes among them

// stop ends a process we started: SIGTERM, then SIGKILL if it lingers.
async function stop(proc, graceMs = 5000) {
  started.delete(proc);
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

// stopApps stops every Fieldbook still running: call it after each test, so
// a failed test cannot leave an instance that later launches hand off to.
export async function stopApps() {
  await Promise.all([...apps].map((p) => stop(p)));
}

// stopAll is the safety net at the end of a file: nothing outlives the run.
export async function stopAll() {
  await Promise.all([...started].map((p) => stop(p, 1000)));
}

function track(proc) {
  started.add(proc);
  proc.once('exit', () => started.delete(proc));
  return proc;
}

function readLine(stream, what, timeoutMs = 10000) {
  return new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`${what} did not start in ${timeoutMs} ms`)), timeoutMs);
    stream.on('data', (chunk) => {
      buf += chunk;
      const nl = buf.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve(buf.slice(0, nl).trim());
      }
    });
  });
}

// startDisplay starts Xvfb on a free display number. -noreset: by default
// Xvfb resets when its last client leaves, and an app relaunched in that
// moment fails with "failed to init GTK".
export async function startDisplay() {
  const proc = track(
    spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp', '-noreset'], {
      stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
    }),
  );
  const n = await readLine(proc.stdio[3], 'Xvfb');
  return { display: `:${n}`, pid: proc.pid, stop: () => stop(proc) };
}

// startBus starts a private D-Bus session bus, so each test decides which
// app instances can see each other.
export async function startBus() {
  const proc = track(spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], { stdio: ['ignore', 'pipe', 'ignore'] }));
  const address = await readLine(proc.stdout, 'dbus-daemon');
  return { address, stop: () => stop(proc) };
}

export function tempDataDir() {
  return mkdtempSync(path.join(tmpdir(), 'fieldbook-e2e-'));
}

export function removeDir(dir) {
  rmSync(dir, { recursive: true, force: true });
}

// session starts what a test file shares: an X display, a D-Bus session
// bus (unless bus is false: a test then starts its own), Chromium and a
// fresh data folder. launch() starts Fieldbook on them (options override
// any of them); close() ends the browser and every process started here,
// apps first and gracefully, then removes the data folder.
export async function session({ bus = true } = {}) {
  const s = {};
  try {
    s.display = await startDisplay();
    s.bus = bus ? await startBus() : null;
    s.browser = await openBrowser();
  } catch (err) {
    await s.browser?.close();
    await stopAll(); // a half-started session leaves nothing running
    throw err;
  }
  s.dataDir = tempDataDir();
  s.launch = (options = {}) => launchApp({ display: s.display.display, bus: s.bus?.address, dataDir: s.dataDir, ...options });
  s.close = async () => {
    await s.browser?.close();
    await stopApps();
    await stopAll();
    removeDir(s.dataDir);
  };
  return s;
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

// launchApp starts a Fieldbook binary. With the dev binary it also serves
// the UI and IPC on http://127.0.0.1:<port> for Chromium.
export async function launchApp({ display, bus, dataDir, args = [], binary = devBinary, waitForServer = true }) {
  if (!existsSync(binary)) throw new Error(`${binary} is missing: run "make e2e" (it builds it)`);
  const port = await freePort();
  const env = {
    ...process.env,
    DISPLAY: display,
    DBUS_SESSION_BUS_ADDRESS: bus,
    FIELDBOOK_DATA_DIR: dataDir,
    devserver: `127.0.0.1:${port}`,
    assetdir: assetDir,
    loglevel: 'Warning',
    // Xvfb has no GPU: render in software.
    WEBKIT_DISABLE_COMPOSITING_MODE: '1',
    LIBGL_ALWAYS_SOFTWARE: '1',
  };
  const proc = track(spawn(binary, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] }));
  apps.add(proc);
  proc.once('exit', () => apps.delete(proc));
  let log = '';
  proc.stdout.on('data', (c) => (log += c));
  proc.stderr.on('data', (c) => (log += c));
  const exited = new Promise((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));
  const app = {
    pid: proc.pid,
    url: `http://127.0.0.1:${port}/`,
    exited,
    log: () => log,
    stop: () => stop(proc),
    kill: async () => {
      proc.kill('SIGKILL');
      await exited;
    },
  };
  if (waitForServer) await waitForHttp(app);
  return app;
}

async function waitForHttp(app, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  let done = false;
  app.exited.then(() => (done = true));
  while (Date.now() < deadline) {
    if (done) throw new Error(`Fieldbook exited before serving its UI:\n${app.log()}`);
    try {
      const res = await fetch(app.url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Fieldbook did not serve ${app.url} in ${timeoutMs} ms:\n${app.log()}`);
}

// openBrowser launches Debian's Chromium (never a downloaded browser).
export async function openBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

// openPage opens the app's UI and waits until the bindings are connected.
export async function openPage(browser, app, options = {}) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, ...options });
  await page.goto(app.url);
  await page.waitForFunction(() => window.go?.app?.Shell && window.runtime);
  return page;
}

// openWorkspace opens the app as a returning user: the local profile (asked
// for on first launch) is set through the real binding first.
export async function openWorkspace(browser, app, { name = 'Ann Tester', ...options } = {}) {
  const page = await openPage(browser, app, options);
  await page.evaluate((n) => window.go.app.Settings.SaveProfile(n), name);
  await page.reload();
  await page.waitForFunction(() => window.go?.app?.Shell && window.runtime);
  return page;
}

// quitApp quits through the real binding, the way File → Quit does, and
// waits for a clean exit.
export async function quitApp(page, app) {
  await page.evaluate(() => window.go.app.Shell.Quit()).catch(() => {});
  const result = await Promise.race([app.exited, new Promise((r) => setTimeout(() => r(null), 30000))]);
  if (!result) throw new Error('Fieldbook did not quit within 30 s');
  return result;
}
