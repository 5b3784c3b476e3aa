import { afterEach, describe, expect, it, vi } from 'vitest';
import { callApp } from '../../../src/core/shared/appCallback';

afterEach(() => vi.unstubAllGlobals());

describe('callApp', () => {
  it('calls the callback with the value, and nothing without one', () => {
    const callback = vi.fn();
    callApp(callback, 42);
    expect(callback).toHaveBeenCalledExactlyOnceWith(42);
    expect(() => callApp(undefined, 42)).not.toThrow();
  });

  it('reports what the callback throws with reportError, and returns', () => {
    const reportError = vi.fn();
    vi.stubGlobal('reportError', reportError);
    const failure = new Error('app bug');
    callApp(() => {
      throw failure;
    }, 1);
    expect(reportError).toHaveBeenCalledExactlyOnceWith(failure);
  });

  it('falls back to console.error where there is no reportError', () => {
    vi.stubGlobal('reportError', undefined);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      callApp(() => {
        throw 'a string';
      }, 1);
      expect(error).toHaveBeenCalledExactlyOnceWith('a string');
    } finally {
      error.mockRestore();
    }
  });
});
