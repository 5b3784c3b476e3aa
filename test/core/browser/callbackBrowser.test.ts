import { describe, expect, it, vi } from 'vitest';
import { windowCallbackBrowser } from '../../../src/core/browser/callbackBrowser';

describe('windowCallbackBrowser', () => {
  it('reads and writes the address and the history entry of the window it is given', () => {
    const win = {
      location: { href: 'https://app.example/cb?x=1' },
      history: { state: { key: 'k' }, replaceState: vi.fn() },
      close: vi.fn(),
      setTimeout: vi.fn(),
    };
    const browser = windowCallbackBrowser(win as unknown as Window);
    expect(browser.href()).toBe('https://app.example/cb?x=1');
    expect(browser.historyState()).toEqual({ key: 'k' });
    browser.replaceHistory({ rcf: 1 }, '/cb');
    expect(win.history.replaceState).toHaveBeenCalledWith({ rcf: 1 }, '', '/cb');
    browser.closeWindow();
    expect(win.close).toHaveBeenCalledOnce();
    const run = () => {};
    browser.after(400, run);
    expect(win.setTimeout).toHaveBeenCalledWith(run, 400);
    expect(browser.relayWindow).toBe(win);
  });
});
