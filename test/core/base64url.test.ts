import { describe, expect, it } from 'vitest';
import { fromBase64Url, randomBase64Url, toBase64Url } from '../../src/core/base64url';

describe('base64url', () => {
  it('round-trips every byte value, without padding or +/', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, index) => index);
    const text = toBase64Url(bytes);
    expect(text).toMatch(/^[\w-]+$/);
    expect(fromBase64Url(text)).toEqual(bytes);
  });

  it('reads nothing that is not base64url', () => {
    expect(fromBase64Url('a+b/')).toBeUndefined();
    expect(fromBase64Url('abc=')).toBeUndefined();
    expect(fromBase64Url('a')).toBeUndefined();
  });

  it('draws random bytes from the source it is given', () => {
    const random = { getRandomValues: <T extends ArrayBufferView>(array: T) => array };
    expect(randomBase64Url(3, random as Crypto)).toBe('AAAA');
    expect(randomBase64Url(32)).toHaveLength(43);
  });
});
