import { describe, expect, it } from 'vitest';
import {
  PopupWatch,
  readClosedPopup,
  type ClosedPopupFacts,
} from '../../../src/core/flow/popupWatch';

// The close rule as a table: every combination of the four facts.
const table: [ClosedPopupFacts, 'cancelled' | 'maybe-severed'][] = [];
for (const navigated of [false, true]) {
  for (const shownForASecond of [false, true]) {
    for (const closeDetection of [false, true]) {
      for (const relays of [false, true]) {
        const facts = { navigated, shownForASecond, closeDetection, relays };
        let expected: 'cancelled' | 'maybe-severed';
        if (!navigated) expected = 'cancelled';
        else if (!closeDetection) expected = 'maybe-severed';
        else if (!relays) expected = 'cancelled';
        else expected = shownForASecond ? 'cancelled' : 'maybe-severed';
        table.push([facts, expected]);
      }
    }
  }
}

describe('readClosedPopup', () => {
  it.each(table)('%o → %s', (facts, expected) => {
    expect(readClosedPopup(facts)).toBe(expected);
  });

  it('the cases that matter, by name', () => {
    const base = { navigated: true, shownForASecond: false, closeDetection: true, relays: true };
    // Our blank popup closed while launching: the user.
    expect(readClosedPopup({ ...base, navigated: false, closeDetection: false })).toBe('cancelled');
    // COOP cut the handle right after navigating: the relay may still come.
    expect(readClosedPopup(base)).toBe('maybe-severed');
    // Shown for a second, then closed: the user.
    expect(readClosedPopup({ ...base, shownForASecond: true })).toBe('cancelled');
    // Zapier posts its result: a closed handle can no longer deliver.
    expect(readClosedPopup({ ...base, relays: false })).toBe('cancelled');
    // Emerge (Google's COOP later in the flow): never a cancel.
    expect(readClosedPopup({ ...base, shownForASecond: true, closeDetection: false })).toBe(
      'maybe-severed',
    );
  });
});

describe('PopupWatch', () => {
  const popup = (closed: boolean, href = 'https://provider.example/') => ({
    closed,
    focus: () => {},
    close: () => {},
    postMessage: () => {},
    location: {
      get href(): string {
        if (href !== 'about:blank') throw new Error('cross-origin');
        return href;
      },
    },
  });

  it('decides one tick after the handle first reads closed', () => {
    const watch = new PopupWatch(true, true);
    watch.navigated();
    expect(watch.closedByUser(popup(false), 0)).toBe(false);
    expect(watch.closedByUser(popup(false), 1200)).toBe(false);
    expect(watch.closedByUser(popup(true), 1300)).toBe(false);
    expect(watch.closedByUser(popup(true), 1400)).toBe(true);
  });

  it('a page shown for less than a second, then closed, is maybe severed', () => {
    const watch = new PopupWatch(true, true);
    watch.navigated();
    watch.closedByUser(popup(false), 0);
    watch.closedByUser(popup(true), 100);
    expect(watch.closedByUser(popup(true), 200)).toBe(false);
  });

  it('our blank page closed before navigating is a cancel', () => {
    const watch = new PopupWatch(false, true);
    expect(watch.hasNavigated).toBe(false);
    watch.closedByUser(popup(true, 'about:blank'), 0);
    expect(watch.closedByUser(popup(true, 'about:blank'), 100)).toBe(true);
  });
});
