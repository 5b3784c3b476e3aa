import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  claimKey,
  memoryDedupeStore,
  StoreFullError,
  type DedupeStore,
} from '../../../src/server/stores/dedupeStore';

describe('memoryDedupeStore', () => {
  it('claims a key once until it expires, and releases it on delete', async () => {
    let now = 0;
    const store = memoryDedupeStore({ now: () => now });
    expect(await claimKey(store, 'k', 10)).toBe(true);
    expect(await claimKey(store, 'k', 10)).toBe(false);
    now = 10_001;
    expect(await claimKey(store, 'k', 10)).toBe(true);
    await store.delete?.('k');
    expect(await claimKey(store, 'k', 10)).toBe(true);
  });

  it('keeps the value, and replaces or deletes it only while it is the expected one', () => {
    const store = memoryDedupeStore() as Required<DedupeStore>;
    store.set('k', 'processing:a', 60);
    expect(store.get('k')).toBe('processing:a');
    expect(store.setIfEquals('k', 'processing:b', 'done', 60)).toBe(false);
    expect(store.deleteIfEquals('k', 'processing:b')).toBe(false);
    expect(store.setIfEquals('k', 'processing:a', 'done', 60)).toBe(true);
    expect(store.get('k')).toBe('done');
    expect(store.deleteIfEquals('k', 'done')).toBe(true);
    expect(store.get('k')).toBeUndefined();
  });

  it('forgets expired keys that are never read again', () => {
    let now = 0;
    const store = memoryDedupeStore({ now: () => now, maxKeys: 10 });
    for (let each = 0; each < 10; each += 1) store.set(`old-${each}`, '1', 1);
    now = 2_000;
    // Full of expired keys: new ones still fit, many times over.
    for (let each = 0; each < 100; each += 1) {
      expect(store.setIfAbsent?.(`new-${each}`, '1', 1)).toBe(true);
      now += 1_001;
    }
  });

  it('sweeps keys of mixed lifetimes when full', () => {
    let now = 0;
    const store = memoryDedupeStore({ now: () => now, maxKeys: 3 });
    store.set('day', '1', 86_400);
    store.set('short-1', '1', 1);
    store.set('short-2', '1', 1);
    now = 5_000;
    // The oldest key is live, so only the full sweep frees the two short ones behind it.
    expect(store.setIfAbsent?.('a', '1', 60)).toBe(true);
    expect(store.setIfAbsent?.('b', '1', 60)).toBe(true);
    expect(store.get('day')).toBe('1');
  });

  it('full of live keys, refuses a new one and drops none', () => {
    const store = memoryDedupeStore({ maxKeys: 3 });
    for (const key of ['a', 'b', 'c']) store.set(key, '1', 60);
    expect(() => store.setIfAbsent?.('d', '1', 60)).toThrow(StoreFullError);
    expect(() => store.set('d', '1', 60)).toThrow(StoreFullError);
    expect(['a', 'b', 'c'].map((key) => store.get(key))).toEqual(['1', '1', '1']);
    // A key it holds can still be rewritten (a lease turned done).
    expect(store.setIfEquals?.('a', '1', 'done', 60)).toBe(true);
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

describe('the warning in production', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
    vi.resetModules();
  });

  async function storesMade(count: number) {
    vi.resetModules();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const fresh = await import('../../../src/server/stores/dedupeStore');
    for (let each = 0; each < count; each += 1) fresh.memoryDedupeStore();
    return warn;
  }

  it('warns once per process when NODE_ENV is production, naming redisStore', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    const warn = await storesMade(3);
    expect(warn).toHaveBeenCalledOnce();
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/this one instance only.*redisStore/s);
  });

  it('is quiet otherwise', async () => {
    vi.stubEnv('NODE_ENV', 'development');
    expect(await storesMade(2)).not.toHaveBeenCalled();
  });
});
