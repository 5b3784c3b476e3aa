import { describe, expect, it } from 'vitest';
import {
  cookieValue,
  readSignedValue,
  serializeCookie,
  signValue,
} from '../../../src/server/cookies/signedCookie';

const secret = 'x'.repeat(32);

describe('signed values', () => {
  it('round-trip, and anything altered or signed with another secret reads as nothing', async () => {
    const signed = await signValue({ user: 'u1', n: 1 }, secret);
    expect(await readSignedValue(signed, secret)).toEqual({ user: 'u1', n: 1 });
    expect(await readSignedValue(signed, 'y'.repeat(32))).toBeUndefined();
    expect(await readSignedValue(`a${signed}`, secret)).toBeUndefined();
    expect(await readSignedValue(signed.replace(/.$/, '0'), secret)).toBeUndefined();
    expect(await readSignedValue('no-dot', secret)).toBeUndefined();
  });

  it('verifies with any listed secret, signs with the first', async () => {
    const old = await signValue('v', secret);
    const rotated = ['n'.repeat(32), secret];
    expect(await readSignedValue(old, rotated)).toBe('v');
    expect(await readSignedValue(await signValue('w', rotated), ['n'.repeat(32)])).toBe('w');
  });

  it('refuses short secrets', async () => {
    await expect(signValue('v', 'short')).rejects.toThrow(TypeError);
  });
});

describe('cookies', () => {
  it('reads one value; a cookie given twice reads as none', () => {
    expect(cookieValue('a=1; rcf=2', 'rcf')).toBe('2');
    expect(cookieValue('rcf=1; rcf=2', 'rcf')).toBeUndefined();
    expect(cookieValue(null, 'rcf')).toBeUndefined();
  });

  it('serializes HttpOnly SameSite=Lax, Secure unless asked not to', () => {
    const cookie = serializeCookie('n', 'v', { path: '/api', maxAge: 60, secure: true });
    expect(cookie).toBe('n=v; Path=/api; Max-Age=60; HttpOnly; SameSite=Lax; Secure');
    expect(serializeCookie('n', '', { path: '/', maxAge: 0, secure: false })).not.toContain(
      'Secure',
    );
  });
});
