import type { ExportErrorKind } from '../../core/export/exportFetch';

/** The provider a server request went to. */
export type ProviderName = 'gigs' | 'emerge' | 'zapier';

/** What went wrong with a request, as plain data: {@link ProviderRequestError} carries it. */
export interface ProviderFailure {
  /** The same kinds as the browser's export-status client. */
  kind: ExportErrorKind;
  /** The HTTP status, when there was an answer. */
  status?: number;
  /** ms to wait, from `Retry-After` on a 429. */
  retryAfter?: number;
  /** A sanitized stand-in for the error `fetch` threw (see `networkCause`). */
  cause?: Error;
}

/**
 * A failed request to Gigs or Zapier. The message names only the provider, the kind and the
 * HTTP status (`"gigs: unauthorized (HTTP 401)"`): never a token, a secret, a session URL, a
 * uid or a response body, so it is safe to log.
 */
export class ProviderRequestError extends Error {
  override name = 'ProviderRequestError';
  readonly provider: ProviderName;
  readonly kind: ExportErrorKind;
  // `declare`: absent rather than `undefined` when unknown, as `exactOptionalPropertyTypes` reads it.
  /** The HTTP status, when there was an answer. */
  declare readonly status?: number;
  /** ms to wait, from `Retry-After`, when the provider sent one. */
  declare readonly retryAfter?: number;

  constructor(provider: ProviderName, failure: ProviderFailure) {
    const suffix = failure.status === undefined ? '' : ` (HTTP ${failure.status})`;
    const message = `${provider}: ${failure.kind}${suffix}`;
    super(message, failure.cause ? { cause: failure.cause } : undefined);
    this.provider = provider;
    this.kind = failure.kind;
    if (failure.status !== undefined) this.status = failure.status;
    if (failure.retryAfter !== undefined) this.retryAfter = failure.retryAfter;
  }
}
