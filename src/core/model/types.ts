/** Which screen the user should see. Enumerated, and shown in the DOM as `data-state`. */
export type Screen = 'success' | 'retry' | 'admin-approval' | 'error';

/** What the app should offer next. */
export type Action =
  'continue' | 'retry' | 'go-back' | 'request-approval' | 'contact-support' | 'try-later';

/**
 * Codes this package adds to the providers' own:
 * - `invalid_state`: the CSRF state is missing or is not the one this flow sent.
 * - `session_mismatch`: a Gigs `session_id` other than the session this flow launched.
 * - `unsolicited_callback`: a success that matches no flow this browser started and that the
 *   app did not vouch for (a crafted link, a replay, a stale tab): never a success.
 * - `missing_params`: a required parameter is absent or empty, or nothing recognisable came back.
 * - `ambiguous_params`: a provider parameter appears twice, or the parameters fit several providers.
 * - `conflicting_params`: parameters contradict each other (an id and an error).
 * - `malformed_params`: a provider parameter has broken percent-encoding.
 * - `unknown_status` / `unknown_code`: a value no provider documents.
 * - `popup_blocked`, `cancelled`, `launch_failed`, `timeout`: flow failures (useConnect).
 * - `not_recorded`: the server half verified the connection but the app's `onConnected` failed.
 * - `not_verified`: the server half could not confirm the connection with the provider (a
 *   Zapier authentication that is not the user's, an Emerge uid its consent status denies).
 * - `provider_timeout`: a provider did not answer the server half in time.
 * - `unauthenticated`: nobody is signed in to the app when the provider sends the user back.
 * - `server_unavailable`: the server half's store failed or is full; nothing was recorded.
 */
export type OwnCode =
  | 'invalid_state'
  | 'session_mismatch'
  | 'unsolicited_callback'
  | 'missing_params'
  | 'ambiguous_params'
  | 'conflicting_params'
  | 'malformed_params'
  | 'unknown_status'
  | 'unknown_code'
  | 'popup_blocked'
  | 'cancelled'
  | 'launch_failed'
  | 'timeout'
  | 'not_recorded'
  | 'not_verified'
  | 'provider_timeout'
  | 'unauthenticated'
  | 'server_unavailable';

/**
 * Gigs Connect's documented failure statuses, and `not_allowed`, the older name of
 * `bad_configuration` (https://developers.gigs.com/docs/connect/connect-sessions/link-back).
 */
export type GigsCode = 'auth_expired' | 'bad_configuration' | 'user_aborted' | 'not_allowed';

/** Emerge's documented `error_code` values (https://docs.emergedata.ai/link/callbacks). */
export type EmergeCode =
  | 'user_failed'
  | 'data_invalid'
  | 'access_denied'
  | 'invalid_scope'
  | 'admin_policy_enforced'
  | 'uid_conflict';

/** Zapier Connect UI's documented `error` values (https://docs.zapier.com/white-label/error-handling). */
export type ZapierCode = 'access_denied' | 'invalid_request' | 'server_error';

/** Every code this package knows: its own and the built-in providers' documented ones. */
export type KnownCode = OwnCode | GigsCode | EmergeCode | ZapierCode;

/** A known code, or any other string (a custom adapter's): known ones autocomplete. */
export type OutcomeCode = KnownCode | (string & {});

/** Recognised callback parameters: a prototype-free map, one decoded value per name. */
export type CallbackParams = Readonly<Record<string, string>>;

/** The identifiers a callback can carry. */
export interface OutcomeIds {
  /** Gigs Connect session id. */
  sessionId?: string;
  /** Emerge user id: hand it to your backend; never show, log or store it in the browser. */
  uid?: string;
  /** Zapier connection id, always a string. */
  authenticationId?: string;
  /** Zapier service (app) name. */
  service?: string;
}

interface OutcomeFields extends OutcomeIds {
  /** Provider id (`'unknown'` when it could not be told). */
  provider: string;
  /** The provider's raw `status`, or `undefined`. Never shown to the user. */
  status: string | undefined;
  /** The user-facing text for this outcome, in English (the provider's, else the shared one). */
  message: string;
  /** Key of `message`: look it up as `{provider}.{key}`, then `{key}`, to reword it. */
  messageKey: string;
  action: Action;
  /** Developer-facing advice, when the provider documents some. Not for the screen. */
  hint?: string;
  /** Whether an existing connection was refreshed (Emerge `reauthorized`, Zapier reconnect). */
  reconnected: boolean;
  /** The provider's recognised parameters, raw. Attacker-controlled: never render them. */
  params: CallbackParams;
  /** The app's own query parameters, exactly as they came (no leading `?`). */
  appQuery: string;
  /** True when the server half verified it against the user's flow cookie. */
  verified?: boolean;
}

export interface SuccessOutcome extends OutcomeFields {
  screen: 'success';
  code: undefined;
}

export interface RetryOutcome extends OutcomeFields {
  screen: 'retry';
  code: OutcomeCode;
}

export interface AdminApprovalOutcome extends OutcomeFields {
  screen: 'admin-approval';
  code: OutcomeCode;
}

export interface ErrorOutcome extends OutcomeFields {
  screen: 'error';
  code: OutcomeCode;
}

/** Every outcome but a success. */
export type FailureOutcome = RetryOutcome | AdminApprovalOutcome | ErrorOutcome;

/** The user closed the popup, or the app called `close()`: always this retry outcome. */
export type CancelledOutcome = RetryOutcome & { code: 'cancelled' };

/** Everything a callback, a message or a failed flow can end in: one value, one screen. */
export type ConnectOutcome = SuccessOutcome | FailureOutcome;

/** An adapter's decision for a success: the identifiers, and whether it reconnected. */
export interface SuccessDecision extends OutcomeIds {
  screen: 'success';
  reconnected?: boolean;
}

/** An adapter's decision for anything else: the code is required. */
export interface FailureDecision extends OutcomeIds {
  screen: 'retry' | 'admin-approval' | 'error';
  code: OutcomeCode;
  action: Action;
  /** The key of the text to show, when it is not the code itself. */
  messageKey?: string;
  /** Developer-facing advice. */
  hint?: string;
}

/** What an adapter decides from the parameters; the core adds the message and raw values. */
export type Decision = SuccessDecision | FailureDecision;

/** What the callback is checked against: the flow this browser started, or the app's word. */
export interface CallbackExpectation {
  /** The CSRF state sent with the flow (stored by `useConnect`, or vouched for by the app). */
  expectedState?: string | undefined;
  /** The Gigs session id the flow launched (from `launch().id` or the session URL). */
  expectedSessionId?: string | undefined;
  /** Whether this flow reconnects an existing connection (Zapier `reconnect_id`). */
  reconnect?: boolean | undefined;
}

export interface LaunchContext {
  /** The CSRF state for this attempt: sign it into the link, or send it with the launch. */
  state: string;
  /** Where the provider must send the browser back (redirect mode, or the popup's landing page). */
  redirectUri: string;
  mode: 'popup' | 'redirect';
}

/**
 * How a success is tied to the flow that started it (docs/security.md, the trust model):
 * - `state`: the callback always echoes the state, which must be the expected one (Emerge);
 * - `session`: the callback's session id must be the launched one (Gigs);
 * - `flow`: an expected state must exist (a flow stored in this tab, or the app's word), and a
 *   state that comes back must match it (Zapier, which echoes it on errors only).
 */
export type SuccessBinding = 'state' | 'session' | 'flow';

/**
 * A provider: data plus small functions. A fourth provider is one object like these.
 * `Launch` is what the app's backend returns for an attempt; `Success` the identifiers a
 * success always carries.
 */
export interface ProviderAdapter<Launch = unknown, Success extends OutcomeIds = OutcomeIds> {
  readonly id: string;
  /** Every callback parameter name this provider may send; the rest of the query is the app's. */
  readonly params: readonly string[];
  /** Sets of names the provider always sends together: a callback that has one is this provider's. */
  readonly signatures: readonly (readonly string[])[];
  readonly binding: SuccessBinding;
  /** Whether a closed popup handle may be read as the user cancelling. Defaults to true. */
  readonly closeDetection?: boolean;
  /** The text for this provider's codes, by code (or `messageKey`). */
  readonly messages: Readonly<Record<string, string>>;
  /** Decide the outcome from the recognised, non-empty parameters. */
  parse(params: CallbackParams, expectation: CallbackExpectation): Decision;
  /** Build the URL to open from what the app's backend returned. */
  launchUrl(launch: Launch, context: LaunchContext): string;
  /**
   * How a popup's result comes back: `'relay'`, the popup lands on the app's callback page,
   * which relays it to the opener; `'message'`, the provider posts it from `messageOrigin`.
   * The flow loads the relay only for adapters that say `'relay'`.
   */
  readonly returns: 'relay' | 'message';
  /** The origin whose `postMessage` carries results (popup mode); absent: the callback page relays. */
  messageOrigin?(launch: Launch): string;
  /** Turn a provider `postMessage` payload into callback parameters; `undefined` ignores it. */
  readMessage?(data: unknown): CallbackParams | undefined;
  /** The session id a launch carries, to bind the callback to it (Gigs). */
  sessionId?(launch: Launch): string | undefined;
  /** Whether a launch re-authorises an existing connection (Zapier `reconnectId`). */
  reconnects?(launch: Launch): boolean;
  /** Phantom member: the identifiers a success carries. Never set; types only. */
  readonly success?: Success;
}

/**
 * Any adapter, whatever its launch type. `Launch` only appears as an input, so `never` accepts
 * every adapter.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the success type is free here
export type AnyProviderAdapter = ProviderAdapter<never, any>;
