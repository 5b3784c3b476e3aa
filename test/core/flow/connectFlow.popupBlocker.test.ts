import { describe, expect, it } from 'vitest';
import { runPopupBlocker } from '../../browser/popup-blocker';

// Real Chromium with its popup blocker on (see test/browser/popup-blocker.ts): run here, in
// node, because the browser project's Chromium has popup blocking switched off.
describe('popup blocker (Chromium, playwright-core)', () => {
  it('opens the popup in the click although launch outlives the gesture; a timer is blocked', async () => {
    const result = await runPopupBlocker();
    // The flow's popup exists right after the click, before launch resolved, and finished.
    expect(result.popupsAfterClick).toBe(1);
    expect(result.click).toMatchObject({ 'click:status': 'launching', click: 'success' });
    // The control: the same wait, then window.open, is blocked: the blocker really is on.
    expect(result.click.naive).toBe('blocked');
    expect(result.popups).toBe(1);
    expect(result.timerPopup).toMatchObject({ timer: 'popup_blocked' });
    expect(result.timerAuto).toMatchObject({ 'timer:status': 'launching', redirected: 'success' });
  }, 60_000);
});
