import { createHmac } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { memoryDedupeStore, type DedupeStore } from '../../../src/server/stores/dedupeStore';
import { basePath, testHandler, mockProvidersForFile } from '../handlerFixture';

const providers = mockProvidersForFile();
const webhookSecret = 'emerge-webhook-secret';

function delivery(body: string, headers: Record<string, string> = {}, key = 'idem-1') {
  const signature = createHmac('sha256', webhookSecret).update(body).digest('hex');
  return {
    method: 'POST',
    body,
    headers: {
      'x-signature': signature,
      'idempotency-key': key,
      'x-attempt-number': '1',
      ...headers,
    },
  };
}

const ready = JSON.stringify({
  event: 'data.ready',
  timestamp: '2026-03-13T10:00:00Z',
  uid: 'psub_1',
  client_id: 'c',
  sources: [{ provider: 'gmail' }],
});

describe('POST {basePath}/webhook/emerge', () => {
  it('verifies, then calls onWebhook once per idempotency key', async () => {
    const onWebhook = vi.fn();
    const run = testHandler(providers(), { onWebhook });
    const first = await run.call(`${basePath}/webhook/emerge`, delivery(ready));
    expect(first.status).toBe(200);
    const again = await run.call(`${basePath}/webhook/emerge`, delivery(ready));
    expect(await again.json()).toEqual({ duplicate: true });
    expect(onWebhook).toHaveBeenCalledOnce();
    expect(onWebhook.mock.calls[0]?.[0]).toMatchObject({
      event: 'data.ready',
      idempotencyKey: 'idem-1',
    });
  });

  it.each([
    ['a tampered body', { ...delivery(ready), body: ready.replace('gmail', 'evil') }, 401],
    ['a wrong secret', { ...delivery(ready), headers: { 'x-signature': 'ab'.repeat(32) } }, 401],
    ['no signature', { method: 'POST', body: ready }, 401],
    ['a body that is not JSON', delivery('not json'), 400],
  ])('%s is refused', async (_name, init, status) => {
    const onWebhook = vi.fn();
    const run = testHandler(providers(), { onWebhook });
    const response = await run.call(`${basePath}/webhook/emerge`, init as RequestInit);
    expect(response.status).toBe(status);
    expect(onWebhook).not.toHaveBeenCalled();
  });

  it('a failing onWebhook answers 503 and releases the key, so the retry is handled', async () => {
    const onWebhook = vi
      .fn()
      .mockRejectedValueOnce(new Error('busy'))
      .mockResolvedValueOnce(undefined);
    const run = testHandler(providers(), { onWebhook });
    expect((await run.call(`${basePath}/webhook/emerge`, delivery(ready))).status).toBe(503);
    expect((await run.call(`${basePath}/webhook/emerge`, delivery(ready))).status).toBe(200);
    expect(onWebhook).toHaveBeenCalledTimes(2);
  });

  it('a retry while the first delivery runs gets 503 with Retry-After, never a duplicate', async () => {
    let finish = () => {};
    const onWebhook = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const run = testHandler(providers(), { onWebhook, webhookLease: 30 });
    const first = run.call(`${basePath}/webhook/emerge`, delivery(ready));
    await vi.waitFor(() => expect(onWebhook).toHaveBeenCalledOnce(), { timeout: 5_000 });
    const during = await run.call(`${basePath}/webhook/emerge`, delivery(ready));
    expect(during.status).toBe(503);
    expect(during.headers.get('retry-after')).toBe('30');
    expect(await during.json()).toEqual({ error: 'delivery_in_progress' });
    finish();
    expect(await (await first).json()).toEqual({ received: true });
    const after = await run.call(`${basePath}/webhook/emerge`, delivery(ready));
    expect(await after.json()).toEqual({ duplicate: true });
    expect(onWebhook).toHaveBeenCalledOnce();
  });

  it('a captured body replayed with a fresh Idempotency-Key is a duplicate', async () => {
    const onWebhook = vi.fn();
    const run = testHandler(providers(), { onWebhook });
    await run.call(`${basePath}/webhook/emerge`, delivery(ready, {}, 'idem-1'));
    const replay = await run.call(`${basePath}/webhook/emerge`, delivery(ready, {}, 'idem-fresh'));
    expect(await replay.json()).toEqual({ duplicate: true });
    const other = ready.replace('psub_1', 'psub_2');
    const sameKey = await run.call(`${basePath}/webhook/emerge`, delivery(other, {}, 'idem-1'));
    expect(await sameKey.json()).toEqual({ duplicate: true });
    expect(onWebhook).toHaveBeenCalledOnce();
  });

  it('after a crash inside onWebhook, the first retry past the lease is handled', async () => {
    let now = 0;
    const webhookStore = memoryDedupeStore({ now: () => now });
    // The first process "dies": its onWebhook never settles, its lease stays in the store.
    const dying = vi.fn(() => new Promise<void>(() => undefined));
    const crashed = testHandler(providers(), { webhookStore, webhookLease: 5, onWebhook: dying });
    void crashed.call(`${basePath}/webhook/emerge`, delivery(ready));
    await vi.waitFor(() => expect(dying).toHaveBeenCalledOnce(), { timeout: 5_000 });
    const onWebhook = vi.fn();
    const survivor = testHandler(providers(), { webhookStore, webhookLease: 5, onWebhook });
    const during = await survivor.call(`${basePath}/webhook/emerge`, delivery(ready));
    expect(during.status).toBe(503);
    now = 5_001;
    const past = await survivor.call(`${basePath}/webhook/emerge`, delivery(ready));
    expect(await past.json()).toEqual({ received: true });
    expect(onWebhook).toHaveBeenCalledOnce();
  });

  it('a failing onWebhook is reported', async () => {
    const onError = vi.fn();
    const run = testHandler(providers(), {
      onError,
      onWebhook: () => Promise.reject(new Error('db down')),
    });
    expect((await run.call(`${basePath}/webhook/emerge`, delivery(ready))).status).toBe(503);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'db down' }), {
      route: 'webhook',
      provider: 'emerge',
      status: 503,
      code: 'webhook_failed',
    });
  });

  const failing = (fail: () => unknown): DedupeStore => ({
    get: fail,
    set: fail,
    setIfAbsent: fail as () => boolean,
  });

  it.each([
    [
      'throws',
      () =>
        failing(() => {
          throw new Error('store down');
        }),
    ],
    ['rejects', () => failing(() => Promise.reject(new Error('store down')))],
    ['hangs', () => failing(() => new Promise(() => undefined))],
    ['is full', () => memoryDedupeStore({ maxKeys: 0 })],
  ])(
    'a store that %s before handling answers 503, never a 2xx, and is reported',
    async (_name, store) => {
      const onError = vi.fn();
      const onWebhook = vi.fn();
      const run = testHandler(providers(), { onError, onWebhook, webhookStore: store() });
      const answer = await run.call(`${basePath}/webhook/emerge`, delivery(ready));
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('60');
      expect(onWebhook).not.toHaveBeenCalled();
      expect(onError).toHaveBeenCalledWith(expect.any(Error), {
        route: 'webhook',
        provider: 'emerge',
        status: 503,
        code: 'store_unavailable',
      });
    },
  );

  it('only the done mark failing: the 2xx stands, and it is reported', async () => {
    const onError = vi.fn();
    const onWebhook = vi.fn();
    const webhookStore = memoryDedupeStore();
    webhookStore.setIfEquals = () => Promise.reject(new Error('store down'));
    const run = testHandler(providers(), { onError, onWebhook, webhookStore });
    expect((await run.call(`${basePath}/webhook/emerge`, delivery(ready))).status).toBe(200);
    expect(onWebhook).toHaveBeenCalledOnce();
    expect(onError).toHaveBeenCalledWith(expect.any(Error), {
      route: 'webhook',
      provider: 'emerge',
      status: 200,
      code: 'done_not_recorded',
    });
  });

  it('an onWebhook that outlasts its lease is reported, and its successor left alone', async () => {
    let now = 0;
    const onError = vi.fn();
    const webhookStore = memoryDedupeStore({ now: () => now });
    const onWebhook = vi.fn(() => {
      now += 61_000;
    });
    const run = testHandler(providers(), { onError, onWebhook, webhookStore });
    expect((await run.call(`${basePath}/webhook/emerge`, delivery(ready))).status).toBe(200);
    expect(onError).toHaveBeenCalledWith(expect.any(Error), {
      route: 'webhook',
      provider: 'emerge',
      status: 200,
      code: 'webhook_lease_expired',
    });
  });

  it('is not there without a webhook secret', async () => {
    const run = testHandler(providers(), {
      emerge: { clientId: 'c', signingSecret: 's', apiToken: 't' },
    });
    expect((await run.call(`${basePath}/webhook/emerge`, delivery(ready))).status).toBe(404);
  });
});

describe("POST {basePath}/webhook/emerge: events for the user's streams", () => {
  /** An engine that records what was published, in order with onWebhook and the done mark. */
  function recorded(publish: (channel: string, message: string) => Promise<void> = async () => {}) {
    const order: string[] = [];
    const store = memoryDedupeStore();
    const webhookStore: DedupeStore = {
      ...store,
      setIfEquals: (key, expected, value, ttl) => {
        if (value === 'done') order.push('done');
        return store.setIfEquals!(key, expected, value, ttl);
      },
    };
    const events = {
      publish: vi.fn(async (channel: string, message: string) => {
        order.push('publish');
        await publish(channel, message);
      }),
      subscribe: vi.fn(async () => () => {}),
    };
    const onWebhook = vi.fn(async () => void order.push('onWebhook'));
    return { order, events, onWebhook, webhookStore };
  }

  it('publishes once per verified first delivery, after onWebhook and before the done mark', async () => {
    const { order, events, onWebhook, webhookStore } = recorded();
    const run = testHandler(providers(), { onWebhook, events, webhookStore });
    expect((await run.call(`${basePath}/webhook/emerge`, delivery(ready))).status).toBe(200);
    await run.call(`${basePath}/webhook/emerge`, delivery(ready));
    // Two done marks: the delivery's two keys (its signature and its Idempotency-Key).
    expect(order).toEqual(['onWebhook', 'publish', 'done', 'done']);
    const [channel, message] = events.publish.mock.calls[0]!;
    expect(channel).toMatch(/^rcf:events:[0-9a-f]{64}$/);
    expect(JSON.parse(message)).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      event: 'export',
      data: { provider: 'emerge', status: 'ready', source: 'gmail' },
    });
    expect(`${channel}${message}`).not.toContain('psub_1');
  });

  it('publishes nothing when onWebhook throws (Emerge retries), nor for a bad signature', async () => {
    const { events } = recorded();
    const onWebhook = vi.fn(async () => {
      throw new Error('db down');
    });
    const run = testHandler(providers(), { onWebhook, events });
    expect((await run.call(`${basePath}/webhook/emerge`, delivery(ready))).status).toBe(503);
    const forged = { ...delivery(ready), headers: { 'x-signature': 'ab'.repeat(32) } };
    expect((await run.call(`${basePath}/webhook/emerge`, forged)).status).toBe(401);
    expect(events.publish).not.toHaveBeenCalled();
  });

  it('a failed publish still answers 200, marks the delivery done, and tells onError', async () => {
    const { order, events, onWebhook, webhookStore } = recorded(async () => {
      throw new Error('redis down');
    });
    const run = testHandler(providers(), { onWebhook, events, webhookStore });
    const answer = await run.call(`${basePath}/webhook/emerge`, delivery(ready));
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ received: true });
    expect(order).toEqual(['onWebhook', 'publish', 'done', 'done']);
    expect(run.onError).toHaveBeenCalledWith(expect.any(Error), {
      route: 'webhook',
      provider: 'emerge',
      status: 200,
      code: 'events_not_published',
    });
  });

  it('a publish that never answers is given up after 2.5 s: 200, and onError', async () => {
    const { events, onWebhook } = recorded(() => new Promise(() => {}));
    const run = testHandler(providers(), { onWebhook, events });
    const answer = await run.call(`${basePath}/webhook/emerge`, delivery(ready));
    expect(answer.status).toBe(200);
    expect(run.onError.mock.calls.map((call) => call[1].code)).toEqual(['events_not_published']);
  });

  it('publishes nothing for an event this package does not know', async () => {
    const { events, onWebhook } = recorded();
    const run = testHandler(providers(), { onWebhook, events });
    const unknown = JSON.stringify({ event: 'account.merged', uid: 'psub_1', sources: [] });
    expect((await run.call(`${basePath}/webhook/emerge`, delivery(unknown))).status).toBe(200);
    expect(onWebhook).toHaveBeenCalledOnce();
    expect(events.publish).not.toHaveBeenCalled();
  });
});
