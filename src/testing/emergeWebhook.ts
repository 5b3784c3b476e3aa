import { createHmac, randomUUID } from 'node:crypto';
import { mockSecrets } from './mockConfig';

/** A webhook body; `timestamp` and `client_id` default to now and the mock's client. */
export interface MockWebhookEvent {
  /** `consent.given`, `data.ready`, … (Emerge docs, Webhooks). */
  event: string;
  uid: string;
  sources?: readonly Readonly<Record<string, unknown>>[] | undefined;
  timestamp?: string | undefined;
  client_id?: string | undefined;
}

export interface MockWebhookOptions {
  /** The `Idempotency-Key` header. Defaults to a new key per call. */
  idempotencyKey?: string | undefined;
  /** The `X-Attempt-Number` header (Emerge retries up to 5 times). Defaults to 1. */
  attempt?: number | undefined;
}

/** POSTs a webhook the way Emerge documents it, signed with the mock's webhook secret. */
export async function sendEmergeWebhook(
  url: string,
  event: MockWebhookEvent,
  options: MockWebhookOptions = {},
  now: () => number = Date.now,
): Promise<Response> {
  const body = JSON.stringify({
    timestamp: new Date(now()).toISOString(),
    client_id: mockSecrets.emerge.clientId,
    sources: [],
    ...event,
  });
  const signature = createHmac('sha256', mockSecrets.emerge.webhookSecret)
    .update(body)
    .digest('hex');
  return fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Signature': signature,
      'X-Webhook-Version': '2.0',
      'X-Attempt-Number': String(options.attempt ?? 1),
      'Idempotency-Key': options.idempotencyKey ?? `evt_${randomUUID()}`,
    },
    body,
  });
}
