// A small runner for the end-to-end tests: one Chromium, the demo stack, tests in order, a
// fresh context per test. Plain Node, no test framework.
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { buildDemoApp, loadStack, staticDir } from '../../demo/build.mjs';

export { chromiumArgs, chromiumPath };

/**
 * Launches Chromium with its popup blocker on: clicks still open popups, scripts alone do not.
 * `backForwardCache`: as users get it (Playwright turns the cache off by default; TOOLCHAIN.md).
 */
export const launchChromium = ({ backForwardCache = false } = {}) =>
  chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
    ignoreDefaultArgs: [
      '--disable-popup-blocking',
      ...(backForwardCache ? ['--disable-back-forward-cache'] : []),
    ],
  });

/** Builds the app and starts mock providers + backend + app on two origins. */
export async function startStack(providers = {}) {
  await buildDemoApp();
  const startDemo = await loadStack();
  return startDemo({ staticDir, providers });
}

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** Waits until `read()` gives something truthy, or fails saying what it last saw. */
export async function until(read, what, timeout = 10_000) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await read();
      if (last) return last;
    } catch (error) {
      last = String(error.message).split('\n')[0];
    }
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}; last saw: ${last}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Runs tests in order, each in a fresh context (its own storage) of the one browser. */
export async function run(tests, { browser, only }) {
  let failed = 0;
  const started = Date.now();
  const selected = only ? tests.filter(([name]) => name.includes(only)) : tests;
  for (const [name, body] of selected) {
    const context = await browser.newContext();
    context.setDefaultTimeout(8000);
    const t0 = Date.now();
    try {
      await body(await context.newPage());
      console.log(`  ✓ ${name} (${Date.now() - t0} ms)`);
    } catch (error) {
      failed += 1;
      const lines = String(error?.stack ?? error)
        .split('\n')
        .slice(0, 4);
      console.log(`  ✗ ${name}\n      ${lines.join('\n      ')}`);
    } finally {
      await context.close();
    }
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`\nend-to-end, ${seconds} s:`);
  console.log(`${selected.length - failed} passed, ${failed} failed`);
  return failed;
}
