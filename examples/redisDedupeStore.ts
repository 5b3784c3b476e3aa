import type { DedupeStore } from 'react-connect-flow/server';

/**
 * The webhook dedupe store on Redis, for any number of handler instances. Any client with
 * ioredis-style `set`, `get` and `del` fits (ioredis itself, or node-redis through its
 * `sendCommand`); `SET key value EX ttl NX` claims a key atomically, so two instances that
 * receive the same delivery call `onWebhook` exactly once.
 */
export interface RedisLike {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ex: 'EX', seconds: number, nx?: 'NX'): Promise<string | null>;
  del(key: string): Promise<number>;
}

export function redisDedupeStore(redis: RedisLike): DedupeStore {
  return {
    get: (key) => redis.get(key),
    set: (key, value, ttlSeconds) => redis.set(key, value, 'EX', ttlSeconds),
    setIfAbsent: async (key, value, ttlSeconds) =>
      (await redis.set(key, value, 'EX', ttlSeconds, 'NX')) === 'OK',
    delete: (key) => redis.del(key),
  };
}
