import { isVerifiedOutcome, type VerifiedOutcome } from '../model/outcomeSummary';
import type { EmergeLaunch } from '../model/providers/emerge';
import type { GigsLaunch } from '../model/providers/gigs';
import type { ZapierLaunch } from '../model/providers/zapier';

/**
 * The protocol between the browser and `react-connect-flow/server`'s handler, written once:
 * the handler's routes (below its `basePath`), the names both halves agree on, and each body
 * with the guard that checks it where it arrives.
 */

/** The app's callback page when nothing else is said. */
export const defaultCallbackPage = '/connect/callback';

/**
 * The query parameter the server's callback route adds to the app's callback page: a verified
 * outcome waits at `{basePath}/result`. Its value names the provider. It proves nothing by
 * itself (anyone can write it): the page asks the server.
 */
export const resultMarker = 'rcf_result';

/** The BroadcastChannel a popup's callback page relays on, and its opener listens to. */
export const relayChannelName = 'react-connect-flow';

/** The handler's routes, below its `basePath`. */
export const routePaths = {
  /** `POST`: mints this attempt's launch and binds the flow in a cookie. */
  launch: (provider: string) => `/launch/${provider}`,
  /** `GET`: the provider's redirect target. */
  callback: (provider: string) => `/callback/${provider}`,
  /** `POST`: confirms a provider's `postMessage` success (Zapier). */
  confirm: (provider: string) => `/confirm/${provider}`,
  /** `GET`: the verified outcome the callback route left for this browser, read once. */
  result: '/result',
  /** `GET`: the Emerge export status of the signed-in user. */
  exportStatus: '/export-status',
  /** `POST`: the provider's signed webhook (Emerge). */
  webhook: (provider: string) => `/webhook/${provider}`,
} as const;

/** The provider's redirect target: the handler's callback route, as a full URL. */
export const serverCallbackUrl = (origin: string, basePath: string, provider: string) =>
  origin + basePath + routePaths.callback(provider);

/** What the browser sends to the launch route. */
export interface LaunchBody {
  /** This attempt's CSRF state. */
  state: string;
  /** Defaults to `'redirect'` on the server. */
  mode: 'popup' | 'redirect';
  /** The app's callback page, a same-origin path; absent: `defaultCallbackPage`. */
  page?: string | undefined;
  /** `launchParams` from `useConnect`: a few short strings. */
  params: Readonly<Record<string, string>>;
}

const statePattern = /^[\w-]{22,128}$/;

/** The launch's extra values: at most 16 strings of at most 200 characters. */
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
 * A launch body as the server reads it (untrusted JSON), or `undefined`. The `page` is left as
 * it came: the server reduces it to a same-origin path (`safeReturnPath`).
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

/** What the launch route answers: the provider's launch, as its adapter takes it. */
export interface LaunchAnswers {
  gigs: GigsLaunch;
  emerge: EmergeLaunch;
  zapier: ZapierLaunch;
}

/** The providers the server half serves. */
export type ServerProvider = keyof LaunchAnswers;

/** What the browser sends to the confirm route. */
export interface ConfirmBody {
  authenticationId: string;
  state: string;
}

export function readConfirmBody(value: unknown): ConfirmBody | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { authenticationId, state } = value as Record<string, unknown>;
  if (typeof authenticationId !== 'string' || typeof state !== 'string') return undefined;
  return { authenticationId, state };
}

/** What the confirm and result routes answer: the verified outcome, or `null` (result only). */
export interface ResultBody {
  outcome: VerifiedOutcome | null;
}

/** The verified outcome of a confirm or result answer (untrusted JSON), or `undefined`. */
export function readResultBody(value: unknown): VerifiedOutcome | undefined {
  const outcome = (value as Partial<ResultBody> | null)?.outcome;
  return isVerifiedOutcome(outcome) ? outcome : undefined;
}

/**
 * A same-origin path to return to, or `undefined`. Only paths this app produced are accepted
 * (never `//host`, a scheme, or a backslash trick), so it cannot open-redirect. The server
 * checks the launch's `page` with it; the callback page checks a stored `returnTo`.
 */
export function safeReturnPath(path: unknown): string | undefined {
  if (typeof path !== 'string' || !/^\/(?![/\\])[^\\\s]*$/.test(path)) return undefined;
  // No `//` or dot segment in the path part: `/.//evil.com` normalizes to `//evil.com`.
  const pathPart = path.split(/[?#]/, 1)[0] ?? '';
  return /\/\/|\/\.\.?(\/|$)/.test(pathPart) ? undefined : path;
}
