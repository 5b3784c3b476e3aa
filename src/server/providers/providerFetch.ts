import { errorKindOf, retryAfterMs } from '../../core/export/exportFetch';
import { parseJson } from '../http/json';
import type { ProviderFailure } from './providerError';

/** Anything that sends a `Request`: the global `fetch`, or a test double. */
export type FetchFunction = (request: Request) => Promise<Response>;

/** Options every network function takes besides its own `baseUrl`. */
export interface FetchOptions {
  /** Sends the request (tests, sandboxes, instrumented clients). Defaults to the global `fetch`. */
  fetch?: FetchFunction | undefined;
  /** Cancels the request; its reason is thrown as is. Defaults to none (no timeout). */
  signal?: AbortSignal | undefined;
}

/** The parsed JSON of a 2xx answer, or what went wrong. */
export type ProviderAnswer =
  { ok: true; status: number; body: unknown } | { ok: false; failure: ProviderFailure };

/** `base` + `path`, keeping any path prefix of `base` (a sandbox behind `/api`, say). */
export function joinUrl(base: string, path: string): string {
  let trimmed = base;
  while (trimmed.endsWith('/')) trimmed = trimmed.slice(0, -1);
  return trimmed + path;
}

const safeName = /^[A-Za-z]\w{0,63}$/;
const safeCode = /^[A-Z][A-Z0-9_]{0,63}$/;

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const { code } = error;
  if (typeof code === 'string' && safeCode.test(code)) return code;
  return undefined;
}

/**
 * A stand-in for the error `fetch` threw, keeping only its name and a system code such as
 * `ECONNREFUSED`. The original is dropped: some clients put the request URL (which can hold a
 * uid) or other request details in their messages.
 */
export function networkCause(error: unknown): Error {
  const name = error instanceof Error && safeName.test(error.name) ? error.name : 'Error';
  const nested = error instanceof Error ? error.cause : undefined;
  const code = errorCode(error) ?? errorCode(nested);
  const cause = new Error(code ? `${name} (${code})` : name);
  cause.name = 'NetworkFailure';
  return cause;
}

type Sent =
  { response: Response; failure?: never } | { response?: never; failure: ProviderFailure };

/**
 * `work`, or the signal's reason as soon as it aborts: a fetch that never looks at its signal
 * (a custom `fetch`, a Request whose signal link was collected) still ends on time.
 */
function abortable<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    // Settled by the abort or by `work`, whichever is first; `work` is always handled.
    const onAbort = () => reject(signal.reason as Error);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** A provider request as its URL and init: the global `fetch` takes it without a `Request`. */
export interface ProviderCall {
  url: string;
  init: RequestInit;
}

/**
 * How to send `call`, built before anything is sent: a bad URL or header throws here, as
 * `new Request` does, not as a network failure. The global `fetch` gets a URL and an init, not
 * a `Request`: that spares Node's fetch a second `Request`, a copy of the body stream and a
 * second link to the signal (about a third of a provider call's CPU). An app's own `fetch`
 * gets a `Request`, as documented.
 */
function sender(call: Request | ProviderCall, options: FetchOptions): () => Promise<Response> {
  if (call instanceof Request || options.fetch) {
    const request = call instanceof Request ? call : new Request(call.url, call.init);
    const fetchFunction = options.fetch ?? globalThis.fetch;
    return () => fetchFunction(request);
  }
  const url = new URL(call.url);
  if (url.username || url.password) throw new TypeError('credentials in a provider URL');
  const init = { ...call.init, headers: new Headers(call.init.headers) };
  return () => globalThis.fetch(url, init);
}

async function send(call: Request | ProviderCall, options: FetchOptions): Promise<Sent> {
  const sending = sender(call, options);
  try {
    return { response: await abortable(sending(), options.signal) };
  } catch (error) {
    // A cancel by the caller is theirs to read; anything else is a network failure.
    if (options.signal?.aborted) throw options.signal.reason;
    return { failure: { kind: 'network', cause: networkCause(error) } };
  }
}

/**
 * Sends `request` (a `Request`, or a URL and init) and reads the answer as JSON. Never throws
 * for the provider's sake: a failed connection, a non-2xx status or a body that is not JSON
 * come back as a {@link ProviderFailure} for the caller to turn into its own error class. Only
 * the caller's abort is thrown.
 */
export async function requestJson(
  request: Request | ProviderCall,
  options: FetchOptions,
): Promise<ProviderAnswer> {
  const sent = await send(request, options);
  if (sent.failure) return { ok: false, failure: sent.failure };
  const { response } = sent;
  const { status } = response;
  if (!response.ok) {
    // Free the connection; the body of an error answer is never read (it may echo secrets).
    await response.body?.cancel().catch(() => undefined);
    const answer: ProviderFailure = { kind: errorKindOf(status), status };
    const retryAfter = retryAfterMs(response.headers.get('retry-after'));
    if (retryAfter !== undefined) answer.retryAfter = retryAfter;
    return { ok: false, failure: answer };
  }
  let text: string;
  try {
    text = await abortable(response.text(), options.signal);
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    return { ok: false, failure: { kind: 'network', status, cause: networkCause(error) } };
  }
  const body = parseJson(text);
  if (body === undefined) return { ok: false, failure: { kind: 'bad-response', status } };
  return { ok: true, status, body };
}
