import { describe, expect, it } from 'vitest';
import { readClosedPopup, type ClosedPopupFacts } from '../../src/core/popupClosing';

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
