import { describe, expect, it } from 'vitest';
import { sameText } from '../../../src/core/shared/sameText';

describe('sameText', () => {
  it('is equality, for strings of any length', () => {
    expect(sameText('abc', 'abc')).toBe(true);
    expect(sameText('abc', 'abd')).toBe(false);
    expect(sameText('abc', 'ab')).toBe(false);
    expect(sameText('', '')).toBe(true);
    expect(sameText('ä', 'a')).toBe(false);
  });
});
