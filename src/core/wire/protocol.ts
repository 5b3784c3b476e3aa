/**
 * The protocol between the browser and `react-connect-flow/server`'s handler, and between a
 * popup's callback page and its opener, written once: the names both sides agree on. The
 * bodies they exchange are in `bodies.ts`.
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
