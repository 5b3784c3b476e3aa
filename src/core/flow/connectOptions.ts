import type { PopupSize } from '../browser/flowBrowser';
import type { ConnectEvent } from '../browser/connectEvent';
import type {
  AnyProviderAdapter,
  CancelledOutcome,
  ConnectOutcome,
  FailureOutcome,
  LaunchContext,
  ProviderAdapter,
  SuccessOutcome,
} from '../model/types';

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
  /**
   * Each step of each attempt, in order, for analytics: `started`, `popup_blocked`, `launched`
   * or `launch_failed`, `provider_shown`, `returned`, then one `outcome` (with `screen` and
   * `code`). After a redirect, `returned` and `outcome` come from `<ConnectCallbackPage onEvent>`.
   * Events carry no state, token, URL or uid. An error it throws is reported, not rethrown.
   */
  onEvent?: ((event: ConnectEvent) => void) | undefined;
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
