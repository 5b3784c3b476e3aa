// The synchronous part of a press (before the flow's lazy part loads): record, funnel, popup.
import { describe, expect, it } from 'vitest';
import { readFlowRecord } from '../../../src/core/browser/flowRecord';
import type { ConnectEvent } from '../../../src/core/browser/connectEvent';
import type { AttemptSettings } from '../../../src/core/flow/connectOptions';
import { abandonStart, resumePopup, startAttempt } from '../../../src/core/flow/attemptStart';
import { emerge } from '../../../src/core/model/providers/emerge';
import { appOrigin, fakeFlowBrowser } from '../fakeFlowBrowser';

const settings: AttemptSettings = {
  mode: 'popup',
  redirectUri: `${appOrigin}/connect/callback`,
  timeout: 60_000,
  launchTimeout: 30_000,
  closeDetection: true,
  popupSize: { width: 500, height: 600 },
};

function press(mode: AttemptSettings['mode'], popup: 'open' | 'blocked' | 'closed' = 'open') {
  const fake = fakeFlowBrowser({ popup });
  const events: ConnectEvent[] = [];
  const start = startAttempt(emerge, fake.browser, { ...settings, mode }, () => (event) => {
    events.push(event);
  });
  return { ...fake, start, events, types: () => events.map((event) => event.type) };
}

describe('startAttempt', () => {
  it('popup mode: a fresh record, the funnel started, the popup open with its copy', () => {
    const run = press('popup');
    const { record, funnel, popup } = run.start;
    expect(run.types()).toEqual(['started']);
    expect(run.browser.openPopup).toHaveBeenCalledWith({ width: 500, height: 600 });
    expect(popup).toBe(run.popups[0]);
    expect(record).toMatchObject({
      provider: 'emerge',
      mode: 'popup',
      returnTo: run.browser.currentPath(),
    });
    expect(record.state).toMatch(/^[\w-]{43}$/);
    expect(record.relayKey).toMatch(/^[\w-]{43}$/);
    expect(record.attemptId).toBe(funnel.attemptId);
    expect(record.expiresAt).toBe(funnel.startedAt + 60_000);
    // The popup's copy of the record, and the opener's, held until the flow releases it.
    expect(readFlowRecord(run.popups[0]?.sessionStorage)?.state).toBe(record.state);
    expect(readFlowRecord(run.browser.storage)?.state).toBe(record.state);
    run.start.releaseOpenerCopy();
    expect(readFlowRecord(run.browser.storage)).toBeUndefined();
  });

  it('two presses make two different states, relay keys and attempt ids', () => {
    const [one, two] = [press('popup').start, press('popup').start];
    expect(one.record.state).not.toBe(two.record.state);
    expect(one.record.relayKey).not.toBe(two.record.relayKey);
    expect(one.funnel.attemptId).not.toBe(two.funnel.attemptId);
  });

  it('redirect mode: no popup and nothing stored yet (the redirect stores it when it leaves)', () => {
    const run = press('redirect');
    expect(run.start.popup).toBeNull();
    expect(run.browser.openPopup).not.toHaveBeenCalled();
    expect(readFlowRecord(run.browser.storage)).toBeUndefined();
    expect(run.types()).toEqual(['started']);
    expect(run.start.funnel.mode).toBe('redirect');
  });

  it.each(['blocked', 'closed'] as const)(
    'a %s popup: popup_blocked, no copy left; auto mode goes on as a redirect',
    (popup) => {
      const popupMode = press('popup', popup);
      expect(popupMode.start.popup).toBeNull();
      expect(popupMode.types()).toEqual(['started', 'popup_blocked']);
      expect(popupMode.start.funnel.mode).toBe('popup');
      expect(readFlowRecord(popupMode.browser.storage)).toBeUndefined();
      const autoMode = press('auto', popup);
      expect(autoMode.start.popup).toBeNull();
      expect(autoMode.start.funnel.mode).toBe('redirect');
    },
  );
});

describe('resumePopup and abandonStart', () => {
  it('a second press focuses an open popup; a closed one means start again', () => {
    const run = press('popup');
    expect(resumePopup(run.start.popup)).toBe(true);
    expect(run.popups[0]?.focus).toHaveBeenCalledOnce();
    run.popups[0]?.close();
    expect(resumePopup(run.start.popup)).toBe(false);
    // No popup (a redirect launching): the press waits for it.
    expect(resumePopup(null)).toBe(true);
  });

  it('abandoning a start closes its popup, drops the copy and ends the funnel as cancelled', () => {
    const run = press('popup');
    abandonStart(run.start);
    expect(run.popups[0]?.closed).toBe(true);
    expect(readFlowRecord(run.browser.storage)).toBeUndefined();
    expect(run.events.at(-1)).toMatchObject({
      type: 'outcome',
      screen: 'retry',
      code: 'cancelled',
    });
  });
});
