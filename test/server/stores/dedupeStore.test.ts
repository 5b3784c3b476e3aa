import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { redisDedupeStore } from '../../../examples/redisDedupeStore';
import { claimKey, memoryDedupeStore } from '../../../src/server/stores/dedupeStore';
import { basePath, testHandler, mockProvidersForFile } from '../handlerFixture';
import { RespClient } from '../respClient';

const providers = mockProvidersForFile();

describe('memoryDedupeStore', () => {
  it('claims a key once until it expires, and releases it on delete', async () => {
    let now = 0;
    const store = memoryDedupeStore(() => now);
    expect(await claimKey(store, 'k', 10)).toBe(true);
    expect(await claimKey(store, 'k', 10)).toBe(false);
    now = 10_001;
    expect(await claimKey(store, 'k', 10)).toBe(true);
    await store.delete?.('k');
    expect(await claimKey(store, 'k', 10)).toBe(true);
  });

  it('a store with only get and set works too (read, then write)', async () => {
    const map = new Map<string, string>();
    const store = {
      get: (key: string) => map.get(key),
      set: (key: string, value: string) => map.set(key, value),
    };
    expect(await claimKey(store, 'k', 10)).toBe(true);
    expect(await claimKey(store, 'k', 10)).toBe(false);
  });
});

// Debian's redis-server, started and stopped here on a free loopback port (.ci/run installs it).
const redisPath = '/usr/bin/redis-server';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('redisDedupeStore on a real Redis', () => {
  let redis: ChildProcess | undefined;
  let port = 0;
  const clients: RespClient[] = [];

  beforeAll(async () => {
    if (!existsSync(redisPath))
      throw new Error(`${redisPath} is missing: apt-get install redis-server`);
    port = await freePort();
    redis = spawn(redisPath, [
      '--bind',
      '127.0.0.1',
      '--port',
      String(port),
      '--save',
      '',
      '--appendonly',
      'no',
    ]);
    await vi.waitFor(
      async () => {
        const client = await RespClient.connect(port);
        clients.push(client);
      },
      { timeout: 10_000, interval: 100 },
    );
  });
  afterAll(() => {
    for (const client of clients) client.close();
    redis?.kill();
  });

  it('two handler instances sharing it deliver a webhook exactly once, even at the same moment', async () => {
    const [first, second] = await Promise.all([RespClient.connect(port), RespClient.connect(port)]);
    clients.push(first, second);
    const onWebhook = vi.fn();
    const instances = [first, second].map((client) =>
      testHandler(providers(), { onWebhook, webhookStore: redisDedupeStore(client) }),
    );
    const body = JSON.stringify({
      event: 'data.ready',
      uid: 'psub_1',
      sources: [{ provider: 'gmail' }],
    });
    const signature = createHmac('sha256', 'emerge-webhook-secret').update(body).digest('hex');
    const deliver = (instance: (typeof instances)[number]) =>
      instance.call(`${basePath}/webhook/emerge`, {
        method: 'POST',
        body,
        headers: { 'x-signature': signature, 'idempotency-key': `key-${port}` },
      });
    const answers = await Promise.all([
      deliver(instances[0]!),
      deliver(instances[1]!),
      deliver(instances[0]!),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(onWebhook).toHaveBeenCalledOnce();
    expect(await first.get(`rcf:webhook:key-${port}`)).toBe('1');
  });
});
