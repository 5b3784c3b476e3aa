import { createState } from '../shared/csrfState';
import { randomBase64Url } from '../shared/base64url';
import type { FlowBrowser, PopupHandle, PopupSize } from '../browser/flowBrowser';
import {
  launchFailedOutcome,
  cancelledOutcome,
  popupBlockedOutcome,
  timeoutOutcome,
} from './flowFailure';
import { removeFlowContext, saveFlowContext, type FlowContext } from '../browser/flowContext';
import { safeLaunchUrl } from './launchUrl';
import { holdOpenerCopy } from './openerCopy';
import { PopupWatch } from './popupClosing';
import type {
  CallbackExpectation,
  ConnectOutcome,
  LaunchContext,
  ProviderAdapter,
} from '../model/types';

/** An attempt's settings, resolved from the options when it starts. */
export interface AttemptSettings {
  mode: 'popup' | 'redirect' | 'auto';
  redirectUri: string;
  /** ms before a running attempt ends as `timeout`. */
  timeout: number;
  /** ms `launch` may take before the attempt ends as `launch_failed`. */
  launchTimeout: number;
  closeDetection: boolean;
  popupSize: PopupSize;
}

/** How an attempt talks back to the store that runs it. */
export interface AttemptHooks<Launch> {
  launch: (context: LaunchContext) => Promise<Launch>;
  /** With the server half: confirms a success that did not come verified (a `postMessage`). */
  confirm?: ((outcome: ConnectOutcome, state: string) => Promise<ConnectOutcome>) | undefined;
  onRunning: (status: 'launching' | 'open' | 'redirecting') => void;
  onOutcome: (outcome: ConnectOutcome) => void;
  /** The page came back from the back-forward cache while redirecting: the attempt is over. */
  onAbandoned: () => void;
}

/** How often the attempt checks its time limits and its popup: 100 ms. */
const tick = 100;

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * One press of Connect, from the popup to the outcome: a private field per resource, a method
 * per phase (open the popup, launch, listen, watch the popup, redirect, finish).
 */
export class FlowAttempt<Launch> {
  readonly #adapter: ProviderAdapter<Launch>;
  readonly #browser: FlowBrowser;
  readonly #settings: AttemptSettings;
  readonly #hooks: AttemptHooks<Launch>;
  readonly #context: FlowContext;
  readonly #startedAt: number;
  #popup: PopupHandle | null = null;
  #cleanups: (() => void)[] = [];
  #ended = false;
  readonly #watch: PopupWatch;
  #expectation: CallbackExpectation = {};
  #releaseOpenerCopy: () => void = () => {};

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
    this.#startedAt = browser.now();
    this.#watch = new PopupWatch(settings.closeDetection, !adapter.messageOrigin);
    this.#context = {
      provider: adapter.id,
      mode: 'popup',
      state: createState(),
      flowId: randomBase64Url(16),
      relayKey: randomBase64Url(32),
      returnTo: browser.currentPath(),
      expiresAt: this.#startedAt + settings.timeout,
    };
  }

  /** Starts: the popup synchronously (still in the click), then the launch. */
  start(): void {
    if (this.#settings.mode !== 'redirect' && !this.#openPopup()) {
      if (this.#settings.mode === 'popup') return this.#finish(popupBlockedOutcome(this.#adapter));
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

  /** Ends silently: closes the popup, removes every listener and timer. */
  end(): void {
    this.#ended = true;
    this.#runCleanups();
    this.#popup?.close();
    this.#popup = null;
  }

  /** 1. The popup, the flow context saved first for its copy: this tab's goes later. */
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
    const elapsed = now - this.#startedAt;
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
      return this.#fail(reasonOf(error));
    }
    if (this.#ended) return;
    if (!url) return this.#fail('the launch URL must be https (or http on a loopback host)');
    this.#expectation = {
      expectedState: this.#context.state,
      expectedSessionId: this.#adapter.sessionId?.(launch),
      reconnect: this.#adapter.reconnects?.(launch) ?? false,
    };
    if (!this.#popup) return this.#redirect(url);
    if (this.#popup.closed) return this.cancel();
    this.#listen(launch);
    this.#navigatePopup(this.#popup, url);
  }

  #navigatePopup(popup: PopupHandle, url: string): void {
    try {
      popup.location.href = url;
    } catch (error) {
      return this.#fail(reasonOf(error));
    }
    this.#watch.navigated();
    this.#hooks.onRunning('open');
  }

  /** 4. The result: the adapter's way, the provider's `postMessage` or our page's relay. */
  #listen(launch: Launch): void {
    const { flowId = '', relayKey = '' } = this.#context;
    const stop = this.#adapter.listen({
      adapter: this.#adapter,
      browser: this.#browser,
      popup: () => this.#popup,
      messageOrigin: this.#adapter.messageOrigin?.(launch),
      expectation: this.#expectation,
      flowId,
      relayKey,
      isOver: () => this.#ended,
      finish: (outcome) => this.#finish(outcome),
    });
    this.#cleanups.push(stop);
  }

  /** 5. The full-page redirect: the flow context goes to sessionStorage, then the page leaves. */
  #redirect(url: string): void {
    const { storage } = this.#browser;
    this.#runCleanups();
    const { expectedSessionId: sessionId, reconnect } = this.#expectation;
    saveFlowContext({ ...this.#context, mode: 'redirect', sessionId, reconnect }, storage);
    this.#hooks.onRunning('redirecting');
    // Back from the provider by the back-forward cache: the page is as it was left, and the
    // flow is over (https://web.dev/articles/bfcache).
    const stop = this.#browser.onPageRestored(() => {
      removeFlowContext(storage);
      this.end();
      this.#hooks.onAbandoned();
    });
    this.#cleanups.push(stop);
    try {
      this.#browser.navigate(url);
    } catch (error) {
      removeFlowContext(storage);
      this.#fail(reasonOf(error));
    }
  }

  /** 6. The outcome: everything stops, then the store hears it once. */
  #finish(outcome: ConnectOutcome): void {
    if (this.#ended) return;
    this.end();
    const { confirm, onOutcome } = this.#hooks;
    if (!confirm || outcome.screen !== 'success' || outcome.verified) return onOutcome(outcome);
    void confirm(outcome, this.#context.state).then((confirmed) => onOutcome(confirmed));
  }

  #fail(reason: string): void {
    this.#finish(launchFailedOutcome(this.#adapter, reason));
  }

  #runCleanups(): void {
    const cleanups = this.#cleanups;
    this.#cleanups = [];
    for (const cleanup of cleanups) cleanup();
  }
}
