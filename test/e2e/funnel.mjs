// The funnel (`onEvent`) as the demo lists it on screen (FunnelLog.tsx: the latest attempt's
// events, one `li[data-type]` each), for each flow kind: popup success, redirect, a blocked
// popup (auto falls back to a redirect; popup mode ends), and a cancelled popup. Each test
// prints the list as the demo shows it.
import { assert, until } from './harness.mjs';

const readFunnel = (tab) =>
  tab.evaluate(() =>
    [...document.querySelectorAll('[data-testid=funnel] li')].map((item) => ({
      type: item.dataset.type,
      text: item.textContent,
    })),
  );

/** Waits for the on-screen list to show exactly `types`, in order; prints it; returns it. */
async function expectFunnel(tab, kind, types) {
  let seen = [];
  const shown = async () => {
    seen = await readFunnel(tab);
    return seen.map((item) => item.type).join() === types.join();
  };
  await until(shown, `the funnel ${types.join(' → ')}`).catch((error) => {
    throw new Error(
      `${error.message}; the demo lists ${seen.map((item) => item.type).join(' → ')}`,
    );
  });
  console.log(`    funnel, ${kind}:\n${seen.map((item) => `      ${item.text}`).join('\n')}`);
  return seen.map((item) => item.text);
}

const modes = (lines) => lines.map((line) => line.split(' · ')[1]);

export function funnelScenarios(test, f, demo, messages) {
  test('funnel: popup success lists started → … → outcome success', async (tab) => {
    await f.openProviderPage(tab, 'zapier', 'popup');
    const popup = await f.openPopup(tab);
    await f.choose(popup, 'success');
    await f.popupOutcome(tab, 'success', messages.success);
    const lines = await expectFunnel(tab, 'popup success (zapier)', [
      ...['started', 'launched', 'provider_shown', 'returned', 'outcome'],
    ]);
    assert(
      modes(lines).every((mode) => mode === 'popup'),
      `modes: ${modes(lines)}`,
    );
    assert(lines.at(-1).endsWith('· success'), `the outcome: ${lines.at(-1)}`);
  });

  test('funnel: redirect, the callback page continues the same attempt', async (tab) => {
    await f.openProviderPage(tab, 'gigs', 'redirect');
    await f.redirectToProvider(tab);
    await f.choose(tab, 'success');
    await f.callbackScreen(tab, 'success', messages.success);
    // The demo lists one attempt only: returned and outcome joined the first document's steps.
    const lines = await expectFunnel(tab, 'redirect (gigs)', [
      ...['started', 'launched', 'provider_shown', 'returned', 'outcome'],
    ]);
    assert(
      modes(lines).every((mode) => mode === 'redirect'),
      `modes: ${modes(lines)}`,
    );
  });

  test('funnel: blocked popup in auto mode, then the redirect', async (tab) => {
    await tab.goto(`${demo.appOrigin}/zapier?mode=auto&connect=1`, { wait: 'commit' });
    await tab.waitForAddress((url) => url.origin === demo.providersOrigin, "the provider's page");
    await tab.waitFor('[data-outcome]');
    await f.choose(tab, 'success');
    await f.callbackScreen(tab, 'success', messages.success);
    const lines = await expectFunnel(tab, 'blocked popup, auto → redirect (zapier)', [
      ...['started', 'popup_blocked', 'launched', 'provider_shown', 'returned', 'outcome'],
    ]);
    const expected = ['popup', 'popup', 'redirect', 'redirect', 'redirect', 'redirect'];
    assert(modes(lines).join() === expected.join(), `modes: ${modes(lines)}`);
  });

  test('funnel: blocked popup in popup mode ends popup_blocked', async (tab) => {
    await tab.goto(`${demo.appOrigin}/zapier?mode=popup&connect=1`);
    await f.popupOutcome(tab, 'error', messages.popup_blocked);
    const lines = await expectFunnel(tab, 'blocked popup, popup mode (zapier)', [
      ...['started', 'popup_blocked', 'outcome'],
    ]);
    assert(lines.at(-1).endsWith('error (popup_blocked)'), `the outcome: ${lines.at(-1)}`);
  });

  test('funnel: a cancelled popup ends with one cancelled outcome', async (tab) => {
    await f.openProviderPage(tab, 'zapier', 'popup');
    const popup = await f.openPopup(tab);
    await tab.pause(1200);
    await popup.close();
    await f.expectStatus(tab, 'cancelled');
    const lines = await expectFunnel(tab, 'cancelled popup (zapier)', [
      ...['started', 'launched', 'provider_shown', 'outcome'],
    ]);
    assert(lines.at(-1).endsWith('retry (cancelled)'), `the outcome: ${lines.at(-1)}`);
  });
}
