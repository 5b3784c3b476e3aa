import { describe, expect, it } from 'vitest';
import { randomBase64Url } from '../../../src/core/shared/crypto';
import { openPayload, sealPayload } from '../../../src/core/browser/relaySeal';

const key = randomBase64Url(32);
const payload = {
  provider: 'emerge',
  params: { status: 'success', state: 's', uid: 'psub_1' },
  sentAt: 1_700_000_000_000,
};

describe('sealPayload / openPayload', () => {
  it('round-trips with the flow key, and the sealed text reveals nothing of the payload', async () => {
    const sealed = await sealPayload(payload, key);
    expect(JSON.stringify(sealed)).not.toContain('psub_1');
    expect(JSON.stringify(sealed)).not.toContain('emerge');
    expect(await openPayload(sealed, key)).toEqual(payload);
  });

  it('uses a fresh IV every time', async () => {
    const [a, b] = await Promise.all([sealPayload(payload, key), sealPayload(payload, key)]);
    expect(a.iv).not.toBe(b.iv);
    expect(a.sealed).not.toBe(b.sealed);
  });

  it('opens nothing sealed with another key, tampered, truncated or malformed', async () => {
    const sealed = await sealPayload(payload, key);
    const flipped = sealed.sealed.startsWith('A')
      ? `B${sealed.sealed.slice(1)}`
      : `A${sealed.sealed.slice(1)}`;
    expect(await openPayload(sealed, randomBase64Url(32))).toBeUndefined();
    expect(await openPayload({ ...sealed, sealed: flipped }, key)).toBeUndefined();
    expect(
      await openPayload({ ...sealed, sealed: sealed.sealed.slice(0, 10) }, key),
    ).toBeUndefined();
    expect(await openPayload({ ...sealed, iv: '!!' }, key)).toBeUndefined();
    expect(await openPayload(sealed, 'short')).toBeUndefined();
  });

  it('opens nothing without a send time', async () => {
    const { sentAt: _sentAt, ...undated } = payload;
    const sealed = await sealPayload(undated as never, key);
    expect(await openPayload(sealed, key)).toBeUndefined();
  });

  it('refuses to seal with a key that is not 32 bytes', async () => {
    await expect(sealPayload(payload, 'short')).rejects.toThrow(TypeError);
  });

  it('keeps only string parameters, in a map with no prototype', async () => {
    const odd = { provider: 'gigs', params: { status: 'success', n: 1 }, sentAt: 1 };
    const opened = await openPayload(await sealPayload(odd as never, key), key);
    expect(opened?.params).toEqual({ status: 'success' });
    expect(Object.getPrototypeOf(opened?.params)).toBeNull();
  });
});
