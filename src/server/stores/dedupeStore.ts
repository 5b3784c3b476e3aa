import { productionWarning } from './productionWarning';

/**
 * Where the handler keeps short-lived keys: the flows whose callback came (`flowStore`) and the
 * webhook deliveries claimed or handled (`webhookStore`). Anything with `get` and `set` plugs in:
 * `redisStore(client)`, the app's database. With `setIfAbsent` (Redis `SET key value NX EX ttl`)
 * a key is claimed atomically, so several instances sharing the store agree on who claimed it.
 */
export interface DedupeStore {
  /** Any stored value (or a promise of one); absent: `undefined` or `null`. */
  get(key: string): unknown;
  set(key: string, value: string, ttlSeconds: number): unknown;
  /** Claims `key` if nobody holds it; true when this call claimed it. */
  setIfAbsent?(key: string, value: string, ttlSeconds: number): Promise<boolean> | boolean;
  /** Releases a claim whose handling failed, so the provider's retry is handled. */
  delete?(key: string): unknown;
  /**
   * Replaces the value only while it is still `expected`, atomically: a webhook's lease becomes
   * `done` only if no other instance took the delivery over after the lease ran out. Without
   * it, the handler reads, then writes.
   */
  setIfEquals?(
    key: string,
    expected: string,
    value: string,
    ttlSeconds: number,
  ): Promise<boolean> | boolean;
  /** Deletes the key only while its value is still `expected`, atomically. */
  deleteIfEquals?(key: string, expected: string): Promise<boolean> | boolean;
}

/**
 * A store that cannot take a key without dropping a live one. A store of used flows must never
 * forget a flow that is still live (its callback could then be replayed), so it refuses.
 */
export class StoreFullError extends Error {
  override name = 'StoreFullError';
  constructor(maxKeys: number) {
    super(`the memory store holds ${maxKeys} live keys, its cap: pass a shared store (redisStore)`);
  }
}

/** How many keys a memory store holds at most, unless told: 100 000 (some tens of MB). */
const defaultMaxKeys = 100_000;
/** A full sweep of expired keys runs at most this often when the store is at its cap. */
const fullSweepEvery = 1_000;

export interface MemoryDedupeStoreOptions {
  /** Live keys held at most; a claim beyond it throws `StoreFullError`. Defaults to 100 000. */
  maxKeys?: number | undefined;
  /** The clock, in milliseconds. Defaults to `Date.now`. */
  now?: (() => number) | undefined;
}

interface Entry {
  value: string;
  expires: number;
}

const warnInProduction = productionWarning(
  'react-connect-flow: a memory store holds the used flows and webhook deliveries of this one ' +
    'instance only. With several instances, processes or isolates, pass a shared store: ' +
    'flowStore and webhookStore: redisStore(client).',
);

/**
 * The default store: memory of this one process. Fine for a single instance; behind a load
 * balancer or on serverless, pass a shared store (`redisStore`). Expired keys are swept as new
 * ones come; at `maxKeys` live keys a new key throws `StoreFullError` (a live key is never
 * dropped). Warns once when created while `NODE_ENV` is `production`.
 */
export function memoryDedupeStore(options: MemoryDedupeStoreOptions = {}): DedupeStore {
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? defaultMaxKeys;
  const entries = new Map<string, Entry>();
  let lastFullSweep = -Infinity;
  warnInProduction();

  const live = (key: string) => {
    const entry = entries.get(key);
    if (entry && entry.expires <= now()) entries.delete(key);
    return entry && entry.expires > now() ? entry : undefined;
  };
  /** Most keys of a store share one lifetime, so the oldest come first: drop those expired. */
  const sweepOldest = () => {
    for (const [key, entry] of entries) {
      if (entry.expires > now()) return;
      entries.delete(key);
    }
  };
  const sweepAll = () => {
    lastFullSweep = now();
    for (const [key, entry] of entries) if (entry.expires <= now()) entries.delete(key);
  };
  const write = (key: string, value: string, ttlSeconds: number) => {
    sweepOldest();
    if (!entries.has(key) && entries.size >= maxKeys && now() - lastFullSweep >= fullSweepEvery)
      sweepAll();
    if (!entries.has(key) && entries.size >= maxKeys) throw new StoreFullError(maxKeys);
    // Deleted first, so the Map's order stays close to the order of expiry.
    entries.delete(key);
    entries.set(key, { value, expires: now() + ttlSeconds * 1000 });
  };

  return {
    get: (key) => live(key)?.value,
    set: (key, value, ttlSeconds) => write(key, value, ttlSeconds),
    setIfAbsent(key, value, ttlSeconds) {
      if (live(key)) return false;
      write(key, value, ttlSeconds);
      return true;
    },
    delete: (key) => entries.delete(key),
    setIfEquals(key, expected, value, ttlSeconds) {
      if (live(key)?.value !== expected) return false;
      write(key, value, ttlSeconds);
      return true;
    },
    deleteIfEquals(key, expected) {
      if (live(key)?.value !== expected) return false;
      return entries.delete(key);
    },
  };
}

/** Claims a key: atomically where the store can, else by a read then a write. */
export async function claimKey(
  store: DedupeStore,
  key: string,
  ttlSeconds: number,
  value = '1',
): Promise<boolean> {
  if (store.setIfAbsent) return !!(await store.setIfAbsent(key, value, ttlSeconds));
  if (await store.get(key)) return false;
  await store.set(key, value, ttlSeconds);
  return true;
}
