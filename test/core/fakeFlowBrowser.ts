import { vi } from 'vitest';
import type { FlowBrowser } from '../../src/core/browser/flowBrowser';
import type { MessageLike } from '../../src/core/model/providerMessage';

export const appOrigin = 'https://app.example';

/** sessionStorage in memory. */
export function memoryStorage(): Storage {
  const data = new Map<string, string>();
  return {
    get length() {
      return data.size;
    },
    key: (index) => [...data.keys()][index] ?? null,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, String(value)),
    removeItem: (key) => void data.delete(key),
    clear: () => data.clear(),
  };
}

/** The popup as the opener sees it: our about:blank, then the provider page (cross-origin). */
export function fakePopup(sessionStorage: Storage = memoryStorage()) {
  const popup = {
    /** The popup's own sessionStorage: a copy of the opener's when it opened. */
    sessionStorage,
    closed: false,
    page: 'about:blank',
    navigatedTo: undefined as string | undefined,
    /** Each navigation the opener sends the popup on (`location.href = url`). */
    navigate: vi.fn((url: string) => void (popup.navigatedTo = url)),
    focus: vi.fn(),
    close: vi.fn(() => void (popup.closed = true)),
    postMessage: vi.fn(),
    location: {
      get href() {
        const crossOrigin = popup.page !== 'about:blank' && !popup.page.startsWith(appOrigin);
        if (crossOrigin) throw new Error('SecurityError: cross-origin');
        return popup.page;
      },
      set href(url: string) {
        popup.navigate(url);
      },
    },
    /** The provider page commits. */
    commit: () => void (popup.page = popup.navigatedTo ?? popup.page),
  };
  return popup;
}
export type FakePopup = ReturnType<typeof fakePopup>;

/** Copies every item of `from` into `to`. */
function copyStorage(from: Storage, to: Storage) {
  for (let index = 0; index < from.length; index += 1) {
    const key = from.key(index) ?? '';
    to.setItem(key, from.getItem(key) ?? '');
  }
}

/**
 * A FlowBrowser with every subscription observable; timers and `now` follow vi's fake clock.
 * `storageCopy: 'late'` copies the opener's sessionStorage into a popup only when the test
 * calls `copyIntoPopups()`, as WebKit does some time after `window.open` returned.
 */
export function fakeFlowBrowser(
  options: { popup?: 'open' | 'blocked' | 'closed'; storageCopy?: 'at-open' | 'late' } = {},
) {
  const popups: FakePopup[] = [];
  const messageListeners = new Set<(event: MessageLike) => void>();
  const channelListeners = new Set<(data: unknown) => void>();
  const restoredListeners = new Set<() => void>();
  const hideListeners = new Set<() => void>();
  const channelPosts: unknown[] = [];
  const browser = {
    origin: appOrigin,
    currentPath: () => '/settings?tab=apps#zapier',
    openPopup: vi.fn(() => {
      if (options.popup === 'blocked') return null;
      // Like a browser: the popup starts with a copy of the opener's sessionStorage.
      const popup = fakePopup();
      if (options.storageCopy !== 'late') copyStorage(browser.storage, popup.sessionStorage);
      popup.closed = options.popup === 'closed';
      popups.push(popup);
      return popup;
    }),
    navigate: vi.fn(),
    onMessage(listener) {
      messageListeners.add(listener);
      return () => void messageListeners.delete(listener);
    },
    openChannel(listener) {
      channelListeners.add(listener);
      return {
        post: (data) => void channelPosts.push(data),
        close: () => void channelListeners.delete(listener),
      };
    },
    onPageRestored(listener) {
      restoredListeners.add(listener);
      return () => void restoredListeners.delete(listener);
    },
    onPageHide(listener) {
      hideListeners.add(listener);
      return () => void hideListeners.delete(listener);
    },
    every(ms, tick) {
      const timer = setInterval(tick, ms);
      return () => clearInterval(timer);
    },
    now: () => Date.now(),
    storage: memoryStorage(),
  } satisfies FlowBrowser;
  return {
    browser,
    popups,
    channelPosts,
    listening: () =>
      messageListeners.size + channelListeners.size + restoredListeners.size + hideListeners.size,
    post: (data: unknown, origin: string, source: unknown) => {
      for (const listener of [...messageListeners]) listener({ data, origin, source });
    },
    broadcast: (data: unknown) => {
      for (const listener of [...channelListeners]) listener(data);
    },
    restoreFromCache: () => {
      for (const listener of [...restoredListeners]) listener();
    },
    /** The page is left (`pagehide`). */
    hidePage: () => {
      for (const listener of [...hideListeners]) listener();
    },
    /** The late copy (`storageCopy: 'late'`): the opener's sessionStorage as it is now. */
    copyIntoPopups: () => {
      for (const popup of popups) copyStorage(browser.storage, popup.sessionStorage);
    },
  };
}
