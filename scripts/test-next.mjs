#!/usr/bin/env node
// The Next.js example (examples/next) as a user gets it: the package packed (`npm pack`) and
// installed from its tarball, `next build` (with its type check), `next start`, the mock
// providers on a second origin, and Chromium through every flow:
// - each provider in redirect mode, and in popup mode, to success; the callback page's HTML
//   from the server already shows the final screen (and never the Emerge uid);
// - crafted callback links show the unsolicited error, never success;
// - the address bar keeps no callback parameter (nor `rcf_result`);
// - Emerge's export progress reaches ready;
// - a route handler decides a callback with the core, and with the main entry;
// - no console error, failed request or page error on the app's pages (production React
//   reports a hydration mismatch only as "Minified React error #418"; the mock providers'
//   pages are not the app's), and axe finds nothing, in the light and the dark scheme.
// It also measures First Load JS (scripts/next-first-load.mjs) of the callback route and the
// Connect page; `routeBytes` is what a route loads beyond the app's 404 page (Next, React).
//
//   node scripts/test-next.mjs                      the whole test; exits non-zero on a failure
//   node scripts/test-next.mjs --first-load-json f  build, start, write First Load JS to f (JSON)
//   node scripts/test-next.mjs --first-load         the same, printed (both skip the browser)
//   --package <dir>   pack another checkout (a patched copy, say) instead of this one
//   --reuse-build     start the last build again (work on the example; never in CI)
//   --only <text>     only the browser tests whose name has <text>
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, lstatSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { assert, until as untilFor } from '../test/e2e/harness.mjs';
import { chromiumArgs, chromiumPath } from './chromium.mjs';
import { firstLoads } from './next-first-load.mjs';

/** Waits until `read()` gives something truthy (15 s by default here: a Next.js server is slower). */
const until = (read, what, timeout = 15_000) => untilFor(read, what, timeout);

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const app = path.join(root, 'examples/next');
const args = process.argv.slice(2);
const jsonAt = args.indexOf('--first-load-json');
const firstLoadJson = jsonAt >= 0 ? args[jsonAt + 1] : undefined;
if (jsonAt >= 0 && !firstLoadJson) fail('--first-load-json needs a file');
const measureOnly = firstLoadJson !== undefined || args.includes('--first-load');
// `--reuse-build`: for work on the example, start the last build again (never in CI).
const reuseBuild = args.includes('--reuse-build');
// `--package <dir>`: pack another checkout of the package (a patched copy, say) than this one.
const packageAt = args.indexOf('--package');
const packageDir = packageAt >= 0 ? path.resolve(args[packageAt + 1] ?? '') : root;
// `--only <text>`: the browser tests whose name has it.
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? args[onlyAt + 1] : undefined;

const started = Date.now();
const timings = {};
const cleanups = [];
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function fail(message) {
  console.error(`test-next: ${message}`);
  process.exit(1);
}

/** Runs a command quietly; on failure, shows the end of its output. */
function run(command, commandArgs, options = {}) {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      commandArgs,
      { maxBuffer: 64 * 1024 * 1024, ...options, env: { ...process.env, ...options.env } },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        const output = `${stdout}\n${stderr}`.trim().split('\n').slice(-40).join('\n');
        reject(new Error(`${command} ${commandArgs.join(' ')} failed:\n${output}`));
      },
    );
  });
}

async function step(name, body) {
  const t0 = Date.now();
  const result = await body();
  timings[name] = Date.now() - t0;
  if (!measureOnly) console.log(`  ${name} (${seconds(timings[name])})`);
  return result;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function main() {
  if (!measureOnly) console.log('Next.js example (examples/next):');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const quiet = ['--no-audit', '--no-fund', '--loglevel=error'];

  const next = path.join(app, 'node_modules/next/dist/bin/next');
  const nextEnv = { NEXT_TELEMETRY_DISABLED: '1' };
  const installed = path.join(app, 'node_modules/react-connect-flow');
  if (!reuseBuild || !existsSync(path.join(app, '.next/BUILD_ID'))) {
    // 1. The package as users get it: dist (built if missing), packed into a tarball.
    if (!existsSync(path.join(packageDir, 'dist/index.js'))) {
      await step('npm run build (dist was missing)', () =>
        run(npm, ['run', 'build'], { cwd: packageDir }),
      );
    }
    const packDir = mkdtempSync(path.join(tmpdir(), 'rcf-next-'));
    cleanups.push(() => rmSync(packDir, { recursive: true, force: true }));
    const tarball = await step('npm pack', async () => {
      const out = await run(npm, ['pack', '--pack-destination', packDir, ...quiet], {
        cwd: packageDir,
      });
      return path.join(packDir, out.trim().split('\n').pop());
    });

    // 2. The example's locked dependencies, then the tarball. `--no-save` keeps it out of the
    // example's package.json and package-lock.json: a tarball's integrity changes with every
    // build, so a locked `file:` entry would fail `npm ci` after any change to the package.
    // The lock holds exactly what the example pins (next, react, ...), and the package
    // installed is always the one just packed.
    await step('npm ci (examples/next)', () => run(npm, ['ci', ...quiet], { cwd: app }));
    await step('npm install <tarball> --no-save', () =>
      run(npm, ['install', '--no-save', ...quiet, tarball], { cwd: app }),
    );
    assert(
      existsSync(path.join(installed, 'dist/index.js')) && !lstatSync(installed).isSymbolicLink(),
      'react-connect-flow is not installed from the tarball',
    );

    // 3. One production build, type check included.
    await step('next build', () =>
      run(process.execPath, [next, 'build'], { cwd: app, env: nextEnv }),
    );
  }

  // 4. The mock providers (their own origin) and `next start` on free loopback ports.
  const { loadTs } = await import(pathToFileURL(path.join(root, 'demo/loadTs.mjs')).href);
  const { startMockProviders } = await loadTs('src/testing/index.ts');
  const mock = await startMockProviders({ exportDelays: { google_data: 300, gmail: 600 } });
  cleanups.push(() => mock.close());
  const port = await freePort();
  const appOrigin = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [next, 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: app,
    env: {
      ...process.env,
      ...nextEnv,
      MOCK_PROVIDERS_ORIGIN: mock.origin,
      // Next gives route handlers `http://localhost:<port>` as the request's address: the
      // origin the browser uses is configuration (examples/next/lib/connect.ts).
      APP_ORIGIN: appOrigin,
      CONNECT_COOKIE_SECRET: randomBytes(32).toString('hex'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let serverLog = '';
  server.stdout.on('data', (chunk) => (serverLog += chunk));
  server.stderr.on('data', (chunk) => (serverLog += chunk));
  cleanups.push(() => {
    // The server's own process group (detached above): its id only.
    if (server.exitCode === null) process.kill(-server.pid, 'SIGTERM');
  });
  await step('next start', () =>
    until(
      async () => {
        if (server.exitCode !== null) throw new Error(`next start exited:\n${serverLog}`);
        return (await fetch(`${appOrigin}/`)).ok;
      },
      'next start',
      30_000,
    ).catch((error) => {
      throw new Error(`${error.message}\n${serverLog}`);
    }),
  );

  // 5. First Load JS.
  const figures = await firstLoads(appOrigin, { callback: '/connect/callback', connect: '/' });
  if (firstLoadJson) writeFileSync(firstLoadJson, `${JSON.stringify(figures, null, 2)}\n`);
  if (measureOnly) {
    if (!firstLoadJson) console.log(JSON.stringify(figures, null, 2));
    return;
  }

  // 6. Chromium.
  const core = await import(pathToFileURL(path.join(installed, 'dist/core/index.js')).href);
  const results = await step('browser tests', () =>
    browserTests({ appOrigin, providersOrigin: mock.origin, core }),
  );
  const failed = results.filter((result) => result.error);
  for (const result of results) {
    console.log(`    ${result.error ? '✗' : '✓'} ${result.name} (${seconds(result.ms)})`);
    if (result.error) {
      const lines = String(result.error.stack ?? result.error)
        .split('\n')
        .slice(0, 6);
      console.log(`        ${lines.join('\n        ')}`);
    }
  }
  if (server.exitCode !== null) throw new Error(`next start exited early:\n${serverLog}`);
  const kB = (bytes) => (bytes / 1000).toFixed(2);
  console.log(
    `  First Load JS (gzip): callback page ${figures.callback.kB} kB ` +
      `(${kB(figures.callback.routeBytes)} kB beyond Next and React), ` +
      `Connect page ${figures.connect.kB} kB (${kB(figures.connect.routeBytes)} kB)`,
  );
  console.log(
    `Next.js example: ${results.length - failed.length} passed, ${failed.length} failed ` +
      `(${seconds(Date.now() - started)}; next build ` +
      `${timings['next build'] ? seconds(timings['next build']) : 'reused'})`,
  );
  if (failed.length) process.exitCode = 1;
}

/** Every parameter a provider puts on the callback, and the server's result marker. */
const callbackParamsOf = (core) => [
  ...core.builtInProviders.flatMap((adapter) => adapter.params),
  'rcf_result',
];

async function browserTests({ appOrigin, providersOrigin, core }) {
  const messages = core.sharedMessages;
  const callbackParams = callbackParamsOf(core);
  const axeSource = readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
    // Chromium's popup blocker stays on: only the click opens the popup, as for users.
    ignoreDefaultArgs: ['--disable-popup-blocking'],
  });
  const results = [];
  const tests = [];
  const test = (name, body, options = {}) => tests.push({ name, body, options });

  // --- helpers -------------------------------------------------------------------------------

  const card = (page, provider) => page.locator(`[data-provider-card="${provider}"]`);

  async function openConnectPage(page, provider, mode) {
    await page.goto(`${appOrigin}/`);
    const section = card(page, provider);
    await section.getByRole('radio', { name: mode === 'popup' ? /popup/ : /redirect/ }).check();
    return section;
  }

  /** Waits for the callback screen (`.rcf[data-provider]`) with this state and message. */
  async function expectScreen(scope, state, message) {
    const screen = scope.locator('.rcf[data-provider]').first();
    await until(async () => {
      const seen = await screen.getAttribute('data-state', { timeout: 1000 });
      const text = await screen.textContent({ timeout: 1000 });
      return seen === state && text.includes(message);
    }, `screen "${state}" saying "${message}"`).catch(async (error) => {
      const seen = await screen.getAttribute('data-state', { timeout: 500 }).catch(() => '?');
      const text = await screen.textContent({ timeout: 500 }).catch(() => '');
      throw new Error(`${error.message}\n  saw data-state=${seen}: ${text}`);
    });
  }

  /** The address bar loses every callback parameter (and `rcf_result`) right after loading. */
  async function expectCleanAddress(page) {
    const left = () => {
      const url = new URL(page.url());
      return callbackParams.filter((name) => url.searchParams.has(name));
    };
    await until(() => !left().length, 'a clean address bar', 3000).catch(() => {
      throw new Error(`callback parameters left in the address bar: ${left().join(', ')}`);
    });
  }

  /** The callback page's HTML as the server sent it, from the response that ends a redirect. */
  function callbackDocument(page) {
    return page.waitForResponse(
      (response) =>
        response.request().isNavigationRequest() &&
        new URL(response.url()).pathname === '/connect/callback' &&
        response.status() === 200,
    );
  }

  async function redirectFlow(page, provider) {
    const section = await openConnectPage(page, provider, 'redirect');
    const documentSent = callbackDocument(page);
    await section.getByRole('button', { name: /^Connect / }).click();
    await page.waitForURL((url) => url.origin === providersOrigin);
    await page.locator('button[data-outcome="success"]').click();
    const html = await (await documentSent).text();
    await page.waitForURL((url) => url.origin === appOrigin);
    return html;
  }

  async function popupFlow(page, provider) {
    const section = await openConnectPage(page, provider, 'popup');
    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      section.getByRole('button', { name: /^Connect / }).click(),
    ]);
    await popup.waitForURL((url) => url.origin === providersOrigin);
    await popup.locator('button[data-outcome="success"]').click();
    await expectScreen(section.getByTestId('outcome'), 'success', messages.success).catch(
      async (error) => {
        const status = await section.getByTestId('connect-status').textContent();
        const left = popup.isClosed()
          ? 'the popup closed'
          : `the popup shows ${popup.url()}: ${await popup.locator('main').textContent()}`;
        throw new Error(`${error.message}\n  the opener says "${status}"; ${left}`);
      },
    );
    await until(() => popup.isClosed(), 'the popup to close');
    return section;
  }

  async function exportReady(scope) {
    const progress = scope.getByTestId('export').locator('[data-state]').first();
    await until(
      async () => (await progress.getAttribute('data-state', { timeout: 1000 })) === 'ready',
      'the export progress to reach ready',
    );
  }

  /** axe on the page as it is now: every violation fails the test. */
  async function axe(page, where) {
    await page.addScriptTag({ content: axeSource });
    const violations = await page.evaluate(async () => {
      // axe-core's global, injected above.
      const result = await axe.run(document);
      return result.violations.map(
        (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      );
    });
    assert(!violations.length, `axe on ${where}:\n  ${violations.join('\n  ')}`);
  }

  // --- the tests -----------------------------------------------------------------------------

  test('route handler: parseCallback from core and from the main entry', async () => {
    const ask = async (query) => {
      const response = await fetch(`${appOrigin}/api/verify?${query}`);
      return { status: response.status, body: await response.json() };
    };
    const good = await ask('session_id=csn_example_expected&status=success');
    assert(good.status === 200 && good.body.screen === 'success', JSON.stringify(good));
    assert(good.body.sessionId === 'csn_example_expected', JSON.stringify(good));
    const forged = await ask('session_id=csn_attacker&status=success');
    assert(forged.status === 400 && forged.body.screen === 'error', JSON.stringify(forged));
    const aborted = await ask('session_id=csn_example_expected&status=user_aborted');
    assert(aborted.body.screen === 'retry', JSON.stringify(aborted));
    for (const answer of [good, forged, aborted]) {
      assert(answer.body.mainEntryAgrees === true, `the main entry disagrees: ${answer.body}`);
    }
  });

  for (const colorScheme of ['light', 'dark']) {
    test(
      `Connect page (${colorScheme}): server-side parseCallback, axe`,
      async (page) => {
        await page.goto(`${appOrigin}/`);
        const check = await page.getByTestId('server-check').textContent();
        assert(/error/.test(check) && /unsolicited_callback/.test(check), `server check: ${check}`);
        await axe(page, `/ (${colorScheme})`);
      },
      { colorScheme },
    );
  }

  for (const provider of ['gigs', 'emerge', 'zapier']) {
    for (const colorScheme of provider === 'emerge' ? ['light', 'dark'] : ['light']) {
      test(
        `${provider} redirect (${colorScheme}) → success, rendered on the server`,
        async (page) => {
          const html = await redirectFlow(page, provider);
          assert(
            /data-state="success"/.test(html) && html.includes(messages.success),
            'the server-rendered callback page is not the success screen',
          );
          await expectScreen(page, 'success', messages.success);
          assert(
            (await page.locator('.rcf[data-provider]').first().getAttribute('data-provider')) ===
              provider,
            'the screen names another provider',
          );
          await expectCleanAddress(page);
          // The server keeps the Emerge uid: neither the HTML nor the RSC payload has it.
          assert(!/psub_/.test(html), 'an Emerge uid is in the callback page');
          if (provider === 'emerge') await exportReady(page);
          await axe(page, `/connect/callback after ${provider} (${colorScheme})`);
          // The verified result is read once: a reload shows the screen again from the history
          // entry, and the server finds no result cookie left to render from.
          const cookies = async () => (await page.context().cookies()).map((c) => c.name);
          await until(async () => !(await cookies()).includes('rcf_result'), 'the result consumed');
          await page.reload();
          await expectScreen(page, 'success', messages.success);
        },
        { colorScheme },
      );
    }
  }

  for (const provider of ['gigs', 'emerge', 'zapier']) {
    test(`${provider} popup → success`, async (page) => {
      const section = await popupFlow(page, provider);
      if (provider === 'emerge') await exportReady(section);
      await axe(page, `/ after a ${provider} popup`);
    });
  }

  const crafted = [
    '/connect/callback?session_id=csn_attacker&status=success',
    '/connect/callback?rcf_result=gigs',
  ];
  for (const link of crafted) {
    for (const colorScheme of ['light', 'dark']) {
      test(
        `crafted link ${link} (${colorScheme}) → unsolicited, never success`,
        async (page) => {
          const states = [];
          await page.exposeFunction('__rcfState', (state) => states.push(state));
          // Every state the screen ever shows, from the first paint on.
          await page.addInitScript(() => {
            new MutationObserver(() => {
              for (const node of document.querySelectorAll('.rcf[data-state]')) {
                window.__rcfState(node.getAttribute('data-state'));
              }
            }).observe(document, { subtree: true, childList: true, attributes: true });
          });
          const response = await page.goto(`${appOrigin}${link}`);
          const html = await response.text();
          assert(!/data-state="success"/.test(html), 'the server rendered a success');
          await expectScreen(page, 'error', messages.unsolicited_callback);
          await expectCleanAddress(page);
          assert(!states.includes('success'), `a success was shown: ${states.join(', ')}`);
          await axe(page, `${link} (${colorScheme})`);
        },
        { colorScheme },
      );
    }
  }

  // --- the runner: a fresh context per test; console errors and page errors fail it ----------

  try {
    for (const { name, body, options } of tests.filter((t) => !only || t.name.includes(only))) {
      results.push(await runTest(name, body, options));
    }
  } finally {
    await browser.close();
  }
  return results;

  async function runTest(name, body, options) {
    const t0 = Date.now();
    const context = await browser.newContext({ colorScheme: options.colorScheme ?? 'light' });
    context.setDefaultTimeout(10_000);
    const problems = [];
    const watch = (page) => {
      page.on('console', (message) => {
        // The app's pages only: the mock providers' pages are someone else's (no favicon).
        const where = message.location().url || page.url();
        if (message.type() === 'error' && where.startsWith(appOrigin)) {
          problems.push(`console error: ${message.text()} (${where})`);
        }
      });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('response', (response) => {
        const failedHere = response.status() >= 400 && response.url().startsWith(appOrigin);
        if (failedHere) problems.push(`${response.status()}: ${response.url()}`);
      });
    };
    context.on('page', watch);
    let error;
    try {
      await body(await context.newPage());
      await new Promise((resolve) => setTimeout(resolve, 100));
      if (problems.length) throw new Error(problems.join('\n'));
    } catch (caught) {
      const seen = problems.join('\n');
      error = seen && caught.message !== seen ? new Error(`${caught.message}\n${seen}`) : caught;
    } finally {
      await context.close();
    }
    return { name, ms: Date.now() - t0, error };
  }
}

const watchdog = setTimeout(() => {
  console.error('test-next: gave up after 15 minutes');
  process.exit(1);
}, 15 * 60_000);
watchdog.unref();

try {
  await main();
} catch (error) {
  console.error(`test-next: ${error.stack ?? error}`);
  process.exitCode = 1;
} finally {
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup();
    } catch {
      // Best effort: the rest still runs.
    }
  }
}
