import type { FlowBrowser, PopupHandle } from '../browser/flowBrowser';
import {
  launchFailedOutcome,
  cancelledOutcome,
  popupBlockedOutcome,
  timeoutOutcome,
} from './flowFailure';
import { removeFlowRecord, saveFlowRecord, type FlowRecord } from '../browser/flowRecord';
import { safeLaunchUrl } from './launchUrl';
import type { AttemptFunnel } from '../browser/connectEvent';
import { resumePopup, type AttemptStart } from './attemptStart';
import type { AttemptHooks, AttemptSettings } from './connectOptions';
import { PopupWatch } from './popupWatch';
import { listenForMessages, type ResultListener } from './resultListener';
import type {
  AnyProviderAdapter,
  CallbackExpectation,
  ConnectOutcome,
  LaunchContext,
  ProviderAdapter,
} from '../model/types';

/**
 * The listener the adapter's data asks for. The relay (its channel and its AES-GCM seal) is
 * loaded only for an adapter whose popup returns through the app's callback page.
 */
export async function listenerFor(adapter: AnyProviderAdapter): Promise<ResultListener> {
  if (adapter.returns === 'message') return listenForMessages;
  const { listenForRelay } = await import('./relayListener');
  return listenForRelay;
}

// The lazy part's other half, so that it loads as one module (one chunk for a bundler).
export { confirmOf, launchOf, loadServerClient } from './attemptLaunch';

/** How often the attempt checks its time limits and its popup: 100 ms. */
const tick = 100;

/** What the funnel hears when an attempt ends without callbacks: the user gave it up. */
const cancelledEvent = { screen: 'retry', code: 'cancelled' } as const;

/**
 * One press of Connect, from its start (the popup, opened in the click: `attemptStart.ts`) to
 * the outcome: a private field per resource, a method per phase (launch, listen, watch the
 * popup, redirect, finish). This module is the lazy part of `useConnect`: the flow loads it
 * with `import()` (`attemptLoader.ts`).
 */
export class FlowAttempt<Launch> {
  readonly #adapter: ProviderAdapter<Launch>;
  readonly #browser: FlowBrowser;
  readonly #settings: AttemptSettings;
  readonly #hooks: AttemptHooks<Launch>;
  readonly #context: FlowRecord;
  readonly #funnel: AttemptFunnel;
  #popup: PopupHandle | null = null;
  #cleanups: (() => void)[] = [];
  #ended = false;
  readonly #watch: PopupWatch;
  #expectation: CallbackExpectation = {};
  readonly #releaseOpenerCopy: () => void;
  /** The result listener, loading from the click on (the relay is a module of its own). */
  #listener: Promise<ResultListener> | undefined;

  constructor(
    adapter: ProviderAdapter<Launch>,
    browser: FlowBrowser,
    settings: AttemptSettings,
    hooks: AttemptHooks<Launch>,
    start: AttemptStart,
  ) {
    this.#adapter = adapter;
    this.#browser = browser;
    this.#settings = settings;
    this.#hooks = hooks;
    this.#watch = new PopupWatch(settings.closeDetection, adapter.returns === 'relay');
    this.#context = start.record;
    this.#funnel = start.funnel;
    this.#popup = start.popup;
    this.#releaseOpenerCopy = start.releaseOpenerCopy;
    this.#cleanups.push(start.releaseOpenerCopy);
  }

  /** Runs the started attempt: the launch, then the popup's navigation or the redirect. */
  run(): void {
    if (!this.#popup && this.#settings.mode === 'popup') {
      return this.#finish(popupBlockedOutcome(this.#adapter));
    }
    if (this.#popup) {
      this.#listener = listenerFor(this.#adapter);
      // Awaited in `#listen`; a load that fails before it is awaited is reported there.
      this.#listener.catch(() => undefined);
    }
    this.#hooks.onRunning('launching');
    this.#cleanups.push(this.#browser.every(tick, () => this.#onTick()));
    void this.#launch();
  }

  /** A second press while running (see `resumePopup`). */
  resume(): boolean {
    return resumePopup(this.#popup);
  }

  /** Ends as `cancelled`: the user closed the popup, or the app called `close()`. */
  cancel(): void {
    this.#finish(cancelledOutcome(this.#adapter));
  }

  /**
   * Ends without the app's callbacks (a reset, an unmount, a new press): closes the popup,
   * removes every listener and timer. The funnel hears `cancelled` unless the page redirected.
   */
  end(): void {
    if (!this.#ended && !this.#funnel.handedOff()) this.#funnel.outcome(cancelledEvent);
    this.#stop();
  }

  #stop(): void {
    this.#ended = true;
    this.#runCleanups();
    this.#popup?.close();
    this.#popup = null;
  }

  /** 1. One timer: the launch limit, the overall limit, and the popup. */
  #onTick(): void {
    const now = this.#browser.now();
    const elapsed = now - this.#funnel.startedAt;
    if (!this.#watch.hasNavigated && elapsed > this.#settings.launchTimeout) {
      return this.#fail('launch timed out');
    }
    if (elapsed > this.#settings.timeout) return this.#finish(timeoutOutcome(this.#adapter));
    if (this.#watch.hasNavigated) this.#releaseOpenerCopy(); // the popup has its copy by now
    if (this.#popup && this.#watch.closedByUser(this.#popup, now)) this.cancel();
  }

  /** 2. Asks the app's backend for this attempt's launch, then opens it. */
  async #launch(): Promise<void> {
    const context: LaunchContext = {
      state: this.#context.state,
      redirectUri: this.#settings.redirectUri,
      mode: this.#popup ? 'popup' : 'redirect',
    };
    let launch: Launch;
    let url: string | undefined;
    try {
      launch = await this.#hooks.launch(context);
      url = safeLaunchUrl(this.#adapter.launchUrl(launch, context));
    } catch (error) {
      return this.#fail(error);
    }
    if (this.#ended) return;
    if (!url) return this.#fail('the launch URL must be https (or http on a loopback host)');
    this.#funnel.step('launched');
    this.#expectation = {
      expectedState: this.#context.state,
      expectedSessionId: this.#adapter.sessionId?.(launch),
      reconnect: this.#adapter.reconnects?.(launch) ?? false,
    };
    const popup = this.#popup;
    if (!popup) return this.#redirect(url);
    if (popup.closed) return this.cancel();
    try {
      await this.#listen(launch);
    } catch (error) {
      return this.#fail(error);
    }
    if (this.#ended) return;
    this.#navigatePopup(popup, url);
  }

  #navigatePopup(popup: PopupHandle, url: string): void {
    try {
      popup.location.href = url;
    } catch (error) {
      return this.#fail(error);
    }
    this.#watch.navigated();
    this.#funnel.step('provider_shown');
    this.#hooks.onRunning('open');
  }

  /**
   * 3. The result, the way the adapter's data says: the provider's `postMessage`, or our page's
   * relay (loading since the click, so before the popup leaves for the provider).
   */
  async #listen(launch: Launch): Promise<void> {
    const { flowId = '', relayKey = '' } = this.#context;
    this.#listener ??= listenerFor(this.#adapter);
    const listen = await this.#listener;
    if (this.#ended) return;
    const stop = listen({
      adapter: this.#adapter,
      browser: this.#browser,
      popup: () => this.#popup,
      messageOrigin: this.#adapter.messageOrigin?.(launch),
      expectation: this.#expectation,
      flowId,
      relayKey,
      isOver: () => this.#ended,
      finish: (outcome) => {
        if (!this.#ended) this.#funnel.step('returned');
        this.#finish(outcome);
      },
    });
    this.#cleanups.push(stop);
  }

  /** 4. The full-page redirect: the flow record goes to sessionStorage, then the page leaves. */
  #redirect(url: string): void {
    const { storage } = this.#browser;
    this.#runCleanups();
    const { expectedSessionId: sessionId, reconnect } = this.#expectation;
    saveFlowRecord({ ...this.#context, mode: 'redirect', sessionId, reconnect }, storage);
    this.#hooks.onRunning('redirecting');
    // Back from the provider by the back-forward cache: the page is as it was left, and the
    // flow is over (https://web.dev/articles/bfcache).
    const stop = this.#browser.onPageRestored(() => {
      removeFlowRecord(storage);
      this.#funnel.outcome(cancelledEvent);
      this.end();
      this.#hooks.onAbandoned();
    });
    this.#cleanups.push(stop);
    try {
      this.#browser.navigate(url);
      this.#funnel.step('provider_shown');
    } catch (error) {
      removeFlowRecord(storage);
      this.#fail(error);
    }
  }

  /**
   * 5. The outcome: everything stops, then the store hears it once. A success that the server
   * must confirm is sent to it first, so that its request is on its way while the popup closes.
   */
  #finish(outcome: ConnectOutcome): void {
    if (this.#ended) return;
    const confirming = this.#confirm(outcome);
    this.#stop();
    if (!confirming) return this.#report(outcome);
    void confirming.then((confirmed) => this.#report(confirmed));
  }

  /** With the server half, a success from a `postMessage` counts once the server confirms it. */
  #confirm(outcome: ConnectOutcome): Promise<ConnectOutcome> | undefined {
    const { confirm } = this.#hooks;
    if (!confirm || outcome.screen !== 'success' || outcome.verified) return undefined;
    return confirm(outcome, this.#context.state);
  }

  #report(outcome: ConnectOutcome): void {
    this.#funnel.outcome(outcome);
    this.#hooks.onOutcome(outcome);
  }

  /** The launch (or its navigation) failed; `launch_failed` only before `launched`. */
  #fail(reason: unknown): void {
    if (!this.#ended && !this.#funnel.saw('launched')) this.#funnel.step('launch_failed');
    this.#finish(launchFailedOutcome(this.#adapter, reason));
  }

  #runCleanups(): void {
    const cleanups = this.#cleanups;
    this.#cleanups = [];
    for (const cleanup of cleanups) cleanup();
  }
}
