/**
 * Where the webhook route remembers the deliveries it has handled (Emerge retries: "Handlers
 * must be idempotent"). Anything with `get` and `set` plugs in: Redis, the app's database.
 * With `setIfAbsent` (Redis `SET key value NX EX ttl`) a key is claimed atomically, so several
 * instances sharing the store deliver each webhook exactly once.
 */
export interface DedupeStore {
  /** Any stored value (or a promise of one); absent: `undefined` or `null`. */
  get(key: string): unknown;
  set(key: string, value: string, ttlSeconds: number): unknown;
  /** Claims `key` if nobody holds it; true when this call claimed it. */
  setIfAbsent?(key: string, value: string, ttlSeconds: number): Promise<boolean> | boolean;
  /** Releases a claim whose handling failed, so the provider's retry is handled. */
  delete?(key: string): unknown;
}

/**
 * The default store: memory of this one process. Fine for a single instance; behind a load
 * balancer or on serverless, pass a shared store (see the README's Redis example).
 */
export function memoryDedupeStore(now: () => number = Date.now): DedupeStore {
  const entries = new Map<string, number>();
  const live = (key: string) => {
    const expires = entries.get(key);
    if (expires !== undefined && expires <= now()) entries.delete(key);
    return entries.has(key);
  };
  return {
    get: (key) => (live(key) ? '1' : undefined),
    set: (key, _value, ttlSeconds) => void entries.set(key, now() + ttlSeconds * 1000),
    setIfAbsent(key, _value, ttlSeconds) {
      if (live(key)) return false;
      entries.set(key, now() + ttlSeconds * 1000);
      return true;
    },
    delete: (key) => entries.delete(key),
  };
}

/** Claims a key: atomically where the store can, else by a read then a write. */
export async function claimKey(store: DedupeStore, key: string, ttlSeconds: number) {
  if (store.setIfAbsent) return !!(await store.setIfAbsent(key, '1', ttlSeconds));
  if (await store.get(key)) return false;
  await store.set(key, '1', ttlSeconds);
  return true;
}
