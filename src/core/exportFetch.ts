import { parseExportStatus, type ExportStatus } from './exportStatus';
import { defaultPollSchedule, nextPollDelay, type PollSchedule } from './pollSchedule';

/**
 * The app's own status endpoint (the provider's API token is server-only): a URL fetched with
 * GET and same-origin credentials, or a function that returns the parsed body or a `Response`.
 */
export type ExportEndpoint = string | ((signal: AbortSignal) => Promise<unknown>);

/**
 * Why a status request failed. `unauthorized` (401, 403), `invalid` (422 and other 4xx) and
 * `not-found` (404 after {@link notFoundGrace}) stop polling: asking again cannot fix them.
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

/**
 * How long a 404 counts as "not created yet" rather than an error: right after consent the
 * app's backend may not know the user until the callback has been stored.
 */
export const notFoundGrace = 120_000;

/** `Retry-After` in ms: delta-seconds or an HTTP date; `undefined` when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()) {
  if (!value) return undefined;
  const ms = /^\s*\d+\s*$/.test(value) ? +value * 1000 : Date.parse(value) - now;
  return Number.isNaN(ms) ? undefined : Math.max(0, ms);
}

const kinds: Record<number, ExportErrorKind> = {
  401: 'unauthorized',
  403: 'unauthorized',
  404: 'not-found',
  429: 'rate-limited',
};

/**
 * One request to the endpoint, read as an export status or a typed error. A function endpoint
 * may answer with the body or a `Response`. Aborts pass through untouched so cancelling stays
 * silent.
 */
export async function loadExportStatus(
  endpoint: ExportEndpoint,
  signal: AbortSignal,
): Promise<ExportStatus> {
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
    const kind = kinds[status] ?? (status < 500 ? 'invalid' : 'server');
    throw new ExportStatusError(kind, status, retryAfterMs(response.headers.get('retry-after')));
  }
  // A body that is not JSON reads as `undefined`, hence `bad-response`.
  const body: unknown = response ? await response.json().catch(() => undefined) : answer;
  const result = parseExportStatus(body);
  if (!result) throw new ExportStatusError('bad-response', response?.status);
  return result;
}

/** What polling has learned so far; the next poll starts from it. */
export interface ExportPoll {
  /** The last status read (kept through soft errors). */
  status: ExportStatus | undefined;
  /** The last soft error, cleared by the next good answer. */
  error: ExportStatusError | undefined;
  /** Consecutive soft errors. */
  errors: number;
  /** When the first poll ran (epoch ms). */
  since: number;
  /** When the next poll is due (epoch ms). */
  next: number;
}

/**
 * One poll: loads, then schedules the next one. Soft errors are kept in the result and back
 * off; a 404 inside {@link notFoundGrace} counts as pending; fatal errors and aborts throw.
 */
export async function pollExportStatus(
  previous: ExportPoll | undefined,
  load: () => Promise<ExportStatus>,
  schedule: PollSchedule = defaultPollSchedule,
): Promise<ExportPoll> {
  const since = previous?.since ?? Date.now();
  let status = previous?.status;
  let error: ExportStatusError | undefined;
  try {
    status = await load();
  } catch (cause) {
    if (!(cause instanceof ExportStatusError)) throw cause;
    if (cause.kind !== 'not-found' || Date.now() - since >= notFoundGrace) {
      if (/^(unauthorized|invalid|not-found)$/.test(cause.kind)) throw cause;
      error = cause;
    }
  }
  const errors = error ? (previous?.errors ?? 0) + 1 : 0;
  const now = Date.now();
  const timing = { elapsed: now - since, errors, retryAfter: error?.retryAfter };
  return { status, error, errors, since, next: now + nextPollDelay(timing, schedule) };
}
