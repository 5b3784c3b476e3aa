import { ExportStatusError } from '../../core/export/exportFetch';
import { parseExportStatus, type ExportSource } from '../../core/export/exportStatus';
import { joinUrl, requestJson, type FetchOptions } from './providerFetch';

export interface EmergeExportStatusOptions extends FetchOptions {
  /** The user's Emerge uid, from the consent callback or a webhook. Server-side only; required. */
  uid: string;
  /** An Emerge API token from the Control Room. Server-only; required. */
  apiToken: string;
  /** The Emerge Link API. Defaults to `https://link.emergedata.ai`. */
  baseUrl?: string | undefined;
}

/**
 * Each provider's export, without the `uid` Emerge echoes: this is what a backend may send on
 * to the browser, which must never see the uid.
 */
export interface EmergeExportStatus {
  sources: ExportSource[];
}

/**
 * Reads `GET /export/status/{uid}` on the server, where the API token lives. Answers the
 * browser client's reading of the status, minus the uid. Throws an `ExportStatusError` with
 * the browser client's kinds: `unauthorized` (401, 403), `not-found` (404), `rate-limited`
 * (429, `retryAfter` in ms), `invalid` (other 4xx), `server` (5xx), `network`, and
 * `bad-response` (not JSON, or no `sources` array). Its message is the kind alone.
 */
export async function getEmergeExportStatus(
  options: EmergeExportStatusOptions,
): Promise<EmergeExportStatus> {
  if (!options.uid) throw new TypeError('uid must be a non-empty string');
  if (!options.apiToken) throw new TypeError('apiToken must be a non-empty string');
  const path = `/export/status/${encodeURIComponent(options.uid)}`;
  const init: RequestInit = {
    method: 'GET',
    headers: { Authorization: `Bearer ${options.apiToken}`, Accept: 'application/json' },
    redirect: 'manual',
  };
  if (options.signal) init.signal = options.signal;
  const url = joinUrl(options.baseUrl ?? 'https://link.emergedata.ai', path);
  const answer = await requestJson({ url, init }, options);
  if (!answer.ok) {
    const { kind, status, retryAfter, cause } = answer.failure;
    throw new ExportStatusError(kind, status, retryAfter, cause);
  }
  const status = parseExportStatus(answer.body);
  if (!status) throw new ExportStatusError('bad-response', answer.status);
  // Built field by field so the uid (and anything added to the parse later) cannot slip through.
  return { sources: status.sources };
}
