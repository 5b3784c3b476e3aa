import { isRecord, readText } from '../http/json';

// Emerge's webhook payload v2 (docs.emergedata.ai/link/webhooks, 2026-03-13). Fields are read
// tolerantly, like the export status: a missing or wrong-typed field is `undefined`, and a
// source without a `provider` string is skipped (the envelope's `raw` keeps everything).

/** `consent.given`: the user granted consent for a provider. */
export interface EmergeConsentGivenSource {
  provider: string;
  scopes: string[];
  validUntil: string | undefined;
  isReauthorized: boolean | undefined;
}

/** `consent.revoked`: consent was withdrawn. */
export interface EmergeConsentRevokedSource {
  provider: string;
  revokedAt: string | undefined;
  /** `user_revoked` or `account_deleted` are documented; other values are kept. */
  reason: 'user_revoked' | 'account_deleted' | (string & {}) | undefined;
}

/** `consent.expiring`: consent ends soon; send the user through the link again. */
export interface EmergeConsentExpiringSource {
  provider: string;
  validUntil: string | undefined;
  daysUntilExpiry: number | undefined;
}

/** `consent.reauthorized`: the user re-linked an existing consent. */
export interface EmergeConsentReauthorizedSource {
  provider: string;
  scopes: string[];
  validUntil: string | undefined;
  isReturningUser: boolean | undefined;
}

/** `data.ready`: the provider's export landed. */
export interface EmergeDataReadySource {
  provider: string;
  /** Dropped from the docs by a later revision; `undefined` when absent. */
  resources: string[] | undefined;
}

/** `data.failed`: the export failed (Emerge says it retries). */
export interface EmergeDataFailedSource {
  provider: string;
  /** e.g. `export_provider_error`, `export_timeout`; the full list is undocumented. */
  errorCode: string | undefined;
  errorMessage: string | undefined;
}

/** The documented events and the shape of their `sources[]`. */
export interface EmergeSourceByEvent {
  'consent.given': EmergeConsentGivenSource;
  'consent.revoked': EmergeConsentRevokedSource;
  'consent.expiring': EmergeConsentExpiringSource;
  'consent.reauthorized': EmergeConsentReauthorizedSource;
  'data.ready': EmergeDataReadySource;
  'data.failed': EmergeDataFailedSource;
}

export type EmergeEventName = keyof EmergeSourceByEvent;

/** The envelope every documented event shares. */
export interface EmergeWebhookPayload<Source> {
  timestamp: string | undefined;
  uid: string | undefined;
  clientId: string | undefined;
  sources: Source[];
}

const eventNames: ReadonlySet<string> = new Set<EmergeEventName>([
  'consent.given',
  'consent.revoked',
  'consent.expiring',
  'consent.reauthorized',
  'data.ready',
  'data.failed',
]);

export function isEmergeEventName(event: string): event is EmergeEventName {
  return eventNames.has(event);
}

function readStrings(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter((item): item is string => typeof item === 'string');
}

function readBoolean(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

function readNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

type SourceReader<Event extends EmergeEventName> = (
  provider: string,
  raw: Record<string, unknown>,
) => EmergeSourceByEvent[Event];

const sourceReaders: { [Event in EmergeEventName]: SourceReader<Event> } = {
  'consent.given': (provider, raw) => ({
    provider,
    scopes: readStrings(raw.scopes) ?? [],
    validUntil: readText(raw.valid_until),
    isReauthorized: readBoolean(raw.is_reauthorized),
  }),
  'consent.revoked': (provider, raw) => ({
    provider,
    revokedAt: readText(raw.revoked_at),
    reason: readText(raw.reason),
  }),
  'consent.expiring': (provider, raw) => ({
    provider,
    validUntil: readText(raw.valid_until),
    daysUntilExpiry: readNumber(raw.days_until_expiry),
  }),
  'consent.reauthorized': (provider, raw) => ({
    provider,
    scopes: readStrings(raw.scopes) ?? [],
    validUntil: readText(raw.valid_until),
    isReturningUser: readBoolean(raw.is_returning_user),
  }),
  'data.ready': (provider, raw) => ({ provider, resources: readStrings(raw.resources) }),
  'data.failed': (provider, raw) => ({
    provider,
    errorCode: readText(raw.error_code),
    errorMessage: readText(raw.error_message),
  }),
};

/** The typed payload of a documented event, read from the parsed JSON body. */
export function readEmergeWebhookPayload<Event extends EmergeEventName>(
  event: Event,
  body: Record<string, unknown>,
): EmergeWebhookPayload<EmergeSourceByEvent[Event]> {
  const readSource: SourceReader<Event> = sourceReaders[event];
  const sources: Array<EmergeSourceByEvent[Event]> = [];
  const rawSources = Array.isArray(body.sources) ? body.sources : [];
  for (const raw of rawSources) {
    const provider = isRecord(raw) ? readText(raw.provider) : undefined;
    if (isRecord(raw) && provider) sources.push(readSource(provider, raw));
  }
  return {
    timestamp: readText(body.timestamp),
    uid: readText(body.uid),
    clientId: readText(body.client_id),
    sources,
  };
}
