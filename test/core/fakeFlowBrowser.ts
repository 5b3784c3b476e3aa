import { vi } from 'vitest';
import type { BrowserPort } from '../../src/core/browser/browserPort';
import type { VerifiedOutcome } from '../../src/core/model/outcomeSummary';
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
    focus: vi.fn(),
    close: vi.fn(() => void (popup.closed = true)),
    postMessage: vi.fn(),
    location: {
      get href() {
        const crossOrigin = popup.page !== 'about:blank' && !popup.page.startsWith(appOrigin);
        if (crossOrigin) throw new Error('SecurityError: cross-origin');
        return popup.page;
      },
      replace: vi.fn((url: string) => void (popup.navigatedTo = url)),
    },
    /** The provider page commits. */
    commit: () => void (popup.page = popup.navigatedTo ?? popup.page),
  };
  return popup;
}
export type FakePopup = ReturnType<typeof fakePopup>;

/** A BrowserPort with every subscription observable; timers and `now` follow vi's fake clock. */
export function fakeFlowBrowser(options: { popup?: 'open' | 'blocked' | 'closed' } = {}) {
  const popups: FakePopup[] = [];
  const messageListeners = new Set<(event: MessageLike) => void>();
  const channelListeners = new Set<(data: unknown) => void>();
  const restoredListeners = new Set<() => void>();
  const channelPosts: unknown[] = [];
  const browser = {
    origin: appOrigin,
    currentPath: () => '/settings?tab=apps#zapier',
    openPopup: vi.fn(() => {
      if (options.popup === 'blocked') return null;
      // Like a browser: the popup starts with a copy of the opener's sessionStorage.
      const copy = memoryStorage();
      for (let index = 0; index < browser.storage.length; index += 1) {
        const key = browser.storage.key(index) ?? '';
        copy.setItem(key, browser.storage.getItem(key) ?? '');
      }
      const popup = fakePopup(copy);
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
    every(ms, tick) {
      const timer = setInterval(tick, ms);
      return () => clearInterval(timer);
    },
    now: () => Date.now(),
    storage: memoryStorage(),
    // The callback page's part of the seam: a page at the app's callback address.
    href: () => `${appOrigin}/connect/callback`,
    historyState: () => null as unknown,
    replaceHistory: vi.fn((_state: unknown, _url: string) => {}),
    closeWindow: vi.fn(),
    relayWindow: {
      location: { origin: appOrigin },
      opener: null,
      addEventListener: () => {},
      removeEventListener: () => {},
    },
    after: (ms: number, run: () => void) => void setTimeout(run, ms),
    fetchResult: vi.fn(
      async (_basePath: string): Promise<VerifiedOutcome | undefined> => undefined,
    ),
  } satisfies BrowserPort;
  return {
    browser,
    popups,
    channelPosts,
    listening: () => messageListeners.size + channelListeners.size + restoredListeners.size,
    post: (data: unknown, origin: string, source: unknown) => {
      for (const listener of [...messageListeners]) listener({ data, origin, source });
    },
    broadcast: (data: unknown) => {
      for (const listener of [...channelListeners]) listener(data);
    },
    restoreFromCache: () => {
      for (const listener of [...restoredListeners]) listener();
    },
  };
}
