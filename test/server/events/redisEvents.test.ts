import { Redis as IoRedis } from 'ioredis';
import { createClient } from 'redis';
import { createClient as createClientV4 } from 'redis-v4';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { redisEvents, type RedisEventsOptions } from '../../../src/server/events/redisEvents';
import { RedisServer } from '../redisServer';

let redis: RedisServer;
const closers: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  redis = await RedisServer.start();
});
afterAll(async () => {
  for (const close of closers) await close().catch(() => undefined);
  await redis?.stop();
});

/** A publisher and a subscriber of each client kind, connected, closed after the file. */
const pairs: Record<string, () => Promise<RedisEventsOptions>> = {
  ioredis: async () => {
    const publisher = new IoRedis({ host: '127.0.0.1', port: redis.port, lazyConnect: true });
    await publisher.connect();
    const subscriber = publisher.duplicate();
    await subscriber.connect();
    closers.push(
      () => publisher.quit(),
      () => subscriber.quit(),
    );
    return { publisher, subscriber };
  },
  'node-redis v5': async () => {
    const publisher = createClient({ socket: { host: '127.0.0.1', port: redis.port } });
    publisher.on('error', () => undefined);
    await publisher.connect();
    const subscriber = publisher.duplicate();
    subscriber.on('error', () => undefined);
    await subscriber.connect();
    closers.push(
      () => publisher.quit(),
      () => subscriber.quit(),
    );
    return { publisher, subscriber };
  },
  'node-redis v4': async () => {
    const publisher = createClientV4({ socket: { host: '127.0.0.1', port: redis.port } });
    publisher.on('error', () => undefined);
    await publisher.connect();
    const subscriber = publisher.duplicate();
    subscriber.on('error', () => undefined);
    await subscriber.connect();
    closers.push(
      () => publisher.quit(),
      () => subscriber.quit(),
    );
    return { publisher, subscriber };
  },
};

/** Redis's own count of subscribers to `channel`, asked on a plain connection. */
async function redisSubscribers(channel: string): Promise<number> {
  const client = new IoRedis({ host: '127.0.0.1', port: redis.port });
  try {
    const answer = (await client.call('PUBSUB', 'NUMSUB', channel)) as [string, number];
    return Number(answer[1]);
  } finally {
    client.disconnect();
  }
}

describe.each(Object.keys(pairs))('redisEvents with %s', (kind) => {
  const channel = (name: string) => `test:${kind.replace(/ /g, '-')}:${name}`;

  it('delivers a message from one instance to the listeners of another', async () => {
    const a = redisEvents(await pairs[kind]!());
    const b = redisEvents(await pairs[kind]!());
    const got: string[] = [];
    const stop = await b.subscribe(channel('x'), (message) => got.push(`1 ${message}`));
    await b.subscribe(channel('x'), (message) => got.push(`2 ${message}`));
    await b.subscribe(channel('other'), (message) => got.push(`other ${message}`));
    expect(b.subscriberCount()).toBe(3);
    await a.publish(channel('x'), '{"hello":"world"}');
    await vi.waitFor(() => expect(got).toEqual(['1 {"hello":"world"}', '2 {"hello":"world"}']));
    stop();
    await a.publish(channel('x'), 'two');
    await vi.waitFor(() => expect(got).toContain('2 two'));
    expect(got).not.toContain('1 two');
  });

  it('subscribes once per channel in Redis, and unsubscribes with the last listener', async () => {
    const events = redisEvents(await pairs[kind]!());
    const stops = await Promise.all(
      Array.from({ length: 5 }, () => events.subscribe(channel('count'), () => {})),
    );
    expect(await redisSubscribers(channel('count'))).toBe(1);
    for (const stop of stops) stop();
    expect(events.subscriberCount()).toBe(0);
    await vi.waitFor(async () => expect(await redisSubscribers(channel('count'))).toBe(0));
  });

  it('a subscribe right after the last unsubscribe stays subscribed', async () => {
    const a = redisEvents(await pairs[kind]!());
    const b = redisEvents(await pairs[kind]!());
    for (let round = 0; round < 20; round += 1) {
      const stop = await b.subscribe(channel('churn'), () => {});
      stop();
    }
    const got: string[] = [];
    await b.subscribe(channel('churn'), (message) => got.push(message));
    await a.publish(channel('churn'), 'still here');
    await vi.waitFor(() => expect(got).toEqual(['still here']));
    expect(await redisSubscribers(channel('churn'))).toBe(1);
  });
});

describe('redisEvents: what it refuses', () => {
  it('a publisher that is no Redis client', () => {
    const subscriber = { subscribe: async () => {}, unsubscribe: async () => {} };
    expect(() => redisEvents({ publisher: {} as never, subscriber })).toThrow(TypeError);
  });

  it('a subscriber that is no Redis client', async () => {
    const { publisher } = await pairs.ioredis!();
    expect(() => redisEvents({ publisher, subscriber: {} as never })).toThrow(/subscriber/);
  });

  it('a failed subscription rejects and leaves no listener behind', async () => {
    const { publisher } = await pairs.ioredis!();
    const subscriber = {
      subscribe: () => Promise.reject(new Error('redis down')),
      unsubscribe: async () => {},
    };
    const events = redisEvents({ publisher, subscriber });
    await expect(events.subscribe('c', () => {})).rejects.toThrow('redis down');
    expect(events.subscriberCount()).toBe(0);
  });
});
