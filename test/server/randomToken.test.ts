import { afterEach, describe, expect, it, vi } from 'vitest';
import { randomToken } from '../../src/server/randomToken';

afterEach(() => vi.restoreAllMocks());

describe('randomToken: random bytes as base64url, drawn from a pool', () => {
  it('answers count bytes as unpadded base64url', () => {
    expect(randomToken(16)).toMatch(/^[\w-]{22}$/);
    expect(randomToken(6)).toMatch(/^[\w-]{8}$/);
  });

  it('never hands out the same bytes twice, across pool refills', () => {
    // 1 000 tokens of 16 bytes: about four pools of 4 KiB.
    const tokens = Array.from({ length: 1000 }, () => randomToken(16));
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('draws from crypto.getRandomValues 4 KiB at a time, not once a token', () => {
    const draw = vi.spyOn(crypto, 'getRandomValues');
    for (let index = 0; index < 512; index += 1) randomToken(16);
    // 8 KiB of tokens: two or three draws, whatever was left in the pool before.
    expect(draw.mock.calls.length).toBeGreaterThanOrEqual(2);
    expect(draw.mock.calls.length).toBeLessThanOrEqual(3);
    for (const [array] of draw.mock.calls) expect((array as Uint8Array).byteLength).toBe(4096);
  });

  it('draws a request larger than the pool on its own', () => {
    const draw = vi.spyOn(crypto, 'getRandomValues');
    expect(randomToken(5000)).toHaveLength(Math.ceil((5000 * 4) / 3));
    expect(draw).toHaveBeenCalledOnce();
  });
});
