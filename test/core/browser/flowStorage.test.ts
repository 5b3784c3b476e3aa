import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  peekRecord,
  removeRecord,
  saveRecord,
  sessionStorageOrNone,
  storagePrefix,
} from '../../../src/core/browser/flowStorage';
import { memoryStorage, throwingStorage } from '../helpers';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('flow storage', () => {
  it('saves under the package prefix, peeks without removing, and removes', () => {
    const storage = memoryStorage();
    const record = { provider: 'emerge', state: 's', nested: { n: 1 } };
    expect(storagePrefix).toBe('rcf:');
    expect(saveRecord('flow', record, storage)).toBe(true);
    expect(storage.getItem('rcf:flow')).toBe(JSON.stringify(record));
    expect(peekRecord('flow', storage)).toEqual(record);
    expect(peekRecord('flow', storage)).toEqual(record);
    removeRecord('flow', storage);
    expect(peekRecord('flow', storage)).toBeUndefined();
    expect(storage.length).toBe(0);
  });

  it('keeps records apart by key', () => {
    const storage = memoryStorage();
    saveRecord('a', 1, storage);
    saveRecord('b', 2, storage);
    removeRecord('a', storage);
    expect(peekRecord('a', storage)).toBeUndefined();
    expect(peekRecord('b', storage)).toBe(2);
  });

  it('reads a missing or corrupted record as undefined', () => {
    const storage = memoryStorage();
    expect(peekRecord('flow', storage)).toBeUndefined();
    storage.setItem('rcf:flow', '{not json');
    expect(peekRecord('flow', storage)).toBeUndefined();
    storage.setItem('rcf:flow', '');
    expect(peekRecord('flow', storage)).toBeUndefined();
  });

  it('survives storage that throws', () => {
    const storage = throwingStorage();
    expect(saveRecord('flow', { a: 1 }, storage)).toBe(false);
    expect(peekRecord('flow', storage)).toBeUndefined();
    expect(() => removeRecord('flow', storage)).not.toThrow();
  });

  it('does not save a value JSON cannot hold', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(saveRecord('flow', cyclic, memoryStorage())).toBe(false);
  });

  it('uses sessionStorage by default', () => {
    const storage = memoryStorage();
    vi.stubGlobal('sessionStorage', storage);
    expect(sessionStorageOrNone()).toBe(storage);
    expect(saveRecord('flow', { a: 1 })).toBe(true);
    expect(storage.getItem('rcf:flow')).toBe('{"a":1}');
    expect(peekRecord('flow')).toEqual({ a: 1 });
    removeRecord('flow');
    expect(storage.length).toBe(0);
  });

  it('with no storage, saves nothing and reads nothing', () => {
    vi.stubGlobal('sessionStorage', undefined);
    expect(sessionStorageOrNone()).toBeUndefined();
    expect(saveRecord('flow', { a: 1 })).toBe(false);
    expect(saveRecord('flow', { a: 1 }, undefined)).toBe(false);
    expect(peekRecord('flow')).toBeUndefined();
    expect(() => removeRecord('flow')).not.toThrow();
  });

  it('treats a sessionStorage that throws on access as none', () => {
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'sessionStorage');
    Object.defineProperty(globalThis, 'sessionStorage', {
      configurable: true,
      get() {
        throw new Error('SecurityError');
      },
    });
    try {
      expect(sessionStorageOrNone()).toBeUndefined();
      expect(saveRecord('flow', 1)).toBe(false);
      expect(peekRecord('flow')).toBeUndefined();
    } finally {
      if (descriptor) Object.defineProperty(globalThis, 'sessionStorage', descriptor);
      else delete (globalThis as { sessionStorage?: unknown }).sessionStorage;
    }
  });
});
