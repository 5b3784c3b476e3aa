import * as nodeCrypto from 'node:crypto';
import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import {
  hmacSha256Hex,
  nodeHashing,
  sha256,
  timingSafeEqualHex,
  webHashing,
} from '../../src/server/hmac';

const nodeHmac = (secret: string, message: string | Uint8Array) =>
  createHmac('sha256', secret).update(message).digest('hex');

const backends = [
  ['node:crypto', nodeHashing(nodeCrypto)],
  ['WebCrypto', webHashing()],
] as const;

describe.each(backends)('hashing with %s', (_, hashing) => {
  it('matches RFC 4231 test case 2', async () => {
    await expect(hashing.hmacSha256Hex('Jefe', 'what do ya want for nothing?')).resolves.toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it.each([
    ['ascii', 's3cret', 'client_id=a&state=b'],
    ['unicode', 'clé-secrète-✓', 'state=été&redirect_uri=https://x.test/?a=1&b=2'],
    ['an empty message', 'secret', ''],
    ['a long key (hashed first)', 'k'.repeat(200), 'message'],
  ])('agrees with node:crypto on %s', async (_, secret, message) => {
    await expect(hashing.hmacSha256Hex(secret, message)).resolves.toBe(nodeHmac(secret, message));
  });

  it('signs raw bytes as given', async () => {
    const bytes = new Uint8Array([0, 255, 128, 10, 0xc3]);
    await expect(hashing.hmacSha256Hex('secret', bytes)).resolves.toBe(nodeHmac('secret', bytes));
  });

  it('signs a view into a larger buffer, not the whole buffer', async () => {
    const buffer = new Uint8Array([1, 2, 3, 4, 5, 6]);
    const view = buffer.subarray(2, 4);
    await expect(hashing.hmacSha256Hex('secret', view)).resolves.toBe(
      nodeHmac('secret', new Uint8Array([3, 4])),
    );
  });

  it('digests SHA-256 of UTF-8 text and of bytes (FIPS 180-2 "abc")', async () => {
    const abc = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
    expect(Buffer.from(await hashing.sha256('abc')).toString('hex')).toBe(abc);
    expect(Buffer.from(await hashing.sha256(new Uint8Array([97, 98, 99]))).toString('hex')).toBe(
      abc,
    );
    expect(Buffer.from(await hashing.sha256('été')).toString('hex')).toBe(
      createHash('sha256').update('été').digest('hex'),
    );
  });
});

describe('hmacSha256Hex', () => {
  it('agrees with node:crypto (on Node it is node:crypto)', async () => {
    await expect(hmacSha256Hex('s3cret', 'message')).resolves.toBe(nodeHmac('s3cret', 'message'));
    expect(Buffer.from(await sha256('abc')).toString('hex')).toBe(
      createHash('sha256').update('abc').digest('hex'),
    );
  });

  it('refuses an empty secret', async () => {
    await expect(hmacSha256Hex('', 'message')).rejects.toThrow(TypeError);
  });
});

describe('webHashing', () => {
  it("imports a secret's key once, and at most 32 keys before starting over", async () => {
    const importKey = vi.spyOn(crypto.subtle, 'importKey');
    try {
      const hashing = webHashing();
      await hashing.hmacSha256Hex('one', 'a');
      await hashing.hmacSha256Hex('one', 'b');
      expect(importKey).toHaveBeenCalledTimes(1);
      for (let index = 0; index < 40; index += 1) await hashing.hmacSha256Hex(`k${index}`, 'm');
      expect(importKey).toHaveBeenCalledTimes(41);
      await hashing.hmacSha256Hex('k39', 'm');
      expect(importKey).toHaveBeenCalledTimes(41);
      await expect(hashing.hmacSha256Hex('one', 'a')).resolves.toBe(nodeHmac('one', 'a'));
      expect(importKey).toHaveBeenCalledTimes(42);
    } finally {
      importKey.mockRestore();
    }
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
