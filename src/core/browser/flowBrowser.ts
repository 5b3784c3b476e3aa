import type { MessageLike } from '../model/providerMessage';
import { relayChannelName } from '../wire/protocol';
import { sessionStorageOrNone } from './flowStorage';

/** Popup window size in CSS pixels. */
export interface PopupSize {
  /**
   * Defaults to 980, the size Zapier documents for its Connect UI popup
   * (https://docs.zapier.com/white-label/connection-flow).
   */
  width?: number | undefined;
  /** Defaults to 700. */
  height?: number | undefined;
}

/** The popup as the opener sees it (a real `Window` fits). */
export interface PopupHandle {
  readonly closed: boolean;
  focus(): void;
  close(): void;
  postMessage(message: unknown, targetOrigin: string): void;
  /** Navigated by setting `href`: WebKit sends no `Referer` for `location.replace()`. */
  readonly location: { href: string };
}

/** A channel every same-origin tab hears (BroadcastChannel). */
export interface RelayChannel {
  post(data: unknown): void;
  close(): void;
}

/**
 * Everything the flow controller needs of the browser, behind one seam (as SWR's
 * `web-preset.ts`): each subscription returns its own cleanup. Nothing is read before `open()`.
 */
export interface FlowBrowser {
  /** The app's origin. */
  readonly origin: string;
  /** Where the user is: path, query and hash. */
  currentPath(): string;
  /** Opens a blank popup, or `null` when the browser blocked it. */
  openPopup(size: PopupSize): PopupHandle | null;
  /** Leaves the page for `url`. */
  navigate(url: string): void;
  onMessage(listener: (event: MessageLike) => void): () => void;
  /** The relay channel, or `undefined` where BroadcastChannel is missing. */
  openChannel(listener: (data: unknown) => void): RelayChannel | undefined;
  /** A page restored from the back-forward cache. */
  onPageRestored(listener: () => void): () => void;
  /**
   * The page is being left (`pagehide`: a navigation, a reload, the tab closing), before any
   * next page of the tab runs. Optional for browsers injected before it existed.
   */
  onPageHide?(listener: () => void): () => void;
  every(ms: number, tick: () => void): () => void;
  now(): number;
  readonly storage: Storage | undefined;
}

/** The default popup size. */
export const defaultPopupSize = { width: 980, height: 700 } as const;

/**
 * Opens a blank popup centred on the app's window. It must run synchronously in the click:
 * browsers (Safari, iOS above all) block `window.open` after an `await`
 * (https://github.com/NangoHQ/nango/issues/302). No `noopener`: we need the handle.
 */
function openCentredPopup(win: Window, size: PopupSize): PopupHandle | null {
  const { width = defaultPopupSize.width, height = defaultPopupSize.height } = size;
  const left = Math.round(win.screenX + (win.outerWidth - width) / 2);
  const top = Math.round(win.screenY + (win.outerHeight - height) / 2);
  const features = `width=${width},height=${height},left=${left},top=${top}`;
  return win.open('about:blank', '_blank', features);
}

function openRelayChannel(listener: (data: unknown) => void): RelayChannel | undefined {
  if (typeof BroadcastChannel === 'undefined') return undefined;
  const channel = new BroadcastChannel(relayChannelName);
  channel.onmessage = (event) => listener(event.data);
  return { post: (data) => channel.postMessage(data), close: () => channel.close() };
}

/** The real browser, read from `win` (the global `window` by default) when the flow opens. */
export function windowFlowBrowser(win: Window = window): FlowBrowser {
  return {
    origin: win.location.origin,
    currentPath: () => win.location.pathname + win.location.search + win.location.hash,
    openPopup: (size) => openCentredPopup(win, size),
    navigate: (url) => win.location.assign(url),
    onMessage(listener) {
      win.addEventListener('message', listener);
      return () => win.removeEventListener('message', listener);
    },
    openChannel: openRelayChannel,
    onPageRestored(listener) {
      const onPageShow = (event: PageTransitionEvent) => {
        if (event.persisted) listener();
      };
      win.addEventListener('pageshow', onPageShow);
      return () => win.removeEventListener('pageshow', onPageShow);
    },
    onPageHide(listener) {
      win.addEventListener('pagehide', listener);
      return () => win.removeEventListener('pagehide', listener);
    },
    every(ms, tick) {
      const timer = win.setInterval(tick, ms);
      return () => win.clearInterval(timer);
    },
    now: () => Date.now(),
    storage: sessionStorageOrNone(),
  };
}

/**
 * Whether the popup still shows our own `about:blank`, i.e. the provider page has not
 * committed yet. Once it has, a cross-origin `location.href` read throws.
 */
export function showsBlank(popup: PopupHandle): boolean {
  try {
    return popup.location.href === 'about:blank';
  } catch {
    return false;
  }
}
