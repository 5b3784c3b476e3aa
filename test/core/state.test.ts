import { describe, expect, it, vi } from 'vitest';
import {
  consumeFlow,
  consumeFlowContext,
  consumeState,
  createState,
  safeReturnPath,
  saveFlow,
  saveFlowContext,
  saveState,
} from '../../src/core/index';

function memoryStorage(): Storage {
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

describe('CSRF state', () => {
  it('has at least 128 bits from crypto.getRandomValues', () => {
    let asked = 0;
    const state = createState({
      getRandomValues: <T extends ArrayBufferView | null>(array: T) => {
        asked = (array as unknown as Uint8Array).length;
        return crypto.getRandomValues(array as unknown as Uint8Array<ArrayBuffer>) as unknown as T;
      },
    });
    expect(asked * 8).toBeGreaterThanOrEqual(128);
    expect(state).toMatch(/^[\w-]{43}$/);
    const many = new Set(Array.from({ length: 1000 }, () => createState()));
    expect(many.size).toBe(1000);
  });

  it('draws from crypto.getRandomValues by default', () => {
    const spy = vi.spyOn(crypto, 'getRandomValues');
    createState();
    expect(spy).toHaveBeenCalledTimes(1);
    expect((spy.mock.calls[0]?.[0] as Uint8Array).length).toBe(32);
    spy.mockRestore();
  });

  it('is saved per flow and consumed once', () => {
    const storage = memoryStorage();
    const a = saveState('emerge', storage);
    const b = saveState('zapier', storage);
    expect(a).not.toBe(b);
    expect(consumeState('emerge', storage)).toBe(a);
    expect(consumeState('emerge', storage)).toBeUndefined();
    expect(consumeState('zapier', storage)).toBe(b);
  });

  it('uses sessionStorage by default and survives storage that throws', () => {
    const storage = memoryStorage();
    const original = Object.getOwnPropertyDescriptor(globalThis, 'sessionStorage');
    Object.defineProperty(globalThis, 'sessionStorage', { value: storage, configurable: true });
    try {
      const state = saveState('gigs');
      expect(storage.getItem('rcf:state:gigs')).toBe(JSON.stringify(state));
      expect(consumeState('gigs')).toBe(state);
    } finally {
      if (original) Object.defineProperty(globalThis, 'sessionStorage', original);
      else delete (globalThis as { sessionStorage?: Storage }).sessionStorage;
    }
    const broken = {
      ...storage,
      setItem: () => {
        throw new Error('QuotaExceeded');
      },
      getItem: () => {
        throw new Error('SecurityError');
      },
    } as Storage;
    expect(saveFlow('x', 1, broken)).toBe(false);
    expect(consumeFlow('x', broken)).toBeUndefined();
  });

  it('reads a corrupted record as nothing', () => {
    const storage = memoryStorage();
    storage.setItem('rcf:state:emerge', '{not json');
    expect(consumeState('emerge', storage)).toBeUndefined();
    storage.setItem('rcf:state:emerge', '42');
    expect(consumeState('emerge', storage)).toBeUndefined();
  });
});

describe('flow context', () => {
  it('round-trips once and rejects malformed records', () => {
    const storage = memoryStorage();
    const context = { provider: 'emerge', mode: 'redirect' as const, state: 's', startedAt: 1 };
    saveFlowContext(context, storage);
    expect(consumeFlowContext(storage)).toEqual(context);
    expect(consumeFlowContext(storage)).toBeUndefined();
    storage.setItem('rcf:flow', JSON.stringify({ provider: 'x', mode: 'iframe' }));
    expect(consumeFlowContext(storage)).toBeUndefined();
    storage.setItem('rcf:flow', 'null');
    expect(consumeFlowContext(storage)).toBeUndefined();
  });

  it.each([
    ['/settings?tab=1#x', '/settings?tab=1#x'],
    ['/', '/'],
    ['//evil.example/x', undefined],
    ['/\\evil.example', undefined],
    ['https://evil.example/', undefined],
    ['javascript:alert(1)', undefined],
    ['/a b', undefined],
    [42, undefined],
  ])('safeReturnPath(%s)', (path, expected) => expect(safeReturnPath(path)).toBe(expected));
});
