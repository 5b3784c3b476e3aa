import { errorKindOf, type ExportErrorKind } from './exportFetch';

/** A provider's consent, as the server half's `{basePath}/consent-status` reports it. */
export type ConsentState = 'active' | 'expiring' | 'revoked' | 'none';

export interface ProviderConsent {
  /** `emerge`, or another provider the server reports. */
  provider: string;
  status: ConsentState;
  /** When the consent ends (ISO 8601), if known. */
  validUntil: string | null;
  /** Whole days until `validUntil`, if known. */
  daysLeft: number | null;
  /** The provider's own data source (e.g. `google_data`), when the server names it. */
  source?: string;
}

/** Why a consent-status read failed; the kinds of `ExportStatusError`. */
export class ConsentStatusError extends Error {
  override name = 'ConsentStatusError';
  constructor(
    readonly kind: ExportErrorKind,
    /** The HTTP status, when there was one. */
    readonly status?: number,
    cause?: unknown,
  ) {
    super(kind, { cause });
  }
}

const states: readonly string[] = ['active', 'expiring', 'revoked', 'none'];

type Raw = Record<string, unknown> | null | undefined;

function readConsent(entry: Raw): ProviderConsent | undefined {
  const provider = entry?.provider;
  const status = entry?.status;
  if (typeof provider !== 'string' || !provider) return undefined;
  if (typeof status !== 'string' || !states.includes(status)) return undefined;
  const validUntil = entry?.validUntil;
  const daysLeft = entry?.daysLeft;
  const consent: ProviderConsent = {
    provider,
    status: status as ConsentState,
    validUntil:
      typeof validUntil === 'string' && !Number.isNaN(Date.parse(validUntil)) ? validUntil : null,
    daysLeft: typeof daysLeft === 'number' && Number.isFinite(daysLeft) ? daysLeft : null,
  };
  if (typeof entry?.source === 'string' && entry.source) consent.source = entry.source;
  return consent;
}

/**
 * Reads `{ providers: [...] }`. Entries without a provider name or with an unknown status are
 * left out, odd dates and day counts become `null`, the first entry for a provider wins.
 * Returns `undefined` when the body is not an object with a `providers` array.
 */
export function parseConsentStatus(body: unknown): ProviderConsent[] | undefined {
  const providers = (body as Raw)?.providers;
  if (!Array.isArray(providers)) return undefined;
  const list: ProviderConsent[] = [];
  for (const entry of providers as Raw[]) {
    const consent = readConsent(entry);
    if (consent && !list.some((known) => known.provider === consent.provider)) list.push(consent);
  }
  return list;
}

/** One GET of the consent-status URL (same-origin credentials), read or a `ConsentStatusError`. */
export async function loadConsentStatus(
  url: string,
  signal: AbortSignal,
): Promise<ProviderConsent[]> {
  let response: Response;
  try {
    response = await fetch(url, {
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
      signal,
    });
  } catch (cause) {
    throw signal.aborted ? cause : new ConsentStatusError('network', undefined, cause);
  }
  if (!response.ok) throw new ConsentStatusError(errorKindOf(response.status), response.status);
  const body: unknown = await response.json().catch((cause: unknown) => {
    if (signal.aborted) throw cause;
    return undefined;
  });
  const providers = parseConsentStatus(body);
  if (!providers) throw new ConsentStatusError('bad-response', response.status);
  return providers;
}
