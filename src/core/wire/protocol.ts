import { isVerifiedOutcome, type VerifiedOutcome } from '../model/outcomeSummary';

/**
 * The protocol between the browser and `react-connect-flow/server`'s handler, and between a
 * popup's callback page and its opener, written once: the names both sides agree on.
 */

/** The app's callback page when nothing else is said. */
export const defaultCallbackPage = '/connect/callback';

// The server half's routes, below its `basePath`: both halves build their paths from these.

/** `POST`: mints this attempt's launch and binds the flow in a cookie. */
export const launchPath = (provider: string) => `/launch/${provider}`;
/** `GET`: the provider's redirect target. */
export const callbackPath = (provider: string) => `/callback/${provider}`;
/** `POST`: confirms a provider's `postMessage` success (Zapier). */
export const confirmPath = (provider: string) => `/confirm/${provider}`;
/** `GET`: the verified outcome the callback route left for this browser and flow, read once. */
export const resultPath = '/result';
/** `GET`: the Emerge export status of the signed-in user. */
export const exportStatusPath = '/export-status';
/** `GET`: the signed-in user's Emerge consents. */
export const consentStatusPath = '/consent-status';
/** `GET`: the signed-in user's event stream (server-sent events). */
export const eventsPath = '/events';
/** `POST`: the provider's signed webhook (Emerge). */
export const webhookPath = (provider: string) => `/webhook/${provider}`;

/** The provider's redirect target with the server half: its callback route, as a full URL. */
export const serverCallbackUrl = (origin: string, basePath: string, provider: string) =>
  origin + basePath + callbackPath(provider);

/**
 * The query parameter the server half's callback route adds to the app's callback page: a
 * verified outcome waits at `{basePath}/result`. Its value names the provider. It proves
 * nothing by itself (anyone can write it): the page asks the server.
 */
export const resultMarker = 'rcf_result';

/** The BroadcastChannel a popup's callback page relays on, and its opener listens to. */
export const relayChannelName = 'react-connect-flow';

/**
 * A same-origin path to return to, or `undefined`. Only paths this app produced are accepted
 * (never `//host`, a scheme, or a backslash trick), so it cannot open-redirect. The server checks
 * a launch's `page` with it; the callback page checks a stored `returnTo`.
 */
export function safeReturnPath(path: unknown): string | undefined {
  if (typeof path !== 'string' || !/^\/(?![/\\])[^\\\s]*$/.test(path)) return undefined;
  // No `//` or dot segment in the path part: `/.//evil.com` normalizes to `//evil.com`.
  const pathPart = path.split(/[?#]/, 1)[0] ?? '';
  return /\/\/|\/\.\.?(\/|$)/.test(pathPart) ? undefined : path;
}

// The bodies both halves exchange: each typed once, with the guard that reads it where it
// arrives (untrusted JSON).

/** What the browser sends to the launch route. */
export interface LaunchBody {
  /** This attempt's CSRF state. */
  state: string;
  /** Defaults to `'redirect'` on the server. */
  mode: 'popup' | 'redirect';
  /** The app's callback page, a same-origin path; absent: `defaultCallbackPage`. */
  page?: string | undefined;
  /** `launchParams` from `useConnect`: at most 16 strings of at most 200 characters. */
  params: Readonly<Record<string, string>>;
}

const statePattern = /^[\w-]{22,128}$/;

function launchParams(value: unknown): Record<string, string> | undefined {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const entries = Object.entries(value);
  const fits =
    entries.length <= 16 &&
    entries.every(([, each]) => typeof each === 'string' && each.length <= 200);
  return fits ? Object.fromEntries(entries) : undefined;
}

/**
 * A launch body as the server reads it, or `undefined`. The `page` is left as it came: the
 * server reduces it to a same-origin path (`safeReturnPath`) and answers its own problem code.
 */
export function readLaunchBody(
  value: unknown,
): (Omit<LaunchBody, 'page'> & { page: unknown }) | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const body = value as Record<string, unknown>;
  const params = launchParams(body.params);
  const { state, mode = 'redirect', page } = body;
  if (!params || typeof state !== 'string' || !statePattern.test(state)) return undefined;
  if (mode !== 'popup' && mode !== 'redirect') return undefined;
  return { state, mode, page, params };
}

/** What the browser sends to the confirm route: a provider message's success, and its state. */
export interface ConfirmBody {
  authenticationId: string;
  state: string;
}

/** A confirm body as the server reads it, or `undefined`. */
export function readConfirmBody(value: unknown): ConfirmBody | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { authenticationId, state } = value as Record<string, unknown>;
  if (typeof authenticationId !== 'string' || !/^[\w-]{1,64}$/.test(authenticationId)) {
    return undefined;
  }
  return typeof state === 'string' ? { authenticationId, state } : undefined;
}

/** What the confirm and result routes answer: the verified outcome, or `null` (result only). */
export interface ResultBody {
  outcome: VerifiedOutcome | null;
}

/** The verified outcome of a confirm or result answer as the browser reads it, or `undefined`. */
export function readResultBody(value: unknown): VerifiedOutcome | undefined {
  const outcome = (value as Partial<ResultBody> | null)?.outcome;
  return isVerifiedOutcome(outcome) ? outcome : undefined;
}
