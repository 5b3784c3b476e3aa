import { parseExportStatus, type ExportReport } from './exportStatus';

/**
 * The app's own status endpoint (the provider's API token is server-only): a URL fetched with
 * GET and same-origin credentials, or a function that returns the parsed body or a `Response`.
 */
export type ExportEndpoint = string | ((signal: AbortSignal) => Promise<unknown>);

/**
 * Why a status request failed. `unauthorized` (401, 403), `invalid` (422 and other 4xx) and
 * `not-found` (404 after `notFoundGrace`) stop polling: asking again cannot fix them.
 * `rate-limited` (429, waits `Retry-After`), `server` (5xx), `network` (the request or the
 * endpoint function failed) and `bad-response` (not JSON, or no `sources` array) back off and
 * keep polling.
 */
export type ExportErrorKind =
  'unauthorized' | 'not-found' | 'invalid' | 'rate-limited' | 'server' | 'network' | 'bad-response';

export class ExportStatusError extends Error {
  override name = 'ExportStatusError';
  constructor(
    readonly kind: ExportErrorKind,
    /** The HTTP status, when there was one. */
    readonly status?: number,
    /** ms to wait, from `Retry-After`. */
    readonly retryAfter?: number,
    cause?: unknown,
  ) {
    // Logged as "ExportStatusError: unauthorized".
    super(kind, { cause });
  }
}

/** `Retry-After` in ms: delta-seconds or an HTTP date; `undefined` when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()) {
  if (!value) return undefined;
  const ms = /^\s*\d+\s*$/.test(value) ? +value * 1000 : Date.parse(value) - now;
  return Number.isNaN(ms) ? undefined : Math.max(0, ms);
}

/**
 * How an HTTP error status reads, in the browser's status clients and the server's provider
 * calls alike: 401/403 `unauthorized`, 404 `not-found`, 429 `rate-limited`, other 4xx
 * `invalid`, 5xx `server`; a 1xx or 3xx (a redirect not followed) is a `bad-response`.
 */
export function errorKindOf(status: number): ExportErrorKind {
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 404) return 'not-found';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server';
  if (status >= 400) return 'invalid';
  return 'bad-response';
}

/**
 * One request to the endpoint, read as an export status or a typed error. A function endpoint
 * may answer with the body or a `Response`. Aborts pass through untouched so cancelling stays
 * silent.
 */
export async function loadExportStatus(
  endpoint: ExportEndpoint,
  signal: AbortSignal,
): Promise<ExportReport> {
  let answer: unknown;
  try {
    answer =
      typeof endpoint === 'string'
        ? await fetch(endpoint, {
            credentials: 'same-origin',
            headers: { accept: 'application/json' },
            signal,
          })
        : await endpoint(signal);
  } catch (cause) {
    throw signal.aborted ? cause : new ExportStatusError('network', undefined, undefined, cause);
  }
  // Duck-typed: a Response from another realm (an iframe, a polyfill) fails `instanceof`.
  const response = (answer as Response | null)?.headers ? (answer as Response) : undefined;
  if (response && !response.ok) {
    const { status } = response;
    throw new ExportStatusError(
      errorKindOf(status),
      status,
      retryAfterMs(response.headers.get('retry-after')),
    );
  }
  // A body that is not JSON reads as `undefined`, hence `bad-response`; an abort while the body
  // is read passes through.
  const body: unknown = response
    ? await response.json().catch((cause: unknown) => {
        if (signal.aborted) throw cause;
        return undefined;
      })
    : answer;
  const result = parseExportStatus(body);
  if (!result) throw new ExportStatusError('bad-response', response?.status);
  return result;
}

/** Errors that asking again cannot fix: polling stops on them. */
export const fatalExportErrors: ReadonlySet<ExportErrorKind> = new Set([
  'unauthorized',
  'invalid',
  'not-found',
]);
