/** Storage key prefix for this package's per-flow records. */
export const storagePrefix = 'rcf:';

/** sessionStorage, or `undefined` where reading it throws (disabled cookies, sandboxed frames). */
export function sessionStorageOrNone(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}

/** Saves a record under `key` (sessionStorage by default). Returns false if it could not. */
export function saveRecord(key: string, value: unknown, storage = sessionStorageOrNone()): boolean {
  if (!storage) return false;
  try {
    storage.setItem(storagePrefix + key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

/** Reads a record without removing it; anything unreadable reads as `undefined`. */
export function peekRecord(key: string, storage = sessionStorageOrNone()): unknown {
  try {
    const raw = storage?.getItem(storagePrefix + key);
    return raw ? (JSON.parse(raw) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

/** Removes a record; a second read (a reload, a replay) finds nothing. */
export function removeRecord(key: string, storage = sessionStorageOrNone()): void {
  try {
    storage?.removeItem(storagePrefix + key);
  } catch {
    // Storage that throws holds nothing to remove.
  }
}
