import { describe, expect, it } from 'vitest';
import { noParams, ownError } from '../../../src/core/model/decision';

describe('ownError', () => {
  it("is an error decision with one of this package's codes", () => {
    expect(ownError('missing_params')).toEqual({
      screen: 'error',
      code: 'missing_params',
      action: 'retry',
    });
    expect(ownError('invalid_state')).not.toBe(ownError('invalid_state'));
  });
});

describe('noParams', () => {
  it('is empty, frozen, and has no prototype to pollute', () => {
    expect(Object.keys(noParams)).toEqual([]);
    expect(Object.isFrozen(noParams)).toBe(true);
    expect(Object.getPrototypeOf(noParams)).toBeNull();
    expect((noParams as Record<string, unknown>).constructor).toBeUndefined();
  });
});
