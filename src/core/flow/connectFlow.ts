import {
  defaultPopupSize,
  windowBrowser,
  type BrowserPort,
  type PopupSize,
} from '../browser/browserPort';
import { FlowAttempt, type AttemptSettings } from './flowAttempt';
import { isCancelled } from './flowFailure';
import { defaultCallbackPage, serverCallbackUrl } from '../wire/protocol';
import type {
  AnyProviderAdapter,
  CancelledOutcome,
  ConnectOutcome,
  FailureOutcome,
  LaunchContext,
  ProviderAdapter,
  Screen,
  SuccessOutcome,
} from '../model/types';

/** Where a flow is: enumerated, one value per screen outcome plus the running states. */
export type ConnectStatus = 'idle' | 'launching' | 'open' | 'redirecting' | Screen | 'cancelled';

export interface ConnectSnapshot {
  status: ConnectStatus;
  /** The last flow's outcome (`cancelled` included); `undefined` while idle or running. */
  outcome: ConnectOutcome | undefined;
}

/** What `launch` must return for an adapter: a Gigs session, an Emerge link, a Zapier token. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any success type matches
export type LaunchOf<A> = A extends ProviderAdapter<infer Launch, any> ? Launch : never;

/** A success as the adapter delivers it: the identifier it always carries is not optional. */
export type SuccessOf<A> =
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any launch type matches
  SuccessOutcome & (A extends ProviderAdapter<any, infer Success> ? Success : unknown);

interface CommonConnectOptions<A extends AnyProviderAdapter> {
  /** The provider's adapter: `gigs`, `emerge`, `zapier`, or your own. */
  provider: A;
  /** Defaults to `'auto'`: a popup, or a full-page redirect when the popup is blocked. */
  mode?: 'popup' | 'redirect' | 'auto' | undefined;
  /**
   * The app's callback page. Defaults to `${location.origin}/connect/callback`. With
   * `basePath`, the provider returns to the server, which then sends the browser here.
   */
  redirectUri?: string | undefined;
  /** Milliseconds before a running flow ends as `timeout`. Defaults to 10 minutes. */
  timeout?: number | undefined;
  /** Milliseconds `launch` may take before the flow ends as `launch_failed`. Defaults to 30 s. */
  launchTimeout?: number | undefined;
  /** Whether a closed popup means the user cancelled. Defaults to the adapter's, else true. */
  closeDetection?: boolean | undefined;
  /** Defaults to 980 × 700, Zapier's documented popup size. */
  popup?: PopupSize | undefined;
  /** Every other outcome except `cancelled`. */
  onError?: ((outcome: FailureOutcome) => void) | undefined;
  /** The user closed the popup, or `close()` was called. */
  onCancel?: ((outcome: CancelledOutcome) => void) | undefined;
  /** Every outcome, after the specific callback. */
  onOutcome?: ((outcome: ConnectOutcome) => void) | undefined;
}

/** The app's own backend mints each launch. */
interface ClientLaunchOptions<A extends AnyProviderAdapter> {
  /** Asks the app's backend for this attempt's session, link or token. Called on every `open()`. */
  launch: (context: LaunchContext) => Promise<LaunchOf<A>>;
  basePath?: undefined;
  launchParams?: undefined;
  onSuccess?: ((outcome: SuccessOf<A>) => void) | undefined;
}

/** `react-connect-flow/server`'s handler mints each launch and verifies the callback. */
interface ServerLaunchOptions {
  /** Where `createConnectHandler` is mounted, e.g. `/api/connect`. */
  basePath: string;
  /** Extra values for the server's launch (e.g. `{ app: 'SlackAPI' }` for Zapier). */
  launchParams?: Readonly<Record<string, string>> | undefined;
  launch?: undefined;
  /** A success the server verified (and recorded with `onConnected`): never the Emerge uid. */
  onSuccess?: ((outcome: SuccessOutcome) => void) | undefined;
}

export type ConnectOptions<A extends AnyProviderAdapter = AnyProviderAdapter> =
  CommonConnectOptions<A> & (ClientLaunchOptions<A> | ServerLaunchOptions);

/** The browser, injected for tests; defaults to the real one, read on `open()`. */
export interface FlowEnvironment {
  window?: Window | undefined;
  browser?: BrowserPort | undefined;
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

/** The server handler's client: loaded on the first launch of an app that passes `basePath`. */
const serverClient = () => import('../browser/serverClient');

/** The launch: the app's own, or a request to the server handler. */
function launchOf<A extends AnyProviderAdapter>(
  options: ConnectOptions<A>,
  browser: BrowserPort,
): (context: LaunchContext) => Promise<LaunchOf<A>> {
  const { launch, basePath = '', provider, launchParams } = options;
  if (launch) return launch;
  const page = new URL(options.redirectUri ?? defaultCallbackPage, browser.origin);
  const path = page.pathname + page.search;
  return async (context) => {
    const { serverLaunch } = await serverClient();
    // The server mints the launch of the provider it is asked for: the adapter's own type.
    return (await serverLaunch(basePath, provider, path, launchParams)(context)) as LaunchOf<A>;
  };
}

/** With the server half, a provider's `postMessage` success counts once the server confirms it. */
function confirmOf<A extends AnyProviderAdapter>(options: ConnectOptions<A>) {
  const { basePath, provider } = options;
  if (!basePath) return undefined;
  return async (outcome: ConnectOutcome, state: string) => {
    const { confirmWithServer } = await serverClient();
    return confirmWithServer(basePath, provider, outcome, state);
  };
}

function settingsOf<A extends AnyProviderAdapter>(
  options: ConnectOptions<A>,
  browser: BrowserPort,
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

/** The app's callbacks for an outcome: the specific one, then `onOutcome` (as on the page). */
function notifyApp<A extends AnyProviderAdapter>(
  options: ConnectOptions<A>,
  outcome: ConnectOutcome,
) {
  if (outcome.screen === 'success') {
    // Adapters answer success only with their identifier (parseCallback's guarantee, tested);
    // with `basePath` the callback takes any success.
    const onSuccess = options.onSuccess as ((success: SuccessOf<A>) => void) | undefined;
    onSuccess?.(outcome as SuccessOf<A>);
  } else if (isCancelled(outcome)) {
    options.onCancel?.(outcome);
  } else {
    options.onError?.(outcome);
  }
  options.onOutcome?.(outcome);
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
    const browser = this.#env.browser ?? windowBrowser(this.#env.window);
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

  #newAttempt(browser: BrowserPort): FlowAttempt<LaunchOf<A>> {
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
    notifyApp(this.#options, outcome);
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
