import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmacSha256Hex, timingSafeEqualHex } from '../../src/server/hmac';

const nodeHmac = (secret: string, message: string | Uint8Array) =>
  createHmac('sha256', secret).update(message).digest('hex');

describe('hmacSha256Hex', () => {
  it('matches RFC 4231 test case 2', async () => {
    await expect(hmacSha256Hex('Jefe', 'what do ya want for nothing?')).resolves.toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it.each([
    ['ascii', 's3cret', 'client_id=a&state=b'],
    ['unicode', 'clé-secrète-✓', 'state=été&redirect_uri=https://x.test/?a=1&b=2'],
    ['an empty message', 'secret', ''],
    ['a long key (hashed first)', 'k'.repeat(200), 'message'],
  ])('agrees with node:crypto on %s', async (_, secret, message) => {
    await expect(hmacSha256Hex(secret, message)).resolves.toBe(nodeHmac(secret, message));
  });

  it('signs raw bytes as given', async () => {
    const bytes = new Uint8Array([0, 255, 128, 10, 0xc3]);
    await expect(hmacSha256Hex('secret', bytes)).resolves.toBe(nodeHmac('secret', bytes));
  });

  it('signs a view into a larger buffer, not the whole buffer', async () => {
    const buffer = new Uint8Array([1, 2, 3, 4, 5, 6]);
    const view = buffer.subarray(2, 4);
    await expect(hmacSha256Hex('secret', view)).resolves.toBe(
      nodeHmac('secret', new Uint8Array([3, 4])),
    );
  });

  it('refuses an empty secret', async () => {
    await expect(hmacSha256Hex('', 'message')).rejects.toThrow(TypeError);
  });
});

describe('timingSafeEqualHex', () => {
  const hex = 'a'.repeat(63) + 'b';

  it.each([
    ['the same string', hex, hex, true],
    ['upper vs lower case', hex.toUpperCase(), hex, true],
    ['a difference in the last character', hex, 'a'.repeat(64), false],
    ['a difference in the first character', 'b' + hex.slice(1), hex, false],
    ['a shorter string', hex.slice(0, 62), hex, false],
    ['a longer string', hex + '00', hex, false],
    ['non-hex of the same length', 'z'.repeat(64), 'z'.repeat(64), false],
    ['one side non-hex', 'g' + hex.slice(1), hex, false],
  ])('%s', (_, a, b, equal) => {
    expect(timingSafeEqualHex(a, b)).toBe(equal);
  });
});
