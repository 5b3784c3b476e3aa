import type { FlowBrowser, PopupHandle } from '../browser/flowBrowser';
import {
  launchFailedOutcome,
  cancelledOutcome,
  popupBlockedOutcome,
  timeoutOutcome,
} from './flowFailure';
import {
  newFlowRecord,
  removeFlowRecord,
  saveFlowRecord,
  type FlowRecord,
} from '../browser/flowRecord';
import { safeLaunchUrl } from './launchUrl';
import { AttemptFunnel } from '../browser/connectEvent';
import type { AttemptHooks, AttemptSettings } from './connectOptions';
import { holdOpenerCopy } from './openerCopy';
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

/** How often the attempt checks its time limits and its popup: 100 ms. */
const tick = 100;

/** What the funnel hears when an attempt ends without callbacks: the user gave it up. */
const cancelledEvent = { screen: 'retry', code: 'cancelled' } as const;

/**
 * One press of Connect, from the popup to the outcome: a private field per resource, a method
 * per phase (open the popup, launch, listen, watch the popup, redirect, finish).
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
  #releaseOpenerCopy: () => void = () => {};
  /** The result listener, loading from the click on (the relay is a module of its own). */
  #listener: Promise<ResultListener> | undefined;

  constructor(
    adapter: ProviderAdapter<Launch>,
    browser: FlowBrowser,
    settings: AttemptSettings,
    hooks: AttemptHooks<Launch>,
  ) {
    this.#adapter = adapter;
    this.#browser = browser;
    this.#settings = settings;
    this.#hooks = hooks;
    const mode = settings.mode === 'redirect' ? 'redirect' : 'popup';
    const now = () => browser.now();
    this.#funnel = new AttemptFunnel(adapter.id, mode, () => hooks.onEvent, now);
    this.#watch = new PopupWatch(settings.closeDetection, adapter.returns === 'relay');
    const returnTo = browser.currentPath();
    this.#context = newFlowRecord(
      { provider: adapter.id, returnTo },
      this.#funnel,
      settings.timeout,
    );
  }

  /** Starts: the popup synchronously (still in the click), then the launch. */
  start(): void {
    this.#funnel.step('started');
    if (this.#settings.mode !== 'redirect' && !this.#openPopup()) {
      this.#funnel.step('popup_blocked');
      if (this.#settings.mode === 'popup') return this.#finish(popupBlockedOutcome(this.#adapter));
      this.#funnel.mode = 'redirect';
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

  /**
   * A second press while running: brings the popup to the front, or waits for a redirect that
   * is launching. False when the popup was closed (or cut by COOP): the user starts again.
   */
  resume(): boolean {
    if (!this.#popup) return true;
    if (this.#popup.closed) return false;
    this.#popup.focus();
    return true;
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

  /** 1. The popup, the flow record saved first for its copy: this tab's goes later. */
  #openPopup(): boolean {
    const release = holdOpenerCopy(this.#browser, this.#context);
    const popup = this.#browser.openPopup(this.#settings.popupSize);
    // Some blockers hand back a window that is already closed.
    this.#popup = popup && !popup.closed ? popup : null;
    if (!this.#popup) {
      release();
      return false;
    }
    this.#releaseOpenerCopy = release;
    this.#cleanups.push(release);
    return true;
  }

  /** 2. One timer: the launch limit, the overall limit, and the popup. */
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

  /** 3. Asks the app's backend for this attempt's launch, then opens it. */
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
   * 4. The result, the way the adapter's data says: the provider's `postMessage`, or our page's
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

  /** 5. The full-page redirect: the flow record goes to sessionStorage, then the page leaves. */
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

  /** 6. The outcome: everything stops, then the store hears it once. */
  #finish(outcome: ConnectOutcome): void {
    if (this.#ended) return;
    this.#stop();
    const { confirm } = this.#hooks;
    if (!confirm || outcome.screen !== 'success' || outcome.verified) return this.#report(outcome);
    void confirm(outcome, this.#context.state).then((confirmed) => this.#report(confirmed));
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
