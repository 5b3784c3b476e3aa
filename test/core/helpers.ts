/** An in-memory `Storage`, like sessionStorage, for the storage and flow-context tests. */
export function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (key) => map.get(key) ?? null,
    key: (index) => [...map.keys()][index] ?? null,
    removeItem: (key) => void map.delete(key),
    setItem: (key, value) => void map.set(key, String(value)),
  };
}

/** A `Storage` whose every method throws (disabled cookies, a full quota, a sandboxed frame). */
export function throwingStorage(): Storage {
  const fail = (): never => {
    throw new Error('SecurityError');
  };
  return {
    get length() {
      return fail();
    },
    clear: fail,
    getItem: fail,
    key: fail,
    removeItem: fail,
    setItem: fail,
  };
}

/** A `getRandomValues` that fills with a fixed byte and records the lengths it was asked for. */
export function recordingRandom(fill: number) {
  const lengths: number[] = [];
  const random = {
    getRandomValues<T extends ArrayBufferView | null>(array: T): T {
      const bytes = array as unknown as Uint8Array;
      lengths.push(bytes.length);
      bytes.fill(fill);
      return array;
    },
  };
  return { random, lengths };
}
