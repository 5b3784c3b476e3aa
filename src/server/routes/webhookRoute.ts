import { memoryDedupeStore, type DedupeStore } from '../stores/dedupeStore';
import { claimDelivery, finishDelivery, releaseDelivery, timeBox } from '../stores/webhookClaim';
import { eventsOfWebhook } from '../events/userEvents';
import {
  EmergeWebhookError,
  verifyEmergeWebhook,
  type EmergeWebhook,
} from '../providers/emergeWebhook';
import { HandlerFailure } from '../failures';
import { hmacSha256Hex } from '../hmac';
import type { HandlerContext } from '../handlerContext';
import { jsonResponse, problem, readBody } from '../http/responses';

/** Emerge retries for a while (5 attempts with backoff): a handled delivery is kept for a day. */
const doneLifetime = 86_400;
/** Seconds a delivery is held while `onWebhook` runs, unless the app says otherwise. */
const defaultLease = 60;
/** The store's answers before `onWebhook` (and the done mark after it) must come this fast. */
const storeBudgetMs = 2_500;
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

/**
 * The delivery's keys: its signature (the same signed body is the same delivery, so a captured
 * body replayed with a fresh `Idempotency-Key` is a duplicate) and its `Idempotency-Key` (the
 * signature does not cover it), hashed to a fixed length.
 */
async function keysOf(webhook: EmergeWebhook, request: Request): Promise<string[]> {
  const signature = (request.headers.get('x-signature') ?? '').toLowerCase();
  const keys = [`rcf:webhook:sig:${signature}`];
  if (webhook.idempotencyKey) {
    keys.unshift(`rcf:webhook:key:${await hmacSha256Hex('rcf', webhook.idempotencyKey)}`);
  }
  return keys;
}

/**
 * Publishes the delivery's `export` and `consent` events on the user's channel. A failure (or
 * no answer in 2.5 s) is told to `onError`; the delivery stays handled: the page reads the
 * status after each reconnect, so a missed event is late, not lost.
 */
async function publishEvents(webhook: EmergeWebhook, context: HandlerContext): Promise<void> {
  const { uid, events } = eventsOfWebhook(webhook);
  if (!events.length) return;
  try {
    const channel = await context.userChannel(uid);
    const engine = context.events();
    const deadline = Date.now() + storeBudgetMs;
    for (const event of events) {
      await timeBox(() => engine.publish(channel, JSON.stringify(event)), deadline);
    }
  } catch (thrown) {
    const where = { route: 'webhook', provider: 'emerge' } as const;
    context.report(thrown, { ...where, status: 200, code: 'events_not_published' });
  }
}

/**
 * `POST {basePath}/webhook/emerge`: verifies the signature, then claims the delivery in the
 * store for a lease (`webhookLease`) and calls `onWebhook`.
 * - `onWebhook` resolved: its `export` and `consent` events go to the user's streams (through
 *   `events`; a failed publish is told to `onError` and the answer stays 2xx), the delivery is
 *   marked done for a day, and the answer is 200; a retry then gets `200 {"duplicate":true}`.
 * - `onWebhook` threw: the claim is released and the answer is 503 `webhook_failed`, so
 *   Emerge's retry is handled.
 * - A retry while another request holds the lease: 503 with `Retry-After`. If the process died
 *   inside `onWebhook`, the lease runs out and the next retry is handled: `onWebhook` can run
 *   twice for one event, so it must be idempotent. If every retry comes within the lease, none
 *   is handled, and the event is lost to the webhook: keep the lease a little above the longest
 *   `onWebhook` run.
 * - The store fails, rejects or gives no answer in 2.5 s before `onWebhook`: 503
 *   `store_unavailable`, never a 2xx. Only the done mark fails: the 200 stands, and `onError`
 *   is told (a retry may then run `onWebhook` again once the lease runs out).
 */
export function webhookRoute(shared?: DedupeStore) {
  let memory: DedupeStore | undefined;
  return async (request: Request, context: HandlerContext): Promise<Response> => {
    const secret = context.config.emerge?.webhookSecret;
    if (!secret) return problem(404, 'not_found');
    // Made on first use: an app without webhooks gets no memory store, and no warning.
    const store = shared ?? (memory ??= memoryDedupeStore());
    const verified = await verify(request, secret);
    if (verified instanceof Response) return verified;
    const lease = context.config.webhookLease ?? defaultLease;
    const where = { route: 'webhook', provider: 'emerge' } as const;
    const keys = await keysOf(verified, request);

    let claim: Awaited<ReturnType<typeof claimDelivery>>;
    try {
      claim = await claimDelivery(store, keys, lease, Date.now() + storeBudgetMs);
    } catch (thrown) {
      context.report(thrown, { ...where, status: 503, code: 'store_unavailable' });
      return problem(503, 'store_unavailable', { 'Retry-After': String(lease) });
    }
    if (claim.state === 'done') return jsonResponse(200, { duplicate: true });
    if (!claim.held) return problem(503, 'delivery_in_progress', { 'Retry-After': String(lease) });

    try {
      await context.config.onWebhook?.(verified);
    } catch (thrown) {
      context.report(thrown, { ...where, status: 503, code: 'webhook_failed' });
      await releaseDelivery(store, claim.held, Date.now() + storeBudgetMs).catch(() => undefined);
      return problem(503, 'webhook_failed');
    }
    await publishEvents(verified, context);
    try {
      const kept = await finishDelivery(
        store,
        claim.held,
        doneLifetime,
        Date.now() + storeBudgetMs,
      );
      if (!kept) {
        const late = new HandlerFailure(`onWebhook outlasted its ${lease} s lease`);
        context.report(late, { ...where, status: 200, code: 'webhook_lease_expired' });
      }
    } catch (thrown) {
      context.report(thrown, { ...where, status: 200, code: 'done_not_recorded' });
    }
    return jsonResponse(200, { received: true });
  };
}
