import { windowCallbackBrowser, type CallbackBrowser } from '../browser/callbackBrowser';
import {
  announcedProvider,
  resultMarkerOf,
  readCallback,
  scrubbedAddress,
  type CallbackReadingOptions,
} from './callbackReading';
import { readFlowRecord, removeFlowRecord, type FlowRecord } from '../browser/flowRecord';
import { notifyApp } from '../model/appCallbacks';
import { outcomeOf } from '../model/outcome';
import { ownError } from '../model/decision';
import {
  isOutcomeSummary,
  isVerifiedOutcome,
  restoreOutcome,
  summarize,
  type OutcomeSummary,
  type VerifiedOutcome,
} from '../model/outcomeSummary';
import { relaysFor, relayToOpener } from './callbackRelay';
import { resultMarker, safeReturnPath } from '../wire/protocol';
import { returnedFunnel, type AttemptFunnel, type ConnectEvent } from '../browser/connectEvent';
import type { AnyProviderAdapter, ConnectOutcome, SuccessOutcome } from '../model/types';

export type { CallbackBrowser };
export { readCallback, scrubbedAddress, windowCallbackBrowser };

/** What the page shows. `outcome` is `undefined` while there is nothing to show yet. */
export interface CallbackView {
  outcome: ConnectOutcome | undefined;
  /** Where the flow started: a same-origin path, from the stored flow only. */
  returnTo: string | undefined;
  /** This popup relayed its outcome to the opener but could not close itself. */
  closeHint: boolean;
}

export interface CallbackCallbacks {
  onOutcome?: ((outcome: ConnectOutcome) => void) | undefined;
  onSuccess?: ((outcome: SuccessOutcome) => void) | undefined;
  /** A redirect attempt's last steps: `returned`, then its `outcome`. */
  onEvent?: ((event: ConnectEvent) => void) | undefined;
}

export const viewOf = (outcome: ConnectOutcome | undefined, returnTo?: string): CallbackView => ({
  outcome,
  returnTo,
  closeHint: false,
});

// The history entry's record: the screen without identifiers, so Back shows it again.

/** The key of this package's record in a history entry's state. */
const historyKey = 'rcf';

/** What a history entry remembers: the screen (no identifiers) and where the flow started. */
export interface SavedCallback {
  summary: OutcomeSummary;
  returnTo: string | undefined;
}

export function savedCallback(state: unknown): SavedCallback | undefined {
  const saved = (state as Record<string, unknown> | null)?.[historyKey] as
    Partial<SavedCallback> | undefined;
  if (!isOutcomeSummary(saved?.summary)) return undefined;
  return { summary: saved.summary, returnTo: safeReturnPath(saved.returnTo) };
}

/** The history state with this package's record set, the app's own state kept. */
export function withSavedCallback(state: unknown, saved: SavedCallback): object {
  const base = typeof state === 'object' && state !== null ? state : {};
  return { ...base, [historyKey]: saved };
}

export interface CallbackPageOptions extends CallbackReadingOptions {
  /** The callback URL or query string. Defaults to the address, read in the browser. */
  url?: string | undefined;
  /** An outcome the server half verified: shown as it is, never parsed again. */
  verified?: OutcomeSummary | undefined;
  /**
   * Where `react-connect-flow/server`'s handler is mounted: a callback it verified arrives
   * with a result marker, and the page asks it for the outcome.
   */
  basePath?: string | undefined;
}

/** `window.close()` is refused for a window a script did not open: say so after this long. */
const closeHintDelay = 400;

const hasExpectation = (options: CallbackReadingOptions) =>
  !!(options.expectedState || options.expectedSessionId);

/**
 * The callback page, framework-free: reads the callback (without consuming anything, so a
 * render may run it twice), then `settle` acts once: consumes the flow, scrubs the address,
 * relays to the opener or calls the app back. The React page is a thin adapter over it.
 */
export class CallbackPage {
  readonly #options: CallbackPageOptions;
  readonly #browser: () => CallbackBrowser;
  readonly #listeners = new Set<() => void>();
  #view: CallbackView | undefined;
  #serverView: CallbackView | undefined;
  #flow: FlowRecord | undefined;
  /** What the callback says, before any relay. */
  #parsed: ConnectOutcome | undefined;
  /** The adapter whose server-verified result the address announces. */
  #serverResult: AnyProviderAdapter | undefined;
  #restored = false;
  #settled = false;
  /** The redirect attempt `useConnect` started, which returned here. */
  #funnel: AttemptFunnel | undefined;

  constructor(
    options: CallbackPageOptions,
    browser: () => CallbackBrowser = windowCallbackBrowser,
  ) {
    this.#options = options;
    this.#browser = browser;
  }

  subscribe = (listener: () => void) => {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  };

  /** What a server renders, and what hydration starts from: only what the options say. */
  getServerSnapshot = (): CallbackView => {
    this.#serverView ??= this.#readWithoutBrowser();
    return this.#serverView;
  };

  /** What the browser shows: the address, the stored flow, the history entry. */
  getSnapshot = (): CallbackView => {
    this.#view ??= this.#readInBrowser();
    return this.#view;
  };

  /** Once: consumes the flow, scrubs the address, then relays or calls back. */
  settle(callbacks: () => CallbackCallbacks): void {
    if (this.#settled) return;
    this.#settled = true;
    this.getSnapshot();
    const outcome = this.#parsed;
    const flow = this.#flow;
    const browser = this.#browser();
    if (flow) removeFlowRecord(browser.storage);
    this.#funnel = returnedFunnel(flow, () => callbacks().onEvent);
    this.#funnel?.step('returned');
    if (this.#serverResult) return void this.#settleServerResult(browser, flow, callbacks);
    if (this.#restored || !outcome) return;
    if (this.#options.verified) return this.#settleVerified(browser, flow, outcome, callbacks);
    this.#scrub(browser, outcome);
    this.#deliver(browser, flow, outcome, callbacks);
  }

  #readWithoutBrowser(): CallbackView {
    const { url, verified } = this.#options;
    if (verified) return viewOf(restoreOutcome(verified));
    if (url === undefined) return viewOf(undefined);
    const outcome = readCallback(url, undefined, this.#options);
    // Whether a success is this browser's own flow only the browser can tell.
    const unsure = outcome.code === 'unsolicited_callback' && !hasExpectation(this.#options);
    return viewOf(unsure ? undefined : outcome);
  }

  #readInBrowser(): CallbackView {
    const browser = this.#browser();
    const { verified } = this.#options;
    const saved = savedCallback(browser.historyState());
    if (saved) {
      // Shown again (a reload, a remount): never acted on again.
      this.#restored = true;
      return viewOf(restoreOutcome(saved.summary), saved.returnTo);
    }
    const flow = readFlowRecord(browser.storage);
    this.#flow = flow;
    if (verified) {
      // Rendered on the server: shown as it is (no flash), then settled like a fetched one.
      this.#parsed = restoreOutcome(verified);
      return viewOf(this.#parsed, safeReturnPath(flow?.returnTo));
    }
    const href = this.#options.url ?? browser.href();
    this.#serverResult = this.#options.basePath
      ? announcedProvider(href, this.#options.providers)
      : undefined;
    if (this.#serverResult) return viewOf(undefined, safeReturnPath(flow?.returnTo));
    const outcome = readCallback(this.#options.url ?? browser.href(), flow, this.#options);
    this.#parsed = outcome;
    const returnTo = safeReturnPath(flow?.returnTo);
    // A popup's page waits for the opener's decision before showing one.
    return viewOf(relaysFor(flow, outcome) ? undefined : outcome, returnTo);
  }

  /**
   * A verified outcome the server rendered: the address loses the marker (and any provider
   * parameter), the result cookie is consumed (a reload finds the history entry), and a popup
   * relays it to the opener like a fetched one.
   */
  #settleVerified(
    browser: CallbackBrowser,
    flow: FlowRecord | undefined,
    outcome: ConnectOutcome,
    callbacks: () => CallbackCallbacks,
  ): void {
    const adapter = this.#options.providers.find((provider) => provider.id === outcome.provider);
    const names = [resultMarker, ...(adapter?.params ?? [])];
    const marker = resultMarkerOf(browser.href());
    this.#remember(browser, summarize(outcome), scrubbedAddress(browser.href(), names));
    if (this.#options.basePath) void browser.fetchResult(this.#options.basePath, marker);
    const { verified } = this.#options;
    this.#deliver(
      browser,
      flow,
      outcome,
      callbacks,
      isVerifiedOutcome(verified) ? verified : undefined,
    );
  }

  /** The server verified the callback: ask it for the outcome, then relay or show it. */
  async #settleServerResult(
    browser: CallbackBrowser,
    flow: FlowRecord | undefined,
    callbacks: () => CallbackCallbacks,
  ): Promise<void> {
    const adapter = this.#serverResult as AnyProviderAdapter;
    const marker = resultMarkerOf(this.#options.url ?? browser.href());
    const verified = await browser.fetchResult(this.#options.basePath ?? '', marker);
    // A crafted link with the marker finds no result: it matches no flow.
    const outcome = verified
      ? restoreOutcome(verified)
      : outcomeOf({ provider: adapter }, ownError('unsolicited_callback'));
    this.#remember(browser, summarize(outcome), scrubbedAddress(browser.href(), [resultMarker]));
    this.#deliver(browser, flow, outcome, callbacks, verified);
  }

  #scrub(browser: CallbackBrowser, outcome: ConnectOutcome): void {
    const adapter = this.#options.providers.find((provider) => provider.id === outcome.provider);
    const href = browser.href();
    const address = adapter ? scrubbedAddress(href, adapter.params) : href;
    this.#remember(browser, summarize(outcome), address);
  }

  /** The history entry remembers the screen (no identifiers), for a reload or a remount. */
  #remember(browser: CallbackBrowser, summary: OutcomeSummary, address = browser.href()): void {
    const saved = { summary, returnTo: safeReturnPath(this.#flow?.returnTo) };
    browser.replaceHistory(withSavedCallback(browser.historyState(), saved), address);
  }

  /** In a `useConnect` popup: relay to the opener. Elsewhere: show it and call the app back. */
  #deliver(
    browser: CallbackBrowser,
    flow: FlowRecord | undefined,
    outcome: ConnectOutcome,
    callbacks: () => CallbackCallbacks,
    verified?: VerifiedOutcome,
  ): void {
    const handleItself = () => {
      this.#show(viewOf(outcome, this.#view?.returnTo));
      this.#funnel?.outcome(outcome);
      notifyApp(outcome, callbacks());
    };
    if (!relaysFor(flow, outcome)) return handleItself();
    const payload = {
      provider: outcome.provider,
      params: outcome.params,
      verified,
      sentAt: Date.now(),
    };
    relayToOpener(browser, flow, payload, (summary) => {
      if (!summary) return handleItself();
      // The opener took it: show what it decided, and close (or say the window may be closed).
      this.#remember(browser, summary);
      this.#show(viewOf(restoreOutcome(summary), this.#view?.returnTo));
      browser.closeWindow();
      browser.after(closeHintDelay, () => this.#show({ ...this.getSnapshot(), closeHint: true }));
    });
  }

  #show(view: CallbackView): void {
    this.#view = view;
    for (const listener of this.#listeners) listener();
  }
}
