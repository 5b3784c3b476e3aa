import { describe, expect, it } from 'vitest';
import { fromBase64Url, randomBase64Url, toBase64Url } from '../../../src/core/shared/base64url';
import { recordingRandom } from '../helpers';

const bytes = (...values: number[]) => new Uint8Array(values);

describe('toBase64Url', () => {
  it.each([
    [bytes(), ''],
    [bytes(0x61), 'YQ'],
    [bytes(0x61, 0x62), 'YWI'],
    [bytes(0x61, 0x62, 0x63), 'YWJj'],
    [bytes(0xfb, 0xff), '-_8'],
    [bytes(0xff, 0xff, 0xff), '____'],
    [bytes(0x3e, 0x3f), 'Pj8'],
  ])('%j as %j: url-safe alphabet, no padding', (input, text) => {
    expect(toBase64Url(input)).toBe(text);
  });
});

describe('fromBase64Url', () => {
  it('round-trips every byte value, without padding or +/', () => {
    const all = Uint8Array.from({ length: 256 }, (_, index) => index);
    expect(toBase64Url(all)).toMatch(/^[\w-]+$/);
    for (let length = 0; length <= 5; length += 1) {
      const slice = all.slice(250 - length);
      expect(fromBase64Url(toBase64Url(slice))).toEqual(slice);
    }
    expect(fromBase64Url(toBase64Url(all))).toEqual(all);
  });

  it('reads unpadded text', () => {
    expect(fromBase64Url('YQ')).toEqual(bytes(0x61));
    expect(fromBase64Url('-_8')).toEqual(bytes(0xfb, 0xff));
    expect(fromBase64Url('')).toEqual(bytes());
  });

  it.each(['+/8', 'a+b/', 'abc=', 'YQ==', 'YW J', 'YQ!', 'a', 'YWJjZ', 'é', 'YQ\n'])(
    'is undefined for text that is not base64url: %j',
    (text) => {
      expect(fromBase64Url(text)).toBeUndefined();
    },
  );
});

describe('randomBase64Url', () => {
  it('draws the bytes from the injected getRandomValues', () => {
    const { random, lengths } = recordingRandom(0xff);
    expect(randomBase64Url(6, random)).toBe('________');
    expect(lengths).toEqual([6]);
    const untouched = { getRandomValues: <T extends ArrayBufferView>(array: T) => array };
    expect(randomBase64Url(3, untouched as Crypto)).toBe('AAAA');
  });

  it('defaults to crypto.getRandomValues: distinct values of the right length', () => {
    const values = new Set(Array.from({ length: 200 }, () => randomBase64Url(16)));
    expect(values.size).toBe(200);
    for (const value of values) expect(value).toMatch(/^[\w-]{22}$/);
    expect(randomBase64Url(32)).toHaveLength(43);
  });
});
