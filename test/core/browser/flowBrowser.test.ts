import { describe, expect, it, vi } from 'vitest';
import {
  defaultPopupSize,
  showsBlank,
  windowFlowBrowser,
} from '../../../src/core/browser/flowBrowser';
import { fakePopup } from '../fakeFlowBrowser';

/** A window with the members the flow reads, each observable. */
function stubWindow() {
  const listeners = new Map<string, Set<(event: unknown) => void>>();
  const on = (type: string) => listeners.get(type) ?? listeners.set(type, new Set()).get(type)!;
  const win = {
    location: {
      origin: 'https://app.example',
      pathname: '/a',
      search: '?b=1',
      hash: '#c',
      assign: vi.fn(),
    },
    screenX: 100,
    screenY: 50,
    outerWidth: 1200,
    outerHeight: 900,
    open: vi.fn(() => fakePopup()),
    addEventListener: (type: string, listener: (event: unknown) => void) => on(type).add(listener),
    removeEventListener: (type: string, listener: (event: unknown) => void) =>
      on(type).delete(listener),
    setInterval: vi.fn(() => 7),
    clearInterval: vi.fn(),
  };
  const dispatch = (type: string, event: unknown) =>
    on(type).forEach((listener) => listener(event));
  return { win, dispatch, count: (type: string) => on(type).size };
}

describe('windowFlowBrowser', () => {
  it("opens a blank popup centred on the app, Zapier's documented size by default", () => {
    const { win } = stubWindow();
    windowFlowBrowser(win as unknown as Window).openPopup(defaultPopupSize);
    expect(win.open).toHaveBeenCalledWith(
      'about:blank',
      '_blank',
      'width=980,height=700,left=210,top=150',
    );
  });

  it('reads where the user is, and leaves the page with location.assign', () => {
    const { win } = stubWindow();
    const browser = windowFlowBrowser(win as unknown as Window);
    expect(browser.origin).toBe('https://app.example');
    expect(browser.currentPath()).toBe('/a?b=1#c');
    browser.navigate('https://provider.example/start');
    expect(win.location.assign).toHaveBeenCalledWith('https://provider.example/start');
  });

  it('hears only pages restored from the back-forward cache, and stops hearing on cleanup', () => {
    const { win, dispatch, count } = stubWindow();
    const restored = vi.fn();
    const stop = windowFlowBrowser(win as unknown as Window).onPageRestored(restored);
    dispatch('pageshow', { persisted: false });
    expect(restored).not.toHaveBeenCalled();
    dispatch('pageshow', { persisted: true });
    expect(restored).toHaveBeenCalledOnce();
    stop();
    expect(count('pageshow')).toBe(0);
  });

  it('hears the page being left (pagehide, cached or not), and stops hearing on cleanup', () => {
    const { win, dispatch, count } = stubWindow();
    const left = vi.fn();
    const stop = windowFlowBrowser(win as unknown as Window).onPageHide?.(left);
    dispatch('pagehide', { persisted: false });
    dispatch('pagehide', { persisted: true });
    expect(left).toHaveBeenCalledTimes(2);
    stop?.();
    expect(count('pagehide')).toBe(0);
  });

  it('each subscription returns its own cleanup', () => {
    const { win, count } = stubWindow();
    const browser = windowFlowBrowser(win as unknown as Window);
    const stopMessages = browser.onMessage(() => {});
    expect(count('message')).toBe(1);
    stopMessages();
    expect(count('message')).toBe(0);
    const stopTimer = browser.every(100, () => {});
    stopTimer();
    expect(win.clearInterval).toHaveBeenCalledWith(7);
  });
});

describe('showsBlank', () => {
  it('is true on our about:blank, false once a cross-origin page committed', () => {
    const popup = fakePopup();
    expect(showsBlank(popup)).toBe(true);
    popup.location.href = 'https://provider.example/';
    popup.commit();
    expect(showsBlank(popup)).toBe(false);
  });
});
