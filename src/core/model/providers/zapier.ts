import { ownError } from '../decision';
import type {
  CallbackParams,
  Decision,
  FailureDecision,
  ProviderAdapter,
  ZapierCode,
} from '../types';

/** What the app's backend returns after exchanging a connect token (6 minutes, single use). */
export interface ZapierLaunch {
  token: string;
  /** The app to connect, a path segment of the Connect UI URL (e.g. `SlackAPI`). */
  app: string;
  theme?: string | undefined;
  /** Re-authorise this existing connection instead of creating a new one. */
  reconnectId?: string | undefined;
  /** Connect UI base URL. Defaults to `https://connect.zapier.com`. */
  baseUrl?: string | undefined;
}

/**
 * Zapier documents meanings and developer actions, not user text (error-handling page): these
 * words are ours, after those meanings.
 */
export const zapierMessages = {
  // "The user or session does not have permission. Re-initiate the connection flow."
  access_denied:
    "This account or session doesn't have permission to connect. Please start the connection again.",
  // "The request is malformed or missing required data." (an invalid or expired connect token)
  invalid_request: 'The connection link was invalid or has expired. Please try again.',
  // "An unexpected internal error occurred. Retry, or contact Zapier support if persistent."
  server_error: 'The connection service had a problem. Please try again.',
} as const satisfies Record<ZapierCode, string>;

const errors: Readonly<Record<string, FailureDecision>> = {
  access_denied: { screen: 'retry', code: 'access_denied', action: 'retry' },
  invalid_request: {
    screen: 'error',
    code: 'invalid_request',
    action: 'retry',
    hint: 'Generate a new connect token and retry; check the app id if it persists.',
  },
  server_error: { screen: 'error', code: 'server_error', action: 'retry' },
};

const defaultBaseUrl = 'https://connect.zapier.com';
const baseUrlOf = (launch: ZapierLaunch) => (launch.baseUrl ?? defaultBaseUrl).replace(/\/+$/, '');

function decide(authenticationId: string | undefined, error: string | undefined): Decision {
  if (authenticationId && error) return ownError('conflicting_params');
  if (authenticationId) return { screen: 'success', authenticationId };
  if (!error) return ownError('missing_params');
  return (Object.hasOwn(errors, error) ? errors[error] : undefined) ?? ownError('unknown_code');
}

/** `authId` is numeric in the popup message and a string everywhere else. */
function connectionId(authId: unknown): string {
  if (typeof authId === 'number' && Number.isFinite(authId)) return String(authId);
  return typeof authId === 'string' ? authId : '';
}

/**
 * Zapier Connect UI: popup `postMessage`, or redirect + `authentication_id` / `error`
 * (https://docs.zapier.com/white-label/connection-flow).
 */
export const zapier: ProviderAdapter<ZapierLaunch, { authenticationId: string }> = {
  id: 'zapier',
  params: ['authentication_id', 'service', 'error', 'error_description', 'state'],
  signatures: [['authentication_id'], ['error']],
  binding: 'flow',
  messages: zapierMessages,
  parse({ authentication_id: authenticationId, service, error }, { reconnect }) {
    const decision = decide(authenticationId, error);
    const extra = decision.screen === 'success' && reconnect ? { reconnected: true } : {};
    return { ...decision, ...extra, ...(service ? { service } : {}) };
  },
  returns: 'message',
  launchUrl(launch, { mode, redirectUri, state }) {
    const url = new URL(`${baseUrlOf(launch)}/to/${encodeURIComponent(launch.app)}`);
    url.searchParams.set('token', launch.token);
    if (launch.theme) url.searchParams.set('theme', launch.theme);
    if (launch.reconnectId) url.searchParams.set('reconnect_id', launch.reconnectId);
    if (mode === 'redirect') url.searchParams.set('redirect_uri', redirectUri);
    // Zapier echoes `state` on error redirects (error-handling page); it is checked wherever
    // it comes back.
    url.searchParams.set('state', state);
    return url.href;
  },
  messageOrigin: (launch) => new URL(baseUrlOf(launch)).origin,
  readMessage(data): CallbackParams | undefined {
    if (typeof data !== 'object' || data === null) return undefined;
    const { type, authId, error, state } = data as Record<string, unknown>;
    const echoed = typeof state === 'string' ? { state } : {};
    if (type === 'authenticationSuccess') {
      return { authentication_id: connectionId(authId), ...echoed };
    }
    if (type === 'authenticationError') {
      return { error: typeof error === 'string' ? error : '', ...echoed };
    }
    return undefined;
  },
  reconnects: (launch) => !!launch.reconnectId,
};
