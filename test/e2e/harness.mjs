// A small runner for the end-to-end tests: the demo stack, tests in order, a fresh session
// (its own storage) per test in one engine. Plain Node, no test framework.
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { buildDemoApp, loadStack, staticDir } from '../../demo/build.mjs';
import { NotApplicable, until } from './engines/tab.mjs';

export { chromiumArgs, chromiumPath, NotApplicable, until };

/**
 * Playwright's Chromium with its popup blocker on (for the scripts that drive only Chromium:
 * screenshots, the benchmark). The suite itself goes through engines/.
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

/** Builds the demo app (once per run: every engine shares it). */
export async function buildDemo() {
  await buildDemoApp();
}

/** Starts mock providers + backend + app on two origins (the app must be built). */
export async function startBuiltStack(options = {}) {
  const startDemo = await loadStack();
  return startDemo({ staticDir, ...options });
}

/** Builds the app and starts mock providers + backend + app on two origins. */
export async function startStack(providers = {}) {
  await buildDemoApp();
  return startBuiltStack({ providers });
}

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

const firstLines = (error) =>
  String(error?.stack ?? error)
    .split('\n')
    .slice(0, 4)
    .join('\n      ');

/** One try of a test in a new session: its outcome, and why when it did not pass. */
async function attempt(engine, body, options) {
  let session;
  try {
    session = await engine.newSession(options);
    await body(session.tab, session);
    const errors = [...session.errors];
    if (errors.length > 0) throw new Error(`page errors:\n        ${errors.join('\n        ')}`);
    return { outcome: 'passed' };
  } catch (error) {
    if (error instanceof NotApplicable) return { outcome: 'n/a', reason: error.message };
    return { outcome: 'failed', reason: firstLines(error) };
  } finally {
    await session?.close().catch(() => {});
  }
}

/** One test, retried once when `retry` and it failed: a pass then is reported as flaky. */
async function runOne(engine, [name, body, options], retry) {
  const result = { name, ...(await attempt(engine, body, options)) };
  if (result.outcome !== 'failed' || !retry) return result;
  const again = await attempt(engine, body, options);
  return again.outcome === 'passed' ? { name, outcome: 'flaky', reason: result.reason } : result;
}

/** Each selected test `repeat` times in a row, the runs numbered when there is more than one. */
function selectTests(tests, only, repeat) {
  const selected = only ? tests.filter(([name]) => name.includes(only)) : tests;
  if (repeat <= 1) return selected;
  return selected.flatMap(([name, ...rest]) =>
    Array.from({ length: repeat }, (_, index) => [`${name} #${index + 1}`, ...rest]),
  );
}

/**
 * Runs `tests` ([name, body, sessionOptions]) in order in `engine`, each in a new session;
 * any page error fails the test. A failed test runs once more (unless `retry` is false):
 * passing then, it is reported as flaky (listed at the end, with its first failure), never
 * silently. `repeat` runs each test that many times. Returns one result per run:
 * { name, outcome, ms, reason }.
 */
export async function run(tests, { engine, only, repeat = 1, retry = true }) {
  const results = [];
  const started = Date.now();
  console.log(`\n${engine.name}:`);
  for (const test of selectTests(tests, only, repeat)) {
    const t0 = Date.now();
    const result = await runOne(engine, test, retry);
    const { name } = result;
    result.ms = Date.now() - t0;
    const mark = { passed: '✓', flaky: '✓', failed: '✗', 'n/a': '–' }[result.outcome];
    const detail = result.outcome === 'passed' ? `(${result.ms} ms)` : '';
    console.log(`  ${mark} ${name} ${detail}`);
    if (result.outcome === 'failed') console.log(`      ${result.reason}`);
    if (result.outcome === 'flaky')
      console.log(`      FLAKY, passed on its retry; first: ${result.reason}`);
    if (result.outcome === 'n/a') console.log(`      n/a: ${result.reason}`);
    results.push(result);
  }
  const count = (outcome) => results.filter((result) => result.outcome === outcome).length;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const flaky = results.filter((result) => result.outcome === 'flaky');
  for (const each of flaky) console.log(`FLAKY in ${engine.name}: ${each.name}`);
  console.log(
    `\nend-to-end in ${engine.version}, ${seconds} s; ${count('n/a')} n/a (reasons above), ${flaky.length} flaky:`,
  );
  console.log(`${count('passed') + flaky.length} passed, ${count('failed')} failed`);
  return results;
}
