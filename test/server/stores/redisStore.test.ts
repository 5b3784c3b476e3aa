import { createHmac } from 'node:crypto';
import { Redis as IoRedis } from 'ioredis';
import { createClient } from 'redis';
import { createClient as createClientV4 } from 'redis-v4';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { redisStore, type RedisClient } from '../../../src/server/stores/redisStore';
import { claimKey, type DedupeStore } from '../../../src/server/stores/dedupeStore';
import { basePath, testHandler, mockProvidersForFile } from '../handlerFixture';
import { RedisServer } from '../redisServer';

const providers = mockProvidersForFile();
let redis: RedisServer;
const closers: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  redis = await RedisServer.start();
});
afterAll(async () => {
  for (const close of closers) await close().catch(() => undefined);
  await redis?.stop();
});

/** A connected client of each kind, closed after the file. */
const clients: Record<string, () => Promise<RedisClient>> = {
  ioredis: async () => {
    const client = new IoRedis({ host: '127.0.0.1', port: redis.port, lazyConnect: true });
    await client.connect();
    closers.push(() => client.quit());
    return client;
  },
  'node-redis v5': async () => {
    const client = createClient({ socket: { host: '127.0.0.1', port: redis.port } });
    client.on('error', () => undefined);
    await client.connect();
    closers.push(() => client.quit());
    return client;
  },
  'node-redis v4': async () => {
    const client = createClientV4({ socket: { host: '127.0.0.1', port: redis.port } });
    client.on('error', () => undefined);
    await client.connect();
    closers.push(() => client.quit());
    return client;
  },
};

describe.each(Object.keys(clients))('redisStore with %s', (kind) => {
  const connect = () => clients[kind]!();
  const key = (name: string) => `test:${kind.replace(/ /g, '-')}:${name}`;

  it('claims a key once, with its lifetime, and deletes it', async () => {
    const store = redisStore(await connect());
    expect(await claimKey(store, key('claim'), 30, 'v1')).toBe(true);
    expect(await claimKey(store, key('claim'), 30, 'v2')).toBe(false);
    expect(await store.get(key('claim'))).toBe('v1');
    await store.delete?.(key('claim'));
    expect(await store.get(key('claim'))).toBeNull();
    await store.set(key('set'), 'x', 0.2);
    expect(await store.get(key('set'))).toBe('x');
  });

  it('turns a lease into done, or deletes it, only while it holds the expected value', async () => {
    const store = redisStore(await connect()) as Required<DedupeStore>;
    await store.set(key('lease'), 'processing:a', 30);
    expect(await store.setIfEquals(key('lease'), 'processing:b', 'done', 60)).toBe(false);
    expect(await store.deleteIfEquals(key('lease'), 'processing:b')).toBe(false);
    expect(await store.get(key('lease'))).toBe('processing:a');
    expect(await store.setIfEquals(key('lease'), 'processing:a', 'done', 60)).toBe(true);
    expect(await store.get(key('lease'))).toBe('done');
    expect(await store.deleteIfEquals(key('lease'), 'done')).toBe(true);
    expect(await store.get(key('lease'))).toBeNull();
  });

  it('a key expires with its lifetime (whole seconds, one at least)', async () => {
    const store = redisStore(await connect());
    await store.set(key('ttl'), 'x', 0.1);
    await vi.waitFor(async () => expect(await store.get(key('ttl'))).toBeNull(), {
      timeout: 10_000,
      interval: 200,
    });
  });

  it('two handler instances sharing it deliver a webhook exactly once, even at the same moment', async () => {
    const onWebhook = vi.fn();
    const instances = [await connect(), await connect()].map((client) =>
      testHandler(providers(), { onWebhook, webhookStore: redisStore(client) }),
    );
    const body = JSON.stringify({ event: 'data.ready', uid: `psub_${kind}`, sources: [] });
    const signature = createHmac('sha256', 'emerge-webhook-secret').update(body).digest('hex');
    const deliver = (instance: (typeof instances)[number]) =>
      instance.call(`${basePath}/webhook/emerge`, {
        method: 'POST',
        body,
        headers: { 'x-signature': signature, 'idempotency-key': `key-${kind}` },
      });
    const first = await Promise.all([deliver(instances[0]!), deliver(instances[1]!)]);
    // One ran it; the other found it running (503) or, if it finished first, done (200).
    expect(first.map((answer) => answer.status).sort()).toEqual(expect.arrayContaining([200]));
    const again = await deliver(instances[1]!);
    expect(await again.json()).toEqual({ duplicate: true });
    expect(onWebhook).toHaveBeenCalledOnce();
  });

  it('a replayed flow callback finds its flow used on the other instance', async () => {
    const [first, second] = [redisStore(await connect()), redisStore(await connect())];
    expect(await claimKey(first, key('rcf:flow:n1'), 900)).toBe(true);
    expect(await claimKey(second, key('rcf:flow:n1'), 900)).toBe(false);
  });
});

it('refuses anything that is neither client', () => {
  expect(() => redisStore({} as RedisClient)).toThrow(TypeError);
});
