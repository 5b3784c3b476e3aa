import { claimKey, memoryDedupeStore, type DedupeStore } from '../stores/dedupeStore';
import {
  EmergeWebhookError,
  verifyEmergeWebhook,
  type EmergeWebhook,
} from '../providers/emergeWebhook';
import type { HandlerContext } from '../handlerContext';
import { jsonResponse, problem, readBody } from '../http/responses';

/** Emerge retries for a while (5 attempts with backoff): a key is kept for a day. */
const keyLifetime = 86_400;
const bodyLimit = 256 * 1024;

async function verify(request: Request, secret: string) {
  const body = await readBody(request, bodyLimit);
  if (body === undefined) return problem(413, 'body_too_large');
  try {
    return await verifyEmergeWebhook(body, request.headers, secret);
  } catch (error) {
    if (!(error instanceof EmergeWebhookError)) throw error;
    return problem(error.code === 'invalid_body' ? 400 : 401, error.code);
  }
}

/** The delivery's key: `Idempotency-Key`, else its signature (the same body signs the same). */
const keyOf = (webhook: EmergeWebhook, request: Request) =>
  `rcf:webhook:${webhook.idempotencyKey ?? request.headers.get('x-signature') ?? ''}`;

/**
 * `POST {basePath}/webhook/emerge`: verifies the signature, dedupes by `Idempotency-Key`
 * through the store, then calls `onWebhook`. A failure there releases the key and answers
 * 503, so Emerge's retry is handled.
 */
export function webhookRoute(store: DedupeStore = memoryDedupeStore()) {
  return async (request: Request, context: HandlerContext): Promise<Response> => {
    const secret = context.config.emerge?.webhookSecret;
    if (!secret) return problem(404, 'not_found');
    const verified = await verify(request, secret);
    if (verified instanceof Response) return verified;
    const key = keyOf(verified, request);
    if (!(await claimKey(store, key, keyLifetime))) return jsonResponse(200, { duplicate: true });
    try {
      await context.config.onWebhook?.(verified);
    } catch {
      await store.delete?.(key);
      return problem(503, 'webhook_failed');
    }
    return jsonResponse(200, { received: true });
  };
}
