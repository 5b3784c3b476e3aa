// The end-to-end scenarios, written once for every engine on the Tab of engines/tab.mjs: every
// provider and documented outcome in popup and redirect mode, cancel, blocked popups, COOP,
// the Referer, two tabs and the sealed relay, token reuse, tampered state, a clean address bar,
// reloads, the back-forward cache, the export progress and axe in light and dark.
// Each entry: [name, body(tab, session), session options].
import { readFile } from 'node:fs/promises';
import { expectedOutcomes } from './expected.mjs';
import { flows } from './flows.mjs';
import { funnelScenarios } from './funnel.mjs';
import { assert, NotApplicable, until } from './harness.mjs';

const axeSource = await readFile(
  new URL('../../node_modules/axe-core/axe.min.js', import.meta.url),
  'utf8',
);

/** The path of each provider's page, as the mock serves it. */
const providerPagePaths = {
  gigs: '/gigs/connect',
  emerge: '/emerge/link/start',
  zapier: '/zapier/to/SlackAPI',
};

/**
 * @param demo the running stack, with `pageRequests` (the mock providers' page requests),
 *   `apiResponses` (the app API's answers) and `emergeUids` (the uids the backend verified),
 *   all emptied before each test
 */
export function scenarios(demo, core, callbackParams) {
  const outcomeMessages = core.sharedMessages;
  const f = flows(demo, callbackParams);
  const tests = [];
  const test = (name, body, options = {}) => tests.push([name, body, options]);
  const expected = expectedOutcomes(core);

  for (const [provider, outcomes] of Object.entries(expected)) {
    for (const [outcome, state, message] of outcomes) {
      test(`${provider} popup: ${outcome} → ${state}`, async (tab) => {
        await f.openProviderPage(tab, provider, 'popup');
        const popup = await f.openPopup(tab);
        await f.choose(popup, outcome);
        await f.popupOutcome(tab, state, message);
        await until(() => popup.isClosed(), 'the popup to close');
        if (state === 'success')
          await until(async () => (await f.connectionCount(tab)) === 1, 'one connection');
      });
      test(`${provider} redirect: ${outcome} → ${state}, clean address bar`, async (tab) => {
        await f.openProviderPage(tab, provider, 'redirect');
        await f.redirectToProvider(tab);
        await f.choose(tab, outcome);
        await f.onCallbackPage(tab);
        await f.callbackScreen(tab, state, message);
        await f.expectCleanAddress(tab);
      });
    }
  }

  for (const provider of ['gigs', 'emerge', 'zapier']) {
    test(`${provider} auto: a click opens the popup (not blocked), then success`, async (tab) => {
      await f.openProviderPage(tab, provider, 'auto');
      const popup = await f.openPopup(tab);
      assert((await tab.url()).startsWith(`${demo.appOrigin}/${provider}`), 'the page stayed');
      await f.choose(popup, 'success');
      await f.popupOutcome(tab, 'success', outcomeMessages.success);
      await until(async () => (await f.connectionCount(tab)) === 1, 'one connection');
    });
  }

  test('the runner sees page errors: an uncaught error and a console.error', async (tab, session) => {
    await f.openProviderPage(tab, 'gigs', 'popup');
    // From a script of the page's own (an error thrown in a driver's script can be muted).
    await tab.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = `setTimeout(() => { throw new Error('probe: uncaught'); });
        console.error('probe: console');`;
      document.head.append(script);
    });
    await until(async () => {
      await tab.evaluate(() => true);
      return ['uncaught', 'console'].every((kind) =>
        session.errors.some((error) => error.includes(`probe: ${kind}`)),
      );
    }, 'both probes among the page errors');
    // Seen: now cleared, so the runner's own check (no page error) passes.
    session.errors.length = 0;
  });

  for (const provider of ['gigs', 'emerge', 'zapier']) {
    test(`${provider} popup: the provider's page request carries a Referer`, async (tab) => {
      await f.openProviderPage(tab, provider, 'popup');
      await f.openPopup(tab);
      const request = demo.pageRequests.find(({ path }) => path === providerPagePaths[provider]);
      assert(request, `no request for ${providerPagePaths[provider]}`);
      const origin = request.referer && new URL(request.referer).origin;
      assert(origin === demo.appOrigin, `Referer: ${request.referer ?? 'none'}`);
    });
  }

  for (const provider of ['gigs', 'zapier']) {
    test(`${provider}: closing the popup → cancelled`, async (tab) => {
      await f.openProviderPage(tab, provider, 'popup');
      const popup = await f.openPopup(tab);
      // A user reads the page before closing it (a close within 1 s of the page showing looks
      // like a COOP-severed handle to the hook, and is not a cancel).
      await tab.pause(1200);
      await popup.close();
      await f.expectStatus(tab, 'cancelled');
      assert((await f.connectionCount(tab)) === 0, 'no connection after a cancel');
    });
  }

  test('emerge popup under COOP: the cut handle is no cancel; the relay delivers', async (tab) => {
    await f.openProviderPage(tab, 'emerge', 'popup');
    const popup = await f.openPopup(tab);
    // The mock Emerge page sends COOP: the opener's handle reads closed while the user reads
    // the page. Past the close rule's second, the flow must still be open.
    await tab.pause(1500);
    await f.expectStatus(tab, 'open');
    await f.choose(popup, 'success');
    await f.popupOutcome(tab, 'success', outcomeMessages.success);
    await until(async () => (await f.connectionCount(tab)) === 1, 'one connection');
  });

  test('two tabs: a sealed relay reaches only the tab whose flow it is', async (tab) => {
    const other = await tab.openTab();
    await f.openProviderPage(other, 'emerge', 'popup');
    const otherPopup = await f.openPopup(other);
    await f.openProviderPage(tab, 'emerge', 'popup');
    const popup = await f.openPopup(tab);
    // Under COOP only BroadcastChannel delivers, and every tab of the origin hears it.
    await f.choose(popup, 'success');
    await f.popupOutcome(tab, 'success', outcomeMessages.success);
    await f.expectStatus(other, 'open');
    await f.choose(otherPopup, 'user_failed');
    await f.popupOutcome(other, 'retry', 'You cancelled the connection.');
    await until(async () => (await f.connectionCount(tab)) === 1, 'one connection in all');
  });

  test('blocked popup in auto mode → full-page redirect, then success', async (tab) => {
    // `connect=1` opens on load with no click, so the blocker refuses the popup. No script in
    // the page before that: a driver's evaluate can count as a user gesture.
    await tab.goto(`${demo.appOrigin}/zapier?mode=auto&connect=1`, { wait: 'commit' });
    await tab.waitForAddress((url) => url.origin === demo.providersOrigin, "the provider's page");
    const address = new URL(await tab.address());
    assert(address.searchParams.has('redirect_uri'), 'the Connect UI opened in redirect mode');
    assert((await tab.windowCount()) === 1, 'no popup opened');
    await tab.waitFor('[data-outcome]');
    await f.choose(tab, 'success');
    await f.callbackScreen(tab, 'success', outcomeMessages.success);
    assert((await tab.windowCount()) === 1, 'no popup opened');
  });

  test('blocked popup in popup mode → popup_blocked', async (tab) => {
    await tab.goto(`${demo.appOrigin}/zapier?mode=popup&connect=1`);
    await f.popupOutcome(tab, 'error', outcomeMessages.popup_blocked);
    assert((await tab.windowCount()) === 1, 'no popup opened');
  });

  test('zapier: a reused connect token is rejected; a retry gets a fresh one', async (tab) => {
    await f.openProviderPage(tab, 'zapier', 'redirect');
    await f.redirectToProvider(tab);
    const first = await tab.url();
    await f.choose(tab, 'success');
    await f.callbackScreen(tab, 'success', outcomeMessages.success);
    // The same Connect UI URL again: the token was used up.
    await tab.goto(first);
    await f.callbackScreen(tab, 'error', core.zapierMessages.invalid_request);
    await tab.clickButton(/try again/i);
    // The router navigates in the page (no load event), back to where the user started.
    await tab.waitForUrl((url) => url.pathname === '/zapier', 'the Zapier page');
    await f.redirectToProvider(tab);
    const second = await tab.url();
    const token = (url) => new URL(url).searchParams.get('token');
    assert(token(second) !== token(first), 'the retry got a new token');
    await f.choose(tab, 'success');
    await f.callbackScreen(tab, 'success', outcomeMessages.success);
    // Popup mode: a reused token is refused on the Connect UI page itself.
    const popupMode = new URL(first);
    popupMode.searchParams.delete('redirect_uri');
    const again = await tab.openTab();
    await again.goto(popupMode.href);
    await until(async () => (await again.text('main'))?.includes('Invalid token'), 'Invalid token');
  });

  test('emerge redirect: a tampered state shows the error screen, never success', async (tab) => {
    await f.openProviderPage(tab, 'emerge', 'redirect');
    await f.redirectToProvider(tab);
    // An attacker's callback: the provider's own redirect, with another state.
    const fields = await tab.evaluate(() => [...new FormData(document.querySelector('form'))]);
    const form = new URLSearchParams([...fields, ['outcome', 'success']]);
    const answer = await fetch(`${demo.providersOrigin}/emerge/link/finish`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
    });
    const location = new URL(answer.headers.get('location'));
    location.searchParams.set('state', 'tampered');
    await tab.goto(location.href);
    await f.callbackScreen(tab, 'error', outcomeMessages.invalid_state);
    await f.expectCleanAddress(tab);
    assert((await f.connectionCount(tab)) === 0, 'no connection recorded');
  });

  test('emerge popup: a forged callback in the popup never counts as success', async (tab) => {
    await f.openProviderPage(tab, 'emerge', 'popup');
    const popup = await f.openPopup(tab);
    await popup.goto(
      `${demo.appOrigin}/connect/callback?status=success&state=forged&uid=psub_forged`,
      { wait: 'commit' },
    );
    await until(() => popup.isClosed(), 'the popup to relay and close');
    // What must not happen: a success arriving late.
    await tab.pause(500);
    const status = await tab.text('[data-testid=connect-status]');
    assert(!status.includes('success'), `the opener is not successful (${status})`);
    assert((await f.connectionCount(tab)) === 0, 'no connection recorded');
  });

  test('zapier popup: a crafted callback loaded in the opening tab mid-flow is no success', async (tab) => {
    await f.openProviderPage(tab, 'zapier', 'popup');
    await f.openPopup(tab);
    // Anything with a handle on this tab could send it here while the popup is open.
    await tab.goto(`${demo.appOrigin}/connect/callback?authentication_id=666&service=SlackAPI`);
    await f.callbackScreen(tab, 'error', outcomeMessages.unsolicited_callback);
    assert((await f.connectionCount(tab)) === 0, 'no connection recorded');
  });

  test('gigs popup: the opener reloads mid-flow; the popup handles the success itself', async (tab) => {
    await f.openProviderPage(tab, 'gigs', 'popup');
    const popup = await f.openPopup(tab);
    await tab.reload();
    await f.choose(popup, 'success');
    // No opener took the relay: the popup shows the screen and calls the app's onSuccess.
    await f.callbackScreen(popup, 'success', outcomeMessages.success);
    await until(async () => (await f.connectionCount(popup)) === 1, 'the popup records it');
    assert(!(await popup.isClosed()), 'the popup stays open to show the result');
    assert((await f.connectionCount(tab)) <= 1, 'recorded once');
  });

  test('the callback page never navigates to a URL taken from its parameters', async (tab) => {
    const elsewhere = encodeURIComponent(`${demo.providersOrigin}/elsewhere`);
    await tab.goto(
      `${demo.appOrigin}/connect/callback?session_id=csn_x&status=success` +
        `&redirect_uri=${elsewhere}&returnTo=${elsewhere}&next=${elsewhere}&continue=${elsewhere}`,
    );
    await tab.waitFor('.rcf[data-provider]');
    // What must not happen: a navigation some time after the screen shows.
    await tab.pause(500);
    const address = await tab.url();
    assert(new URL(address).origin === demo.appOrigin, `still on the app (${address})`);
    const links = await tab.evaluate(() =>
      [...document.querySelectorAll('.rcf a')].map((a) => a.href),
    );
    // The app's own support address is the only link that is not the app's origin.
    for (const href of links.filter((link) => link !== 'mailto:support@example.com')) {
      assert(new URL(href).origin === demo.appOrigin, `a link leaves the app: ${href}`);
    }
  });

  test('reloading the callback page does not run success twice', async (tab) => {
    await f.openProviderPage(tab, 'gigs', 'redirect');
    await f.redirectToProvider(tab);
    await f.choose(tab, 'success');
    await f.callbackScreen(tab, 'success', outcomeMessages.success);
    await until(async () => (await f.connectionCount(tab)) === 1, 'one connection');
    await tab.reload();
    await tab.waitFor('.rcf[data-provider]');
    // What must not happen: a second success some time after the reload.
    await tab.pause(300);
    assert((await f.connectionCount(tab)) === 1, 'still one connection after the reload');
  });

  /** The export-status reads the page made. */
  const statusReads = () =>
    demo.apiResponses.filter(({ url }) => new URL(url).pathname === '/api/connect/export-status');
  const exportState = (tab) => tab.attribute('[data-testid=export] [data-state]', 'data-state');
  /** Consents through the redirect flow; resolves to the uid the backend verified. */
  async function consent(tab) {
    await f.openProviderPage(tab, 'emerge', 'redirect');
    await f.redirectToProvider(tab);
    await f.choose(tab, 'success');
    await f.callbackScreen(tab, 'success', outcomeMessages.success);
    assert(demo.emergeUids.length === 1, `${demo.emergeUids.length} uids verified`);
    return demo.emergeUids[0];
  }

  test('emerge push: a data.ready webhook shows ready, with no polling before it', async (tab) => {
    const uid = await consent(tab);
    // The first read waits for the stream: once it is in, no event can be missed.
    await until(() => statusReads().length === 1, 'the first status read');
    // The mock's exports are ready 2.5 s after the consent (run.mjs): past that, no poll
    // noticed it.
    await tab.pause(3000);
    assert(statusReads().length === 1, `${statusReads().length} status reads before the webhook`);
    assert((await exportState(tab)) === 'polling', 'the page waits for the webhook');
    const sent = Date.now();
    const sources = [{ provider: 'google_data' }, { provider: 'gmail' }];
    const answer = await demo.sendEmergeWebhook({ event: 'data.ready', uid, sources });
    assert(answer.ok, `the webhook answered ${answer.status}`);
    await until(async () => (await exportState(tab)) === 'ready', 'export ready');
    console.log(`      push: webhook sent to "ready" on the page in ${Date.now() - sent} ms`);
    assert(statusReads().length === 2, `${statusReads().length} status reads: one per event`);
  });

  test('emerge consent: a consent about to end shows a banner; Reconnect starts a new flow', async (tab) => {
    await consent(tab);
    // Consents last 5 days in the mock here (run.mjs): the server calls it expiring.
    await f.openProviderPage(tab, 'emerge', 'redirect');
    await tab.waitFor('[data-testid=consent-banner]');
    const text = await tab.text('[data-testid=consent-banner]');
    assert(/Your Google data access ends in 4 days/.test(text ?? ''), `banner: ${text}`);
    const launches = () =>
      demo.apiResponses.filter(({ url }) => url.endsWith('/api/connect/launch/emerge')).length;
    assert(launches() === 1, `${launches()} launches before Reconnect`);
    demo.pageRequests.length = 0;
    // A new consent link, opened in a popup (the banner's flow is `auto`): what Emerge
    // documents for a user already connected ("already connected", no callback) is theirs to
    // show; the mock shows its consent page.
    const popup = await tab.waitForPopup(() => tab.clickButton(/^Reconnect$/));
    await f.onProviderPage(popup);
    assert(launches() === 2, `${launches()} launches: Reconnect minted no new link`);
    assert(
      demo.pageRequests.some(({ path }) => path === providerPagePaths.emerge),
      'the new link was opened',
    );
  });

  test('emerge fallback: with the events stream blocked, polling takes over', async (tab) => {
    if (!tab.page?.route) throw new NotApplicable('blocking one request needs Playwright routing');
    let blocked = 0;
    // What a proxy that refuses the stream answers: the browser gives up on it at once.
    await tab.page.route('**/api/connect/events', (route) => {
      blocked += 1;
      return route.fulfill({ status: 503, body: 'stream refused' });
    });
    await consent(tab);
    await until(async () => (await exportState(tab)) === 'ready', 'export ready by polling');
    assert(blocked >= 1, 'the page asked for the stream');
    // The read on the stream's failure, then polls until the exports are ready.
    assert(statusReads().length >= 3, `${statusReads().length} status reads: no polling`);
  });

  for (const mode of ['popup', 'redirect']) {
    test(`the launch URL is checked before any navigation (${mode}): javascript: is launch_failed at once`, async (tab, session) => {
      await f.openProviderPage(tab, 'gigs', mode);
      // The app's server answering with a script URL (as a compromised or buggy backend could).
      await tab.evaluate(() => {
        const realFetch = window.fetch;
        window.fetch = (input, init) =>
          String(input).endsWith('/api/connect/launch/gigs')
            ? Promise.resolve(
                Response.json({ url: 'javascript:alert(document.domain)', id: 'csn_x' }),
              )
            : realFetch(input, init);
      });
      const started = Date.now();
      await tab.clickButton(f.connectButton);
      await f.popupOutcome(tab, 'error', outcomeMessages.launch_failed);
      assert(Date.now() - started < 5000, `launch_failed took ${Date.now() - started} ms`);
      const address = await tab.url();
      assert(new URL(address).origin === demo.appOrigin, 'the page stayed on the app');
      const dialogs = session.errors.filter((error) => error.startsWith('dialog'));
      assert(dialogs.length === 0, `a script ran: ${dialogs.join()}`);
    });
  }

  for (const mode of ['popup', 'redirect']) {
    test(`emerge ${mode}: the uid never reaches the page (DOM, address, storage, API answers)`, async (tab) => {
      await f.openProviderPage(tab, 'emerge', mode);
      if (mode === 'popup') {
        const popup = await f.openPopup(tab);
        await f.choose(popup, 'success');
        await f.popupOutcome(tab, 'success', outcomeMessages.success);
      } else {
        await f.redirectToProvider(tab);
        await f.choose(tab, 'success');
        await f.callbackScreen(tab, 'success', outcomeMessages.success);
      }
      await until(async () => (await f.connectionCount(tab)) === 1, 'one connection');
      const seen = await tab.evaluate(() => ({
        html: document.documentElement.outerHTML,
        address: location.href,
        session: JSON.stringify({ ...sessionStorage }),
        local: JSON.stringify({ ...localStorage }),
        history: JSON.stringify(history.state),
      }));
      // Emerge itself sends the browser to the server's callback route with the uid in its
      // query (https://docs.emergedata.ai/link/callbacks); the server answers 303 without it. What scripts read: API answers.
      const answers = demo.apiResponses.filter(({ status }) => status !== 303);
      assert(answers.length > 0, 'the API answered');
      const text = [...Object.values(seen), ...answers.map(({ body }) => body)].join('\n');
      assert(!/psub_/.test(text), 'an Emerge uid reached the page');
      assert(!/[?&](state|uid)=/.test(seen.address), `the address keeps ${seen.address}`);
    });
  }

  for (const provider of ['gigs', 'zapier']) {
    test(
      `${provider} redirect, then Back (back-forward cache): idle again, and Connect works`,
      async (tab) => {
        await f.openProviderPage(tab, provider, 'redirect');
        await tab.evaluate(() => {
          window.addEventListener('pageshow', (event) => {
            if (event.persisted) document.body.dataset.restored = 'yes';
          });
        });
        await f.redirectToProvider(tab);
        await tab.back();
        await until(
          async () => (await tab.evaluate(() => document.body.dataset.restored)) === 'yes',
          'the page restored from the back-forward cache',
        );
        await f.expectStatus(tab, 'idle');
        await f.redirectToProvider(tab);
        await f.choose(tab, 'success');
        await f.callbackScreen(tab, 'success', outcomeMessages.success);
      },
      { backForwardCache: true },
    );
  }

  funnelScenarios(test, f, demo, outcomeMessages);

  for (const colorScheme of ['light', 'dark']) {
    test(
      `every demo page is axe-clean in the ${colorScheme} scheme`,
      async (tab) => {
        const pages = [
          '/',
          '/gigs',
          '/emerge',
          '/zapier',
          '/connect/callback?session_id=csn_x&status=success',
          '/connect/callback?error=access_denied&state=x',
        ];
        for (const path of pages) {
          await tab.goto(`${demo.appOrigin}${path}`);
          await tab.waitFor('h1');
          const dark = await tab.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
          if (dark !== (colorScheme === 'dark')) {
            throw new NotApplicable(`the engine's page does not report ${colorScheme}`);
          }
          await tab.evaluate((source) => (0, eval)(source), axeSource);
          const violations = await tab.evaluate(async () =>
            (await window.axe.run()).violations.map(
              (v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target}`,
            ),
          );
          assert(violations.length === 0, `${path} in ${colorScheme}: ${violations.join('; ')}`);
        }
      },
      { colorScheme },
    );
  }

  return tests;
}
