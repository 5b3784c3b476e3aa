import type { ProviderName } from './providers/providerError';

/** Which part of the handler failed. `request`: before any route (a bad target, a config). */
export type HandlerRoute =
  | 'request'
  | 'launch'
  | 'callback'
  | 'confirm'
  | 'result'
  | 'export-status'
  | 'consent-status'
  | 'events'
  | 'webhook'
  | 'config';

/** What the handler answered for a failure: the route, the provider, the status and its code. */
export interface FailureInfo {
  route: HandlerRoute;
  provider?: ProviderName | undefined;
  /** The HTTP status answered (303 for a callback that became an error outcome). */
  status: number;
  /** The problem code the browser sees (`provider_unavailable`, `cross_origin`, …). */
  code: string;
}

/**
 * Called once per failure the handler answers for: a 5xx, a provider, store or configuration
 * failure, an app callback that threw, and a 403 for an origin mismatch. Runs after the answer
 * is decided; whatever it throws is ignored.
 */
export type ErrorHandler = (error: Error, info: FailureInfo) => void;

/**
 * An error whose message this package wrote, with nothing of a request in it but what is safe
 * to log (a provider's name, a status, JSON-escaped origins). Any other error is logged by its
 * name only: an app's callback or a client library may put a token or a uid in its message.
 */
export class HandlerFailure extends Error {
  override name = 'HandlerFailure';
}

/** The provider errors of this package carry safe messages too (`gigs: server (HTTP 503)`). */
const safeMessages = new Set(['HandlerFailure', 'ProviderRequestError', 'ExportStatusError']);

function describe(error: Error): string {
  if (safeMessages.has(error.name)) return error.message;
  return `${error.name} (message withheld: it may hold a secret)`;
}

/** One line per failure code at most this often; the lines held back are counted. */
const quietMs = 60_000;

/**
 * The default `onError`: one `console.error` line per failure, at most one a minute per code,
 * never a secret, token, uid, session URL or cookie.
 */
export function consoleErrorHandler(now: () => number = Date.now): ErrorHandler {
  const lastLogged = new Map<string, { at: number; held: number }>();
  return (error, info) => {
    const last = lastLogged.get(info.code);
    if (last && now() - last.at < quietMs) {
      last.held += 1;
      return;
    }
    const held = last?.held ? ` (${last.held} more since the last line)` : '';
    lastLogged.set(info.code, { at: now(), held: 0 });
    const where = [info.route, info.provider].filter(Boolean).join(' ');
    console.error(
      `react-connect-flow: ${where} answered ${info.status} ${info.code}: ${describe(error)}${held}`,
    );
  };
}

/** Anything thrown, as an `Error` (a callback may throw a string). */
export const asError = (thrown: unknown): Error =>
  thrown instanceof Error
    ? thrown
    : new HandlerFailure(`a non-Error was thrown (${typeof thrown})`);

/** Calls the app's handler, never letting it break the answer. */
export function report(onError: ErrorHandler, thrown: unknown, info: FailureInfo): void {
  try {
    onError(asError(thrown), info);
  } catch {
    // The answer is decided; a failing reporter must not change it.
  }
}

/** Whether a provider call was abandoned: `providerTimeout` ran out (or the caller aborted). */
export const isProviderTimeout = (thrown: unknown): boolean =>
  thrown instanceof Error && (thrown.name === 'TimeoutError' || thrown.name === 'AbortError');
