// The opener's copy of a popup flow's context: kept past `window.open` (WebKit copies
// sessionStorage into the popup later), gone once the popup was sent to the provider, the
// attempt ended, or the page was left.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FlowAttempt } from '../../../src/core/flow/flowAttempt';
import { startAttempt as beginAttempt } from '../../../src/core/flow/attemptStart';
import type { AttemptSettings } from '../../../src/core/flow/connectOptions';
import { readFlowRecord } from '../../../src/core/browser/flowRecord';
import { emerge } from '../../../src/core/model/providers/emerge';
import type { ConnectOutcome } from '../../../src/core/model/types';
import { appOrigin, fakeFlowBrowser } from '../fakeFlowBrowser';
// The flow loads the relay listener with import(); loading it here first keeps that import
// quick on a loaded machine (the tests still wait for the popup to be sent before relaying).
import '../../../src/core/flow/relayListener';

const settings: AttemptSettings = {
  mode: 'popup',
  redirectUri: `${appOrigin}/connect/callback`,
  timeout: 600_000,
  launchTimeout: 30_000,
  closeDetection: true,
  popupSize: {},
};
const emergeLaunch = { url: 'https://link.emergedata.ai/link/start?state=s&signature=x' };

/** An Emerge attempt whose launch resolves when the test says; the popup's copy comes late. */
function startAttempt(options: { mode?: AttemptSettings['mode']; popup?: 'open' | 'blocked' }) {
  const fake = fakeFlowBrowser({ popup: options.popup ?? 'open', storageCopy: 'late' });
  const outcomes: ConnectOutcome[] = [];
  let resolveLaunch: (launch: typeof emergeLaunch) => void = () => {};
  let rejectLaunch: (error: Error) => void = () => {};
  const attemptSettings: AttemptSettings = { ...settings, mode: options.mode ?? 'popup' };
  // The press (the popup opens in it), then the rest of the attempt.
  const start = beginAttempt(emerge, fake.browser, attemptSettings, () => undefined);
  const attempt = new FlowAttempt(
    emerge,
    fake.browser,
    attemptSettings,
    {
      launch: () =>
        new Promise((resolve, reject) => {
          resolveLaunch = resolve;
          rejectLaunch = reject;
        }),
      onRunning: () => {},
      onOutcome: (outcome) => void outcomes.push(outcome),
      onAbandoned: () => {},
    },
    start,
  );
  attempt.run();
  return {
    ...fake,
    attempt,
    outcomes,
    resolveLaunch: (launch = emergeLaunch) => resolveLaunch(launch),
    rejectLaunch: (error = new Error('no launch')) => rejectLaunch(error),
    openerCopy: () => readFlowRecord(fake.browser.storage),
    popupCopy: () => readFlowRecord(fake.popups[0]?.sessionStorage),
  };
}

const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("the opener's copy of a popup flow's context", () => {
  it('is still there when the browser copies sessionStorage into the popup after window.open (WebKit)', async () => {
    const run = startAttempt({});
    await settle();
    // WebKit's copy is taken after `window.open` returned, while the launch is on its way.
    run.copyIntoPopups();
    expect(run.popupCopy()).toMatchObject({ provider: 'emerge', mode: 'popup' });
    expect(run.popupCopy()?.relayKey).toMatch(/^[\w-]{43}$/);
  });

  it('goes a tick after the popup was sent to the provider, not before', async () => {
    const run = startAttempt({});
    await vi.advanceTimersByTimeAsync(1000);
    expect(run.openerCopy()).toBeDefined();
    run.resolveLaunch();
    // The relay listener loads with import(): the popup is sent once it listens.
    await vi.waitFor(() => expect(run.popups[0]?.navigatedTo).toBe(emergeLaunch.url), {
      timeout: 10_000,
    });
    await vi.advanceTimersByTimeAsync(100);
    expect(run.openerCopy()).toBeUndefined();
    expect(run.outcomes).toEqual([]);
  });

  it('goes when the attempt ends before the popup was sent (a failed launch, close())', async () => {
    const failed = startAttempt({});
    failed.rejectLaunch();
    await settle();
    expect(failed.outcomes[0]?.code).toBe('launch_failed');
    expect(failed.openerCopy()).toBeUndefined();
    expect(failed.listening()).toBe(0);
    const cancelled = startAttempt({});
    cancelled.attempt.cancel();
    expect(cancelled.openerCopy()).toBeUndefined();
    expect(cancelled.listening()).toBe(0);
  });

  it('goes when this page is left while launching: no next page of the tab finds it', () => {
    const run = startAttempt({});
    expect(run.openerCopy()).toBeDefined();
    run.hidePage();
    expect(run.openerCopy()).toBeUndefined();
  });

  it('is never kept for a blocked popup', async () => {
    const popupMode = startAttempt({ popup: 'blocked' });
    expect(popupMode.outcomes[0]?.code).toBe('popup_blocked');
    expect(popupMode.openerCopy()).toBeUndefined();
    const autoMode = startAttempt({ mode: 'auto', popup: 'blocked' });
    expect(autoMode.openerCopy()).toBeUndefined();
    autoMode.resolveLaunch();
    await settle();
    // The redirect's own context, which must survive leaving the page for the provider.
    expect(autoMode.openerCopy()?.mode).toBe('redirect');
    autoMode.hidePage();
    expect(autoMode.openerCopy()?.mode).toBe('redirect');
  });
});
