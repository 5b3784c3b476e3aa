import type { EmergeWebhook } from '../providers/emergeWebhook';
import { isRecord, parseJson } from '../http/json';

/** `export`: an Emerge export became ready, or failed (`data.ready`, `data.failed`). */
export interface ExportEventData {
  provider: 'emerge';
  status: 'ready' | 'failed';
  /** The upstream data source the webhook named (`google_data`, `gmail`), when it named one. */
  source?: string;
}

/** `consent`: an Emerge consent was given, reauthorized, is about to expire, or was revoked. */
export interface ConsentEventData {
  provider: 'emerge';
  status: 'given' | 'reauthorized' | 'expiring' | 'revoked';
  /** When the consent ends (ISO 8601), when the webhook said. */
  validUntil?: string;
  /** `consent.expiring`: whole days left. */
  daysUntilExpiry?: number;
  /** The upstream data source the webhook named (`google_data`, `gmail`), when it named one. */
  source?: string;
}

/** One event for a user's streams: its opaque id (never the uid), its name, its data. */
export type UserEvent =
  | { id: string; event: 'export'; data: ExportEventData }
  | { id: string; event: 'consent'; data: ConsentEventData };

/** What each webhook becomes: the event's name and its status. */
const eventOfWebhook = {
  'data.ready': ['export', 'ready'],
  'data.failed': ['export', 'failed'],
  'consent.given': ['consent', 'given'],
  'consent.reauthorized': ['consent', 'reauthorized'],
  'consent.expiring': ['consent', 'expiring'],
  'consent.revoked': ['consent', 'revoked'],
} as const;

const isExportStatus = (status: unknown): status is ExportEventData['status'] =>
  status === 'ready' || status === 'failed';
const consentStatuses: readonly unknown[] = ['given', 'reauthorized', 'expiring', 'revoked'];
const isConsentStatus = (status: unknown): status is ConsentEventData['status'] =>
  consentStatuses.includes(status);

/** A source name fit to pass on: a short identifier, nothing a webhook could smuggle. */
const sourcePattern = /^[A-Za-z0-9_.-]{1,64}$/;
const idPattern = /^[A-Za-z0-9-]{1,64}$/;

function isoTime(value: unknown): string | undefined {
  const time = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isFinite(time) ? new Date(time).toISOString() : undefined;
}

/** What an event may carry besides its status, each read and checked. */
interface EventFields {
  source?: unknown;
  validUntil?: unknown;
  daysUntilExpiry?: unknown;
}

/**
 * An event from checked parts, or `undefined`: only the known fields pass, so nothing else a
 * webhook or a published message holds (a uid) can reach a stream.
 */
function makeEvent(id: unknown, name: unknown, status: unknown, fields: EventFields) {
  if (typeof id !== 'string' || !idPattern.test(id)) return undefined;
  const { source, daysUntilExpiry: days } = fields;
  const upstream = typeof source === 'string' && sourcePattern.test(source) ? { source } : {};
  if (name === 'export' && isExportStatus(status)) {
    const event: UserEvent = { id, event: name, data: { provider: 'emerge', status, ...upstream } };
    return event;
  }
  if (name !== 'consent' || !isConsentStatus(status)) return undefined;
  const data: ConsentEventData = { provider: 'emerge', status, ...upstream };
  const validUntil = isoTime(fields.validUntil);
  if (validUntil) data.validUntil = validUntil;
  if (status === 'expiring' && typeof days === 'number' && Number.isFinite(days)) {
    data.daysUntilExpiry = days;
  }
  const event: UserEvent = { id, event: name, data };
  return event;
}

/**
 * The user's events of a verified webhook, one per source it names (one without a source when
 * it names none), with the uid they belong to; none for an event without a uid or one this
 * package does not know.
 */
export function eventsOfWebhook(webhook: EmergeWebhook): { uid: string; events: UserEvent[] } {
  const uid = webhook.known ? webhook.payload.uid : undefined;
  if (!webhook.known || !uid) return { uid: '', events: [] };
  const [name, status] = eventOfWebhook[webhook.event];
  const sources: readonly EventFields[] = webhook.payload.sources.length
    ? webhook.payload.sources.map((each) => ({ ...each, source: each.provider }))
    : [{}];
  const events: UserEvent[] = [];
  for (const fields of sources) {
    const event = makeEvent(crypto.randomUUID(), name, status, fields);
    if (event) events.push(event);
  }
  return { uid, events };
}

/** An event as one SSE frame: `id`, `event` and one `data` line of JSON. */
export function frameOf(event: UserEvent): string {
  return `id: ${event.id}\nevent: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`;
}

/** A published message read back as an event, or `undefined`: any instance may have sent it. */
export function readUserEvent(message: string): UserEvent | undefined {
  const value = parseJson(message);
  if (!isRecord(value) || !isRecord(value.data) || value.data.provider !== 'emerge') {
    return undefined;
  }
  return makeEvent(value.id, value.event, value.data.status, value.data);
}
