// Steps a user takes in the demo, and what they see, on the engine-neutral Tab (engines/tab.mjs).
import { assert, until } from './harness.mjs';

/**
 * In the opener: records what crosses the relay's BroadcastChannel (type and arrival time), for
 * the report of a flow that never ends. Listening changes nothing for the package's channel.
 */
function recordRelays() {
  if (window.e2eRelays) return;
  window.e2eRelays = [];
  const started = Date.now();
  window.e2eRelayChannel = new BroadcastChannel('react-connect-flow');
  window.e2eRelayChannel.onmessage = ({ data }) =>
    window.e2eRelays.push({ type: data?.type, at: Date.now() - started });
}

/**
 * What a popup shows: its address, its screen, what its sessionStorage holds, and its history
 * entry (whose `returnTo` comes from the flow context: none means the popup had no context).
 */
async function popupReport(popup) {
  if (!popup) return 'none';
  if (await popup.isClosed().catch(() => true)) return 'closed';
  return JSON.stringify(
    await popup
      .evaluate(() => {
        const screen = document.querySelector('.rcf[data-provider]');
        return {
          path: location.pathname,
          screen: screen && `${screen.dataset.state}: ${screen.textContent.slice(0, 80)}`,
          storage: Object.keys(sessionStorage),
          history: history.state,
        };
      })
      .catch((error) => String(error.message).split('\n')[0]),
  );
}

export function flows({ appOrigin, providersOrigin }, callbackParams) {
  const connectButton = /^Connect /;

  async function openProviderPage(tab, provider, mode) {
    await tab.goto(`${appOrigin}/${provider}?mode=${mode}`);
    await tab.waitFor('button');
  }

  const onProviderPage = (tab) =>
    tab.waitForUrl((url) => url.origin === providersOrigin, "the provider's page");

  /** The popup each opener tab opened last, to report what it showed when a flow hangs. */
  const popups = new WeakMap();

  /** Clicks Connect and returns the popup once it shows the provider's page. */
  async function openPopup(tab) {
    await tab.evaluate(recordRelays);
    const popup = await tab.waitForPopup(() => tab.clickButton(connectButton));
    popups.set(tab, popup);
    await onProviderPage(popup);
    await popup.waitFor('[data-outcome]');
    return popup;
  }

  /** Clicks Connect in redirect mode; resolves on the provider's page. */
  async function redirectToProvider(tab) {
    await tab.clickButton(connectButton);
    await onProviderPage(tab);
    await tab.waitFor('[data-outcome]');
  }

  const choose = (tab, outcome) => tab.click(`button[data-outcome="${outcome}"]`);

  /** Waits for a screen (`selector` with `data-state`) and checks its state and message. */
  async function expectScreen(tab, selector, state, message) {
    const screen = `${selector}[data-state]`;
    const read = () =>
      tab.evaluate((s) => {
        const element = document.querySelector(s);
        return element && { state: element.dataset.state, text: element.textContent };
      }, screen);
    let seen;
    const shown = async () => {
      seen = await read();
      return seen?.state === state && seen.text.includes(message);
    };
    // An upper bound only: WebKit's popups under COOP are slow on a loaded 2-core machine.
    await until(shown, `screen "${state}" with "${message}"`, 20_000).catch((error) => {
      throw new Error(`${error.message}\n      saw data-state=${seen?.state}: ${seen?.text}`);
    });
  }

  const callbackScreen = (tab, state, message) =>
    expectScreen(tab, '.rcf[data-provider]', state, message);
  const popupOutcome = (tab, state, message) =>
    expectScreen(tab, '[data-testid=outcome] .rcf', state, message).catch(async (error) => {
      const status = await tab.text('[data-testid=connect-status]').catch(() => '?');
      const relays = await tab.evaluate(() => window.e2eRelays).catch(() => '?');
      const popup = await popupReport(popups.get(tab));
      throw new Error(
        `${error.message.split('\n')[0]} (opener says "${status}")` +
          `\n      relay messages the opener heard: ${JSON.stringify(relays)}` +
          `\n      the popup: ${popup}`,
      );
    });

  async function expectCleanAddress(tab) {
    const url = new URL(await tab.url());
    const left = callbackParams.filter((name) => url.searchParams.has(name));
    assert(
      left.length === 0,
      `callback parameters left in the address bar: ${left.join(', ')} (${url.search})`,
    );
  }

  async function connectionCount(tab) {
    const text = await tab.text('[data-testid=connection-count]');
    return Number(/\d+/.exec(text ?? '')?.[0]);
  }

  async function expectStatus(tab, status) {
    await until(
      async () => (await tab.text('[data-testid=connect-status]'))?.includes(status),
      `status "${status}"`,
    );
  }

  const onCallbackPage = (tab) =>
    tab.waitForUrl(
      (url) => url.origin === appOrigin && url.pathname === '/connect/callback',
      'the callback page',
    );

  return {
    connectButton,
    openProviderPage,
    openPopup,
    redirectToProvider,
    choose,
    callbackScreen,
    popupOutcome,
    expectCleanAddress,
    connectionCount,
    expectStatus,
    onCallbackPage,
    onProviderPage,
  };
}
