/** The providers this package knows by name. A custom adapter may use any other id. */
export type ProviderId = 'gigs' | 'emerge' | 'zapier';

/** Which screen the user should see. Enumerated, and shown in the DOM as `data-state`. */
export type Screen = 'success' | 'retry' | 'admin-approval' | 'error';

/** What the app should offer next. */
export type Action =
  'continue' | 'retry' | 'go-back' | 'request-approval' | 'contact-support' | 'try-later';

/**
 * Codes this package adds to the providers' own:
 * - `invalid_state`: the CSRF state is missing or is not the one this browser stored.
 * - `session_mismatch`: a Gigs `session_id` other than the session this browser launched.
 * - `missing_params`: a required parameter is absent or empty, or nothing recognisable came back.
 * - `ambiguous_params`: a recognised parameter appears twice, or the parameters fit several providers.
 * - `conflicting_params`: parameters contradict each other (an id and an error).
 * - `malformed_params`: a recognised parameter has broken percent-encoding.
 * - `unknown_status` / `unknown_code`: a value no provider documents.
 * - `popup_blocked`, `cancelled`, `launch_failed`, `timeout`: flow failures (useConnect).
 */
export type OwnCode =
  | 'invalid_state'
  | 'session_mismatch'
  | 'missing_params'
  | 'ambiguous_params'
  | 'conflicting_params'
  | 'malformed_params'
  | 'unknown_status'
  | 'unknown_code'
  | 'popup_blocked'
  | 'cancelled'
  | 'launch_failed'
  | 'timeout';

/** Recognised callback parameters: a prototype-free map, one decoded value per name. */
export type CallbackParams = Readonly<Record<string, string>>;

interface OutcomeFields {
  /** Provider id (`'unknown'` when it could not be told). */
  provider: string;
  /** The provider's raw `status`, or `undefined`. Never shown to the user. */
  status: string | undefined;
  /** The documented user-facing text for this outcome, in English. */
  message: string;
  /** Key of `message` in the messages table, to translate or replace it. */
  messageKey: string;
  action: Action;
  /** Developer-facing advice, when the provider documents some. Not for the screen. */
  hint?: string;
  /** Gigs Connect session id. */
  sessionId?: string;
  /** Emerge user id: hand it to your backend; never show, log or store it in the browser. */
  uid?: string;
  /** Zapier connection id, always a string. */
  authenticationId?: string;
  /** Zapier service (app) name. */
  service?: string;
  /** Whether an existing connection was refreshed (Emerge `reauthorized`, Zapier reconnect). */
  reconnected: boolean;
  /** The provider's recognised parameters, raw. Attacker-controlled: never render them. */
  params: CallbackParams;
  /** The app's own query parameters, exactly as they came (no leading `?`). */
  appQuery: string;
}

export interface SuccessOutcome extends OutcomeFields {
  screen: 'success';
  code: undefined;
}

export interface RetryOutcome extends OutcomeFields {
  screen: 'retry';
  code: string;
}

export interface AdminApprovalOutcome extends OutcomeFields {
  screen: 'admin-approval';
  code: string;
}

export interface ErrorOutcome extends OutcomeFields {
  screen: 'error';
  code: string;
}

/** Everything a callback, a message or a failed flow can end in: one value, one screen. */
export type ConnectOutcome = SuccessOutcome | RetryOutcome | AdminApprovalOutcome | ErrorOutcome;

/** What an adapter decides from the parameters; the core adds the message and the raw values. */
export interface OutcomeParts {
  screen: Screen;
  code?: string | undefined;
  /** Message key; defaults to `code`, or `'success'`. */
  key?: string;
  action: Action;
  hint?: string;
  sessionId?: string;
  uid?: string;
  authenticationId?: string;
  service?: string;
  reconnected?: boolean;
}

export interface ParseContext {
  /** The Gigs session id this browser launched, when known. */
  expectedSessionId?: string | undefined;
  /** Whether this flow reconnects an existing connection (Zapier `reconnect_id`). */
  reconnect?: boolean | undefined;
}

export interface LaunchContext {
  /** The CSRF state for this attempt (adapters whose callbacks echo it). */
  state: string;
  /** Where the provider must send the browser back (redirect mode, or the popup's landing page). */
  redirectUri: string;
  mode: 'popup' | 'redirect';
}

/** A provider: data plus small functions. A fourth provider is one object like these. */
export interface ProviderAdapter<Launch = unknown> {
  readonly id: string;
  /** Callback parameter names this provider sends; everything else in the query is the app's. */
  readonly params: readonly string[];
  /** Parameters whose presence identifies this provider when the app names none. */
  readonly markers: readonly string[];
  /** True when callbacks always echo `state`: then a missing or different state is `invalid_state`. */
  readonly echoesState?: boolean;
  /** Whether a closed popup handle may be read as the user cancelling. Defaults to true. */
  readonly closeDetection?: boolean;
  /** Decide the outcome from the recognised, non-empty parameters. */
  parse(params: CallbackParams, context: ParseContext): OutcomeParts;
  /** Build the URL to open from what the app's backend returned. */
  launchUrl(launch: Launch, context: LaunchContext): string;
  /** The origin whose `postMessage` carries results (popup mode); absent: the callback page relays. */
  messageOrigin?(launch: Launch): string;
  /** Turn a provider `postMessage` payload into callback parameters; `undefined` ignores it. */
  readMessage?(data: unknown): CallbackParams | undefined;
  /** A Gigs session id, when the launch carries one, to correlate the callback with. */
  sessionId?(launch: Launch): string | undefined;
}
