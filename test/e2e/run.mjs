#!/usr/bin/env node
// End-to-end tests of the demo in Debian's Chromium, through the UI as a user: every provider
// and documented outcome in popup and redirect mode, cancel, blocked popups, token reuse,
// tampered state, a clean address bar, reloads, and the export progress.
// `node test/e2e/run.mjs [name filter]`
import { loadTs } from '../../demo/loadTs.mjs';
import { expectedOutcomes } from './expected.mjs';
import { flows } from './flows.mjs';
import { assert, launchChromium, run, startStack, until } from './harness.mjs';

const { outcomeMessages } = await loadTs('src/core/messages.ts');
const { providers } = await loadTs('src/core/providers/index.ts');
// Every parameter a provider puts on the callback, from the adapters: none may stay in the address bar.
const callbackParams = Object.values(providers).flatMap((adapter) => adapter.params);
const demo = await startStack({ exportDelays: { google_data: 300, gmail: 600 } });
const browser = await launchChromium();
const f = flows(demo, callbackParams);
const tests = [];
const test = (name, body) => tests.push([name, body]);
const expected = expectedOutcomes(outcomeMessages);

for (const [provider, outcomes] of Object.entries(expected)) {
  for (const [outcome, state, message] of outcomes) {
    test(`${provider} popup: ${outcome} → ${state}`, async (page) => {
      await f.openProviderPage(page, provider, 'popup');
      const popup = await f.openPopup(page);
      await f.choose(popup, outcome);
      await f.popupOutcome(page, state, message);
      await until(() => popup.isClosed(), 'the popup to close');
      if (state === 'success')
        await until(async () => (await f.connectionCount(page)) === 1, 'one connection');
    });
    test(`${provider} redirect: ${outcome} → ${state}, clean address bar`, async (page) => {
      await f.openProviderPage(page, provider, 'redirect');
      await f.redirectToProvider(page);
      await f.choose(page, outcome);
      await page.waitForURL(
        (url) => url.origin === demo.appOrigin && url.pathname === '/connect/callback',
      );
      await f.callbackScreen(page, state, message);
      await f.expectCleanAddress(page);
    });
  }
}

for (const provider of ['gigs', 'zapier']) {
  test(`${provider}: closing the popup → cancelled`, async (page) => {
    await f.openProviderPage(page, provider, 'popup');
    const popup = await f.openPopup(page);
    // A user reads the page before closing it (a close within 1 s of the page showing looks
    // like a COOP-severed handle to the hook, and is not a cancel).
    await page.waitForTimeout(1500);
    await popup.close();
    await f.expectStatus(page, 'cancelled');
    assert((await f.connectionCount(page)) === 0, 'no connection after a cancel');
  });
}

test('blocked popup in auto mode → full-page redirect, then success', async (page) => {
  let popups = 0;
  page.on('popup', () => (popups += 1));
  // `connect=1` opens on load with no click, so Chromium's blocker refuses the popup.
  // No evaluate before that: Playwright's evaluate would count as a user gesture.
  await page.goto(`${demo.appOrigin}/zapier?mode=auto&connect=1`, { waitUntil: 'commit' });
  await page.waitForURL((url) => url.origin === demo.providersOrigin);
  assert(
    new URL(page.url()).searchParams.has('redirect_uri'),
    'the Connect UI opened in redirect mode',
  );
  await f.choose(page, 'success');
  await f.callbackScreen(page, 'success', outcomeMessages.success);
  assert(popups === 0, 'no popup opened');
});

test('blocked popup in popup mode → popup_blocked', async (page) => {
  await page.goto(`${demo.appOrigin}/zapier?mode=popup&connect=1`);
  await page.waitForTimeout(400);
  await f.popupOutcome(page, 'error', outcomeMessages.popup_blocked);
});

test('zapier: a reused connect token is rejected; a retry gets a fresh one', async (page) => {
  await f.openProviderPage(page, 'zapier', 'redirect');
  await f.redirectToProvider(page);
  const first = page.url();
  await f.choose(page, 'success');
  await f.callbackScreen(page, 'success', outcomeMessages.success);
  // The same Connect UI URL again: the token was used up.
  await page.goto(first);
  await f.callbackScreen(page, 'error', outcomeMessages.invalid_request);
  await page.getByRole('button', { name: /try again/i }).click();
  // The router navigates in the page (no load event), back to where the user started.
  await until(() => new URL(page.url()).pathname === '/zapier', 'the Zapier page');
  await f.redirectToProvider(page);
  const second = page.url();
  const token = (url) => new URL(url).searchParams.get('token');
  assert(token(second) !== token(first), 'the retry got a new token');
  await f.choose(page, 'success');
  await f.callbackScreen(page, 'success', outcomeMessages.success);
  // Popup mode: a reused token is refused on the Connect UI page itself.
  const popupMode = new URL(first);
  popupMode.searchParams.delete('redirect_uri');
  const again = await page.context().newPage();
  await again.goto(popupMode.href);
  await again.getByText('Invalid token').waitFor();
});

test('emerge redirect: a tampered state shows the error screen, never success', async (page) => {
  await f.openProviderPage(page, 'emerge', 'redirect');
  await f.redirectToProvider(page);
  // An attacker's callback: the provider's redirect with another state.
  await page.route(
    `${demo.providersOrigin}/emerge/link/finish`,
    async (route) => {
      const response = await route.fetch({ maxRedirects: 0 });
      const location = new URL(response.headers().location);
      location.searchParams.set('state', 'tampered');
      await route.fulfill({ status: 303, headers: { Location: location.href } });
    },
    { times: 1 },
  );
  await f.choose(page, 'success');
  await f.callbackScreen(page, 'error', outcomeMessages.invalid_state);
  await f.expectCleanAddress(page);
  assert((await f.connectionCount(page)) === 0, 'no connection recorded');
});

test('emerge popup: a forged callback in the popup never counts as success', async (page) => {
  await f.openProviderPage(page, 'emerge', 'popup');
  const popup = await f.openPopup(page);
  await popup.goto(
    `${demo.appOrigin}/connect/callback?status=success&state=forged&uid=psub_forged`,
  );
  await until(() => popup.isClosed(), 'the popup to relay and close');
  await page.waitForTimeout(500);
  const status = await page.getByTestId('connect-status').textContent();
  assert(!status.includes('success'), `the opener is not successful (${status})`);
  assert((await f.connectionCount(page)) === 0, 'no connection recorded');
});

test('gigs popup: the opener reloads mid-flow; the popup handles the success itself', async (page) => {
  await f.openProviderPage(page, 'gigs', 'popup');
  const popup = await f.openPopup(page);
  await page.reload();
  await f.choose(popup, 'success');
  // No opener took the relay: the popup shows the screen and calls the app's onSuccess.
  await f.callbackScreen(popup, 'success', outcomeMessages.success);
  await until(async () => (await f.connectionCount(popup)) === 1, 'the popup records it');
  assert(!popup.isClosed(), 'the popup stays open to show the result');
  assert((await f.connectionCount(page)) <= 1, 'recorded once');
});

test('the callback page never navigates to a URL taken from its parameters', async (page) => {
  const elsewhere = encodeURIComponent(`${demo.providersOrigin}/elsewhere`);
  await page.goto(
    `${demo.appOrigin}/connect/callback?session_id=csn_x&status=success` +
      `&redirect_uri=${elsewhere}&returnTo=${elsewhere}&next=${elsewhere}&continue=${elsewhere}`,
  );
  await page.locator('.rcf[data-provider]').first().waitFor();
  await page.waitForTimeout(500);
  assert(new URL(page.url()).origin === demo.appOrigin, `still on the app (${page.url()})`);
  const links = await page.locator('.rcf a').evaluateAll((all) => all.map((a) => a.href));
  for (const href of links) {
    assert(new URL(href).origin === demo.appOrigin, `a link leaves the app: ${href}`);
  }
});

test('reloading the callback page does not run success twice', async (page) => {
  await f.openProviderPage(page, 'gigs', 'redirect');
  await f.redirectToProvider(page);
  await f.choose(page, 'success');
  await f.callbackScreen(page, 'success', outcomeMessages.success);
  await until(async () => (await f.connectionCount(page)) === 1, 'one connection');
  await page.reload();
  await page.locator('.rcf[data-provider]').first().waitFor();
  await page.waitForTimeout(300);
  assert((await f.connectionCount(page)) === 1, 'still one connection after the reload');
});

test('emerge redirect: success, then the export progress reaches ready', async (page) => {
  await f.openProviderPage(page, 'emerge', 'redirect');
  await f.redirectToProvider(page);
  await f.choose(page, 'success');
  await f.callbackScreen(page, 'success', outcomeMessages.success);
  const progress = page.getByTestId('export').locator('[data-state]').first();
  await until(async () => (await progress.getAttribute('data-state')) === 'ready', 'export ready');
});

const failed = await run(tests, { browser, only: process.argv[2] });
await browser.close();
await demo.close();
process.exit(failed ? 1 : 0);
