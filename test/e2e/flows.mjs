// Steps a user takes in the demo, and what they see.
import { assert, until } from './harness.mjs';

export function flows({ appOrigin, providersOrigin }, callbackParams) {
  const connectButton = (page) => page.getByRole('button', { name: /^Connect / });

  async function openProviderPage(page, provider, mode) {
    await page.goto(`${appOrigin}/${provider}?mode=${mode}`);
    await connectButton(page).waitFor();
  }

  /** Clicks Connect and returns the popup once it shows the provider's page. */
  async function openPopup(page) {
    const [popup] = await Promise.all([page.waitForEvent('popup'), connectButton(page).click()]);
    await popup.waitForURL((url) => url.origin === providersOrigin);
    await popup.locator('[data-outcome]').first().waitFor();
    return popup;
  }

  /** Clicks Connect in redirect mode; resolves on the provider's page. */
  async function redirectToProvider(page) {
    await connectButton(page).click();
    await page.waitForURL((url) => url.origin === providersOrigin);
    await page.locator('[data-outcome]').first().waitFor();
  }

  const choose = (page, outcome) => page.locator(`button[data-outcome="${outcome}"]`).click();

  /** Waits for a screen (`selector` with `data-state`) and checks its state and message. */
  async function expectScreen(page, selector, state, message) {
    const screen = page.locator(`${selector}[data-state]`).first();
    await screen.waitFor();
    const seen = await until(async () => {
      const value = await screen.getAttribute('data-state');
      const text = await screen.textContent();
      return value === state && text.includes(message) ? true : undefined;
    }, `screen "${state}" with "${message}"`).catch(async (error) => {
      const text = await screen.textContent().catch(() => '');
      throw new Error(
        `${error.message}\n      saw data-state=${await screen.getAttribute('data-state')}: ${text}`,
      );
    });
    return seen;
  }

  const callbackScreen = (page, state, message) =>
    expectScreen(page, '.rcf[data-provider]', state, message);
  const popupOutcome = (page, state, message) =>
    expectScreen(page, '[data-testid=outcome] .rcf', state, message).catch(async (error) => {
      const status = await page
        .getByTestId('connect-status')
        .textContent()
        .catch(() => '?');
      throw new Error(`${error.message.split('\n')[0]} (opener says "${status}")`);
    });

  async function expectCleanAddress(page) {
    const url = new URL(page.url());
    const left = callbackParams.filter((name) => url.searchParams.has(name));
    assert(
      left.length === 0,
      `callback parameters left in the address bar: ${left.join(', ')} (${url.search})`,
    );
  }

  async function connectionCount(page) {
    const text = await page.getByTestId('connection-count').first().textContent();
    return Number(/\d+/.exec(text ?? '')?.[0]);
  }

  async function expectStatus(page, status) {
    await until(
      async () => (await page.getByTestId('connect-status').textContent())?.includes(status),
      `status "${status}"`,
    );
  }

  return {
    openProviderPage,
    openPopup,
    redirectToProvider,
    choose,
    callbackScreen,
    popupOutcome,
    expectCleanAddress,
    connectionCount,
    expectStatus,
    connectButton,
  };
}
