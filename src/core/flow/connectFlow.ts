import { defaultPopupSize, windowFlowBrowser, type FlowBrowser } from '../browser/flowBrowser';
import { FlowAttempt } from './flowAttempt';
import { isCancelled, notifyApp } from '../model/outcome';
import { confirmWithServer, serverLaunch } from '../browser/serverLaunch';
import { defaultCallbackPage, serverCallbackUrl } from '../wire/protocol';
import type { AttemptSettings, ConnectOptions, LaunchOf, SuccessOf } from './connectOptions';
import type { AnyProviderAdapter, ConnectOutcome, LaunchContext, Screen } from '../model/types';

export type { ConnectOptions, LaunchOf, SuccessOf };

/** Where a flow is: enumerated, one value per screen outcome plus the running states. */
export type ConnectStatus = 'idle' | 'launching' | 'open' | 'redirecting' | Screen | 'cancelled';

export interface ConnectSnapshot {
  status: ConnectStatus;
  /** The last flow's outcome (`cancelled` included); `undefined` while idle or running. */
  outcome: ConnectOutcome | undefined;
}

/** The browser, injected for tests; defaults to the real one, read on `open()`. */
export interface FlowEnvironment {
  window?: Window | undefined;
  browser?: FlowBrowser | undefined;
}

export interface ConnectFlow<A extends AnyProviderAdapter = AnyProviderAdapter> {
  /** Starts a flow. Call it in the click handler: the popup must open synchronously. */
  open: () => void;
  /** Closes the popup and ends the running flow as `cancelled`. */
  close: () => void;
  /** Ends any running flow without callbacks, and forgets the outcome. */
  reset: () => void;
  /** Replaces the options: the next `open()` and the running flow's callbacks use them. */
  setOptions: (options: ConnectOptions<A>) => void;
  subscribe: (listener: () => void) => () => void;
  getSnapshot: () => ConnectSnapshot;
}

const idle: ConnectSnapshot = { status: 'idle', outcome: undefined };

/** The launch: the app's own, or a request to the server handler. */
function launchOf<A extends AnyProviderAdapter>(options: ConnectOptions<A>, browser: FlowBrowser) {
  const { launch, basePath = '', provider, launchParams } = options;
  if (launch) return launch;
  const page = new URL(options.redirectUri ?? defaultCallbackPage, browser.origin);
  const path = page.pathname + page.search;
  return serverLaunch(basePath, provider, path, launchParams) as (
    context: LaunchContext,
  ) => Promise<LaunchOf<A>>;
}

/** With the server half, a provider's `postMessage` success counts once the server confirms it. */
function confirmOf<A extends AnyProviderAdapter>(options: ConnectOptions<A>) {
  const { basePath, provider } = options;
  if (!basePath) return undefined;
  return (outcome: ConnectOutcome, state: string) =>
    confirmWithServer(basePath, provider, outcome, state);
}

function settingsOf<A extends AnyProviderAdapter>(
  options: ConnectOptions<A>,
  browser: FlowBrowser,
): AttemptSettings {
  const page = options.redirectUri ?? browser.origin + defaultCallbackPage;
  const { basePath, provider } = options;
  return {
    mode: options.mode ?? 'auto',
    redirectUri: basePath ? serverCallbackUrl(browser.origin, basePath, provider.id) : page,
    timeout: options.timeout ?? 600_000,
    launchTimeout: options.launchTimeout ?? 30_000,
    closeDetection: options.closeDetection ?? options.provider.closeDetection ?? true,
    popupSize: options.popup ?? defaultPopupSize,
  };
}

/**
 * The popup and redirect flow, framework-free: a small store (snapshot, subscribe,
 * setOptions) over one `FlowAttempt` at a time. Callbacks are read when they are called, so
 * `setOptions` reaches a running flow. Nothing touches `window` before `open()`. Its methods
 * are bound: pass them around as they are.
 */
class ConnectFlowStore<A extends AnyProviderAdapter> implements ConnectFlow<A> {
  #options: ConnectOptions<A>;
  readonly #env: FlowEnvironment;
  #snapshot = idle;
  #attempt: FlowAttempt<LaunchOf<A>> | undefined;
  readonly #listeners = new Set<() => void>();

  constructor(options: ConnectOptions<A>, env: FlowEnvironment) {
    this.#options = options;
    this.#env = env;
  }

  open = (): void => {
    if (this.#snapshot.status === 'redirecting') return;
    if (this.#attempt?.resume()) return;
    this.#attempt?.end();
    const browser = this.#env.browser ?? windowFlowBrowser(this.#env.window);
    const attempt = this.#newAttempt(browser);
    this.#attempt = attempt;
    attempt.start();
  };

  close = (): void => this.#attempt?.cancel();

  reset = (): void => {
    this.#attempt?.end();
    this.#attempt = undefined;
    this.#set(idle);
  };

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  };

  getSnapshot = (): ConnectSnapshot => this.#snapshot;

  setOptions = (options: ConnectOptions<A>): void => {
    this.#options = options;
  };

  #newAttempt(browser: FlowBrowser): FlowAttempt<LaunchOf<A>> {
    const options = this.#options;
    const attempt: FlowAttempt<LaunchOf<A>> = new FlowAttempt(
      options.provider,
      browser,
      settingsOf(options, browser),
      {
        launch: launchOf(options, browser),
        confirm: confirmOf(options),
        onRunning: (status) => this.#set({ status, outcome: undefined }),
        onOutcome: (outcome) => this.#end(attempt, outcome),
        onEvent: (event) => this.#options.onEvent?.(event),
        onAbandoned: () => this.#end(attempt, undefined),
      },
    );
    return attempt;
  }

  /** An attempt ended: with an outcome, or abandoned (back from the back-forward cache). */
  #end(attempt: FlowAttempt<LaunchOf<A>>, outcome: ConnectOutcome | undefined): void {
    if (this.#attempt === attempt) this.#attempt = undefined;
    if (!outcome) return this.#set(idle);
    this.#set({ status: isCancelled(outcome) ? 'cancelled' : outcome.screen, outcome });
    notifyApp<SuccessOf<A>>(outcome, this.#options);
  }

  #set(next: ConnectSnapshot): void {
    if (next === this.#snapshot) return;
    this.#snapshot = next;
    for (const listener of this.#listeners) listener();
  }
}

export function createConnectFlow<A extends AnyProviderAdapter>(
  options: ConnectOptions<A>,
  env: FlowEnvironment = {},
): ConnectFlow<A> {
  return new ConnectFlowStore(options, env);
}
