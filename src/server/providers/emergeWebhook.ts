import {
  isEmergeEventName,
  readEmergeWebhookPayload,
  type EmergeEventName,
  type EmergeSourceByEvent,
  type EmergeWebhookPayload,
} from './emergeWebhookEvent';
import { hmacSha256Hex, timingSafeEqualHex } from '../hmac';
import { isRecord, parseJson } from '../http/json';

/** A fetch `Headers`, or a plain object such as Node's `IncomingMessage.headers`. */
export type WebhookHeaders =
  Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/** Why a delivery was rejected; answer 401 for the signature codes and 400 for `invalid_body`. */
export type EmergeWebhookErrorCode =
  'missing_signature' | 'malformed_signature' | 'bad_signature' | 'invalid_body';

const errorMessages: Record<EmergeWebhookErrorCode, string> = {
  missing_signature: 'The X-Signature header is missing',
  malformed_signature: 'The X-Signature header is not a hex HMAC-SHA256',
  bad_signature: 'The X-Signature header does not match the body',
  invalid_body: 'The body is not a JSON object with a string "event"',
};

/** A rejected webhook delivery. The message never holds the secret, the signature or the body. */
export class EmergeWebhookError extends Error {
  override name = 'EmergeWebhookError';
  constructor(readonly code: EmergeWebhookErrorCode) {
    super(errorMessages[code]);
  }
}

/** What the delivery headers say, shared by every event. */
export interface EmergeWebhookDelivery {
  /** From `Idempotency-Key`: Emerge retries, so dedupe on it. `undefined` when absent. */
  idempotencyKey: string | undefined;
  /** From `X-Attempt-Number`, starting at 1; 1 when absent or unreadable. */
  attempt: number;
  /** From `X-Webhook-Version` (`2.0` today); `undefined` when absent. */
  version: string | undefined;
  /** The parsed body as sent, including fields this package does not read. */
  raw: Record<string, unknown>;
}

/** A documented event with its typed payload. */
export interface EmergeEventWebhook<Event extends EmergeEventName> extends EmergeWebhookDelivery {
  known: true;
  event: Event;
  payload: EmergeWebhookPayload<EmergeSourceByEvent[Event]>;
}

export type EmergeKnownWebhook =
  | EmergeEventWebhook<'consent.given'>
  | EmergeEventWebhook<'consent.revoked'>
  | EmergeEventWebhook<'consent.expiring'>
  | EmergeEventWebhook<'consent.reauthorized'>
  | EmergeEventWebhook<'data.ready'>
  | EmergeEventWebhook<'data.failed'>;

/** An event this package does not know yet: kept, with its name and untyped payload. */
export interface EmergeUnknownWebhook extends EmergeWebhookDelivery {
  known: false;
  event: string;
  payload: Record<string, unknown>;
}

/**
 * A verified delivery. Check `known` first, then switch on `event`: a plain `string` member in
 * the same union would stop `event` from narrowing.
 */
export type EmergeWebhook = EmergeKnownWebhook | EmergeUnknownWebhook;

/** A header by name, case-insensitively; repeated values are joined with `, ` like `Headers`. */
export function readHeader(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof headers.get === 'function') return headers.get(name) ?? undefined;
  const wanted = name.toLowerCase();
  const values: string[] = [];
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    if (typeof value === 'string') values.push(value);
    else values.push(...(value as readonly string[]));
  }
  if (values.length === 0) return undefined;
  return values.join(', ').trim();
}

function readAttempt(value: string | undefined): number {
  if (value === undefined || !/^\d{1,6}$/.test(value.trim())) return 1;
  const attempt = Number(value);
  return attempt >= 1 ? attempt : 1;
}

function toBytes(rawBody: string | Uint8Array | ArrayBuffer): Uint8Array {
  if (typeof rawBody === 'string') return new TextEncoder().encode(rawBody);
  if (rawBody instanceof Uint8Array) return rawBody;
  return new Uint8Array(rawBody);
}

function parseBody(bytes: Uint8Array): Record<string, unknown> & { event: string } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new EmergeWebhookError('invalid_body');
  }
  const body = parseJson(text);
  if (!isRecord(body)) throw new EmergeWebhookError('invalid_body');
  const { event } = body;
  if (typeof event !== 'string' || !event) throw new EmergeWebhookError('invalid_body');
  return { ...body, event };
}

function typedWebhook(
  event: EmergeEventName,
  body: Record<string, unknown>,
  delivery: EmergeWebhookDelivery,
): EmergeKnownWebhook {
  const known = true;
  switch (event) {
    case 'consent.given':
      return { ...delivery, known, event, payload: readEmergeWebhookPayload(event, body) };
    case 'consent.revoked':
      return { ...delivery, known, event, payload: readEmergeWebhookPayload(event, body) };
    case 'consent.expiring':
      return { ...delivery, known, event, payload: readEmergeWebhookPayload(event, body) };
    case 'consent.reauthorized':
      return { ...delivery, known, event, payload: readEmergeWebhookPayload(event, body) };
    case 'data.ready':
      return { ...delivery, known, event, payload: readEmergeWebhookPayload(event, body) };
    case 'data.failed':
      return { ...delivery, known, event, payload: readEmergeWebhookPayload(event, body) };
    default:
      return event satisfies never;
  }
}

/**
 * Verifies an Emerge webhook delivery and reads it. `X-Signature` must be the hex HMAC-SHA256
 * of the raw body bytes (read the body unparsed: re-serialized JSON will not match) keyed by
 * the webhook secret; it is compared in constant time, upper- or lowercase. Throws an
 * {@link EmergeWebhookError} for a missing, malformed or wrong signature and for a body that is
 * not a JSON object with a string `event`, and a `TypeError` for an empty secret.
 */
export async function verifyEmergeWebhook(
  rawBody: string | Uint8Array | ArrayBuffer,
  headers: WebhookHeaders,
  webhookSecret: string,
): Promise<EmergeWebhook> {
  if (!webhookSecret) throw new TypeError('webhookSecret must be a non-empty string');
  const signature = readHeader(headers, 'x-signature');
  if (!signature) throw new EmergeWebhookError('missing_signature');
  if (!/^[0-9a-f]{64}$/i.test(signature)) throw new EmergeWebhookError('malformed_signature');
  const bytes = toBytes(rawBody);
  const expected = await hmacSha256Hex(webhookSecret, bytes);
  if (!timingSafeEqualHex(signature, expected)) throw new EmergeWebhookError('bad_signature');

  const body = parseBody(bytes);
  const delivery: EmergeWebhookDelivery = {
    idempotencyKey: readHeader(headers, 'idempotency-key') || undefined,
    attempt: readAttempt(readHeader(headers, 'x-attempt-number')),
    version: readHeader(headers, 'x-webhook-version') || undefined,
    raw: body,
  };
  if (isEmergeEventName(body.event)) return typedWebhook(body.event, body, delivery);
  return { ...delivery, known: false, event: body.event, payload: body };
}
