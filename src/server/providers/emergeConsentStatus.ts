import { isRecord, readText } from '../http/json';
import { ProviderRequestError } from './providerError';
import { joinUrl, requestJson, type FetchOptions } from './providerFetch';

export interface EmergeConsentStatusOptions extends FetchOptions {
  /** The user's Emerge uid. Server-side only. */
  uid: string;
  /** An Emerge API token from the Control Room. */
  apiToken: string;
  /** The Emerge Link API. Defaults to `https://link.emergedata.ai`. */
  baseUrl?: string | undefined;
}

/** One consent, as `GET /consent/status/{uid}` reports it (dates as epoch ms). */
export interface EmergeConsent {
  provider: string;
  status: string;
  validUntil?: number;
  issuedAt?: number;
  revokedAt?: number;
}

/** The user's consents, without the uid (`sub`) Emerge echoes. */
export interface EmergeConsentStatus {
  clientId: string;
  consents: EmergeConsent[];
}

function readTime(value: unknown): number | undefined {
  const time = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isFinite(time) ? time : undefined;
}

function readConsent(value: unknown): EmergeConsent | undefined {
  if (!isRecord(value)) return undefined;
  const provider = readText(value.provider);
  const status = readText(value.status);
  if (!provider || !status) return undefined;
  const consent: EmergeConsent = { provider, status };
  const times = {
    validUntil: readTime(value.valid_until),
    issuedAt: readTime(value.issued_at),
    revokedAt: readTime(value.revoked_at),
  };
  for (const [name, time] of Object.entries(times)) {
    if (time !== undefined) consent[name as keyof typeof times] = time;
  }
  return consent;
}

/**
 * Reads `GET /consent/status/{uid}` (docs.emergedata.ai): the client the consents were given
 * to, and each consent's status and dates. Throws a {@link ProviderRequestError}
 * (`provider: 'emerge'`, kind `not-found` for an unknown uid) or the caller's abort reason.
 */
export async function getEmergeConsentStatus(
  options: EmergeConsentStatusOptions,
): Promise<EmergeConsentStatus> {
  const path = `/consent/status/${encodeURIComponent(options.uid)}`;
  const init: RequestInit = {
    method: 'GET',
    headers: { Authorization: `Bearer ${options.apiToken}`, Accept: 'application/json' },
    redirect: 'manual',
  };
  if (options.signal) init.signal = options.signal;
  const url = joinUrl(options.baseUrl ?? 'https://link.emergedata.ai', path);
  const answer = await requestJson({ url, init }, options);
  if (!answer.ok) throw new ProviderRequestError('emerge', answer.failure);
  const body = isRecord(answer.body) ? answer.body : {};
  const clientId = readText(body.client_id);
  if (!clientId || !Array.isArray(body.consents)) {
    throw new ProviderRequestError('emerge', { kind: 'bad-response', status: answer.status });
  }
  const consents = body.consents.map(readConsent).filter((each) => each !== undefined);
  return { clientId, consents };
}
