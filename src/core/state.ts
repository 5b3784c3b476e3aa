/** Storage key prefix for this package's per-flow records. */
export const storagePrefix = 'rcf:';

/** A CSRF state: 256 bits from `crypto.getRandomValues`, base64url-encoded (43 characters). */
export function createState(random: Pick<Crypto, 'getRandomValues'> = crypto): string {
  const bytes = random.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

const defaultStorage = (): Storage | undefined => {
  try {
    return globalThis.sessionStorage;
  } catch {
    // Storage can throw on access (disabled cookies, sandboxed frames).
    return undefined;
  }
};

/** Saves a flow record under `key` (sessionStorage by default). Returns false if it could not. */
export function saveFlow<T>(key: string, value: T, storage = defaultStorage()): boolean {
  try {
    storage?.setItem(storagePrefix + key, JSON.stringify(value));
    return !!storage;
  } catch {
    return false;
  }
}

/** Reads and removes a flow record: a second read (a reload, a replay) finds nothing. */
export function consumeFlow<T>(key: string, storage = defaultStorage()): T | undefined {
  try {
    const raw = storage?.getItem(storagePrefix + key);
    storage?.removeItem(storagePrefix + key);
    return raw ? (JSON.parse(raw) as T) : undefined;
  } catch {
    return undefined;
  }
}

/** Stores a fresh state for a flow and returns it. */
export function saveState(flow: string, storage?: Storage): string {
  const state = createState();
  saveFlow(`state:${flow}`, state, storage);
  return state;
}

/** The stored state of a flow, removed as it is read. */
export function consumeState(flow: string, storage?: Storage): string | undefined {
  const state = consumeFlow<unknown>(`state:${flow}`, storage);
  return typeof state === 'string' ? state : undefined;
}
