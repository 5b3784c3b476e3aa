import { createHmac } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
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

  it('is not there without a webhook secret', async () => {
    const run = testHandler(providers(), {
      emerge: { clientId: 'c', signingSecret: 's', apiToken: 't' },
    });
    expect((await run.call(`${basePath}/webhook/emerge`, delivery(ready))).status).toBe(404);
  });
});
