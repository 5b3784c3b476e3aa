#!/usr/bin/env node
// End-to-end tests of the demo in Debian's Chromium, through the UI as a user: every provider
// and documented outcome in popup and redirect mode, cancel, blocked popups, token reuse,
// tampered state, a clean address bar, reloads, and the export progress.
// `node test/e2e/run.mjs [name filter]`
import { readFile } from 'node:fs/promises';
import { loadTs } from '../../demo/loadTs.mjs';
import { expectedOutcomes } from './expected.mjs';
import { flows } from './flows.mjs';
import { assert, launchChromium, run, startStack, until } from './harness.mjs';

const core = await loadTs('src/core/index.ts');
const outcomeMessages = core.sharedMessages;
// Every parameter a provider puts on the callback, from the adapters, and the server's result
// marker: none may stay in the address bar.
const callbackParams = [
  ...core.builtInProviders.flatMap((adapter) => adapter.params),
  'rcf_result',
];
const demo = await startStack({ exportDelays: { google_data: 300, gmail: 600 } });
const browser = await launchChromium();
const f = flows(demo, callbackParams);
const tests = [];
const test = (name, body) => tests.push([name, body]);
const expected = expectedOutcomes(core);

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
  await f.callbackScreen(page, 'error', core.zapierMessages.invalid_request);
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

test('zapier popup: a crafted callback loaded in the opening tab mid-flow is no success', async (page) => {
  await f.openProviderPage(page, 'zapier', 'popup');
  await f.openPopup(page);
  // Anything with a handle on this tab could send it here while the popup is open.
  await page.goto(`${demo.appOrigin}/connect/callback?authentication_id=666&service=SlackAPI`);
  await f.callbackScreen(page, 'error', outcomeMessages.unsolicited_callback);
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
  // The app's own support address is the only link that is not the app's origin.
  for (const href of links.filter((link) => link !== 'mailto:support@example.com')) {
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

for (const mode of ['popup', 'redirect']) {
  test(`the launch URL is checked before any navigation (${mode}): javascript: is launch_failed at once`, async (page) => {
    const dialogs = [];
    page.on('dialog', (dialog) => dialogs.push(dialog.message()) && dialog.dismiss());
    page.on('popup', (popup) => popup.on('dialog', (dialog) => dialogs.push(dialog.message())));
    await page.route(`${demo.appOrigin}/api/connect/launch/gigs`, (route) =>
      route.fulfill({ json: { url: 'javascript:alert(document.domain)', id: 'csn_x' } }),
    );
    await f.openProviderPage(page, 'gigs', mode);
    const started = Date.now();
    await f.connectButton(page).click();
    await f.popupOutcome(page, 'error', outcomeMessages.launch_failed);
    assert(Date.now() - started < 5000, `launch_failed took ${Date.now() - started} ms`);
    assert(new URL(page.url()).origin === demo.appOrigin, 'the page stayed on the app');
    assert(dialogs.length === 0, `a script ran: ${dialogs.join()}`);
  });
}

for (const mode of ['popup', 'redirect']) {
  test(`emerge ${mode}: the uid never reaches the page (DOM, address, storage, responses)`, async (page) => {
    const bodies = [];
    // Emerge itself redirects the browser to the server's callback route with the uid in its
    // query (seed 002); the server answers 303 without it. What the page's scripts read: every
    // body, and the address of every request they make.
    page.on('response', async (response) => {
      if (new URL(response.url()).origin !== demo.appOrigin) return;
      const navigation = response.request().isNavigationRequest();
      const body = response.status() === 303 ? '' : await response.text().catch(() => '');
      bodies.push(`${navigation ? '' : response.url()} ${body}`);
    });
    await f.openProviderPage(page, 'emerge', mode);
    if (mode === 'popup') {
      const popup = await f.openPopup(page);
      await f.choose(popup, 'success');
      await f.popupOutcome(page, 'success', outcomeMessages.success);
    } else {
      await f.redirectToProvider(page);
      await f.choose(page, 'success');
      await f.callbackScreen(page, 'success', outcomeMessages.success);
    }
    await until(async () => (await f.connectionCount(page)) === 1, 'one connection');
    const seen = await page.evaluate(() => ({
      html: document.documentElement.outerHTML,
      address: location.href,
      session: JSON.stringify({ ...sessionStorage }),
      local: JSON.stringify({ ...localStorage }),
      history: JSON.stringify(history.state),
    }));
    const text = [...Object.values(seen), ...bodies].join('\n');
    assert(!/psub_/.test(text), 'an Emerge uid reached the page');
    assert(!/[?&](state|uid)=/.test(seen.address), `the address keeps ${seen.address}`);
  });
}

const axeSource = await readFile(
  new URL('../../node_modules/axe-core/axe.min.js', import.meta.url),
  'utf8',
);
for (const colorScheme of ['light', 'dark']) {
  test(`every demo page is axe-clean in the ${colorScheme} scheme`, async (page) => {
    await page.emulateMedia({ colorScheme });
    const pages = [
      '/',
      '/gigs',
      '/emerge',
      '/zapier',
      '/connect/callback?session_id=csn_x&status=success',
      '/connect/callback?error=access_denied&state=x',
    ];
    for (const path of pages) {
      await page.goto(`${demo.appOrigin}${path}`);
      await page.locator('h1').first().waitFor();
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async () => (await window.axe.run()).violations);
      const found = violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target}`);
      assert(violations.length === 0, `${path} in ${colorScheme}: ${found.join('; ')}`);
    }
  });
}

const failed = await run(tests, { browser, only: process.argv[2] });
await browser.close();

// Back from the provider with the back-forward cache on, as users get it.
const cached = await launchChromium({ backForwardCache: true });
const backTests = [];
for (const provider of ['gigs', 'zapier']) {
  backTests.push([
    `${provider} redirect, then Back (back-forward cache): idle again, and Connect works`,
    async (page) => {
      await f.openProviderPage(page, provider, 'redirect');
      await page.evaluate(() => {
        window.addEventListener('pageshow', (event) => {
          if (event.persisted) document.body.dataset.restored = 'yes';
        });
      });
      await f.redirectToProvider(page);
      await page.goBack({ waitUntil: 'commit' });
      await until(
        async () => (await page.evaluate(() => document.body.dataset.restored)) === 'yes',
        'the page restored from the back-forward cache',
      );
      await f.expectStatus(page, 'idle');
      await f.redirectToProvider(page);
      await f.choose(page, 'success');
      await f.callbackScreen(page, 'success', outcomeMessages.success);
    },
  ]);
}
const failedBack = await run(backTests, { browser: cached, only: process.argv[2] });
await cached.close();
await demo.close();
process.exit(failed + failedBack ? 1 : 0);
