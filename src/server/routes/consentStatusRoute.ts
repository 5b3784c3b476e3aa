import { isProviderTimeout } from '../failures';
import type { HandlerContext } from '../handlerContext';
import { jsonResponse, problem } from '../http/responses';
import { getEmergeConsentStatus, type EmergeConsent } from '../providers/emergeConsentStatus';
import { ProviderRequestError } from '../providers/providerError';

/** One consent as the browser reads it: no uid, no scopes, no client. */
export interface ConsentStatusEntry {
  provider: 'emerge';
  /** `expiring`: active, and ends within `consentExpiringDays`; `revoked`: any ended access. */
  status: 'active' | 'expiring' | 'revoked';
  /** When the consent ends (ISO 8601); `null` when Emerge did not say. */
  validUntil: string | null;
  /** Whole days until `validUntil` for an active consent (0 on its last day); else `null`. */
  daysLeft: number | null;
  /** The upstream data source: `google_data`, `gmail`. */
  source: string;
}

const dayMs = 86_400_000;
const defaultExpiringDays = 7;

/**
 * A consent as an entry. Only `active` with time left is access; `revoked`, a passed
 * `valid_until` and any status Emerge does not document are ended access: `revoked`.
 */
export function consentEntry(consent: EmergeConsent, now: number, expiringDays: number) {
  const validUntil = consent.validUntil ?? null;
  const left = validUntil === null ? null : validUntil - now;
  const active = consent.status === 'active' && (left === null || left > 0);
  const daysLeft = active && left !== null ? Math.floor(left / dayMs) : null;
  let status: ConsentStatusEntry['status'] = 'revoked';
  if (active) status = daysLeft !== null && daysLeft <= expiringDays ? 'expiring' : 'active';
  const entry: ConsentStatusEntry = {
    provider: 'emerge',
    status,
    validUntil: validUntil === null ? null : new Date(validUntil).toISOString(),
    daysLeft,
    source: consent.provider,
  };
  return entry;
}

interface Failure {
  status: number;
  code: string;
  headers?: Record<string, string>;
}

/** The failure as the browser sees it: a timeout 504, a 429 passed on, the rest 502. */
function failureOf(thrown: unknown): Failure {
  if (isProviderTimeout(thrown)) return { status: 504, code: 'provider_timeout' };
  const limited = thrown instanceof ProviderRequestError && thrown.kind === 'rate-limited';
  if (!limited) return { status: 502, code: 'provider_unavailable' };
  const seconds = Math.ceil((thrown.retryAfter ?? 10_000) / 1000);
  return { status: 429, code: 'rate_limited', headers: { 'Retry-After': String(seconds) } };
}

/**
 * `GET {basePath}/consent-status`: the signed-in user's Emerge consents (401 without a user),
 * one entry per upstream source, from Emerge's `GET /consent/status/{uid}`:
 * `{ providers: [{ provider, status, validUntil, daysLeft, source }] }`. A user with no uid
 * yet, or one Emerge does not know (404), has none: `{ providers: [] }`. The answer has no uid.
 */
export async function consentStatusRoute(request: Request, context: HandlerContext) {
  const config = context.config.emerge;
  const user = await context.config.getUser(request);
  if (!user) return problem(401, 'unauthenticated');
  const uid = config && (await context.config.getEmergeUid?.(user));
  if (!config || !uid) return jsonResponse(200, { providers: [] });
  try {
    const status = await getEmergeConsentStatus({
      uid,
      apiToken: config.apiToken,
      baseUrl: config.apiBaseUrl,
      fetch: config.fetch,
      signal: context.providerSignal(),
    });
    const expiringDays = config.consentExpiringDays ?? defaultExpiringDays;
    const now = Date.now();
    const providers = status.consents.map((each) => consentEntry(each, now, expiringDays));
    return jsonResponse(200, { providers });
  } catch (thrown) {
    // Emerge does not know the uid: no consent yet.
    if (thrown instanceof ProviderRequestError && thrown.kind === 'not-found') {
      return jsonResponse(200, { providers: [] });
    }
    const { status, code, headers } = failureOf(thrown);
    context.report(thrown, { route: 'consent-status', provider: 'emerge', status, code });
    return problem(status, code, headers);
  }
}
