import { afterEach, describe, expect, it, vi } from 'vitest';
import { fromBase64Url } from '../../../src/core/shared/base64url';
import { createState } from '../../../src/core/shared/csrfState';
import { recordingRandom } from '../helpers';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('createState', () => {
  it('draws at least 128 bits from the injected getRandomValues', () => {
    const { random, lengths } = recordingRandom(0xab);
    const state = createState(random);
    expect(lengths).toHaveLength(1);
    expect((lengths[0] ?? 0) * 8).toBeGreaterThanOrEqual(128);
    // Every character comes from the bytes drawn: a fixed source gives a fixed state.
    expect(fromBase64Url(state)).toEqual(new Uint8Array(lengths[0] ?? 0).fill(0xab));
    expect(createState(recordingRandom(0xab).random)).toBe(state);
    expect(createState(recordingRandom(0xcd).random)).not.toBe(state);
  });

  it('is 43 base64url characters (256 bits)', () => {
    const state = createState();
    expect(state).toMatch(/^[\w-]{43}$/);
    expect(fromBase64Url(state)?.length).toBe(32);
  });

  it('uses crypto.getRandomValues by default', () => {
    const spy = vi.spyOn(crypto, 'getRandomValues');
    createState();
    expect(spy).toHaveBeenCalledTimes(1);
    expect((spy.mock.calls[0]?.[0] as Uint8Array).length).toBe(32);
  });

  it('gives distinct values', () => {
    const states = new Set(Array.from({ length: 1000 }, () => createState()));
    expect(states.size).toBe(1000);
  });
});
