import { defaultPopupSize, windowFlowBrowser, type FlowBrowser } from '../browser/flowBrowser';
import { loadFlowAttempt, StartedAttempt, type AttemptModule } from './attemptLoader';
import { startAttempt } from './attemptStart';
import { isCancelled, notifyApp } from '../model/appCallbacks';
import { defaultCallbackPage, serverCallbackUrl } from '../wire/protocol';
import type {
  AttemptHooks,
  AttemptSettings,
  ConnectOptions,
  LaunchOf,
  SuccessOf,
} from './connectOptions';
import type { AnyProviderAdapter, ConnectOutcome, Screen } from '../model/types';

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
  /**
   * Loads the rest of the flow ahead of the first press (`useConnect` does it on mount): the
   * attempt's code and, with `basePath`, the server's client. `open()` works without it: the
   * popup still opens in the click, and the launch waits for the code.
   */
  preload: () => void;
  subscribe: (listener: () => void) => () => void;
  getSnapshot: () => ConnectSnapshot;
}

const idle: ConnectSnapshot = { status: 'idle', outcome: undefined };

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
  #attempt: StartedAttempt<LaunchOf<A>> | undefined;
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
    const options = this.#options;
    const settings = settingsOf(options, browser);
    const start = startAttempt(options.provider, browser, settings, () => this.#options.onEvent);
    const attempt: StartedAttempt<LaunchOf<A>> = new StartedAttempt(start, {
      adapter: options.provider,
      browser,
      settings,
      create: (module) => {
        const hooks = this.#hooks(module, options, attempt, browser);
        return new module.FlowAttempt(options.provider, browser, settings, hooks, start);
      },
      onOutcome: (outcome) => this.#end(attempt, outcome),
    });
    this.#attempt = attempt;
    attempt.begin();
    // The flow's module is still loading: the popup is open, the launch waits for it.
    if (attempt.loading) this.#set({ status: 'launching', outcome: undefined });
  };

  preload = (): void => {
    const serverHalf = Boolean(this.#options.basePath);
    loadFlowAttempt()
      .then((module) => (serverHalf ? module.loadServerClient() : undefined))
      .catch(() => undefined);
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

  /** How an attempt talks back to this store; the options are the ones of its press. */
  #hooks(
    { launchOf, confirmOf }: AttemptModule,
    options: ConnectOptions<A>,
    attempt: StartedAttempt<LaunchOf<A>>,
    browser: FlowBrowser,
  ): AttemptHooks<LaunchOf<A>> {
    return {
      launch: launchOf(options, browser),
      confirm: confirmOf(options),
      onRunning: (status) => this.#set({ status, outcome: undefined }),
      onOutcome: (outcome) => this.#end(attempt, outcome),
      onAbandoned: () => this.#end(attempt, undefined),
    };
  }

  /** An attempt ended: with an outcome, or abandoned (back from the back-forward cache). */
  #end(attempt: StartedAttempt<LaunchOf<A>>, outcome: ConnectOutcome | undefined): void {
    // Ended by `reset()`, an unmount or a newer press: its late outcome (a server confirmation
    // still on its way) reaches no callback.
    if (this.#attempt !== attempt) return;
    this.#attempt = undefined;
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
