import { describe, expect, it } from 'vitest';
import { fromBase64Url } from '../../../src/core/shared/base64url';
import {
  readFlowRecord,
  rememberFlow,
  removeFlowRecord,
  saveFlowRecord,
  type FlowRecord,
} from '../../../src/core/browser/flowRecord';
import { emerge } from '../../../src/core/model/providers/emerge';
import { gigs } from '../../../src/core/model/providers/gigs';
import { memoryStorage, throwingStorage } from '../helpers';

const now = 1_700_000_000_000;
const context: FlowRecord = {
  provider: 'emerge',
  mode: 'popup',
  state: 'state-1',
  flowId: 'flow-1',
  relayKey: 'key-1',
  returnTo: '/settings',
  expiresAt: now + 60_000,
};

describe('saveFlowRecord / readFlowRecord / removeFlowRecord', () => {
  it('reads a saved context back, and keeps it until removed', () => {
    const storage = memoryStorage();
    expect(saveFlowRecord(context, storage)).toBe(true);
    expect(storage.getItem('rcf:flow')).toBe(JSON.stringify(context));
    expect(readFlowRecord(storage, now)).toEqual(context);
    expect(readFlowRecord(storage, now)).toEqual(context);
    removeFlowRecord(storage);
    expect(readFlowRecord(storage, now)).toBeUndefined();
  });

  it('rejects an expired context, and accepts one up to its expiresAt', () => {
    const storage = memoryStorage();
    saveFlowRecord(context, storage);
    expect(readFlowRecord(storage, context.expiresAt)).toEqual(context);
    expect(readFlowRecord(storage, context.expiresAt + 1)).toBeUndefined();
  });

  it.each([
    ['null', null],
    ['a number', 42],
    ['a string', 'flow'],
    ['no provider', { ...context, provider: undefined }],
    ['a numeric provider', { ...context, provider: 1 }],
    ['an unknown mode', { ...context, mode: 'iframe' }],
    ['no state', { ...context, state: undefined }],
    ['a numeric state', { ...context, state: 1 }],
    ['no expiresAt', { ...context, expiresAt: undefined }],
    ['a string expiresAt', { ...context, expiresAt: String(now + 60_000) }],
  ])('rejects a malformed record: %s', (_, record) => {
    const storage = memoryStorage();
    storage.setItem('rcf:flow', JSON.stringify(record));
    expect(readFlowRecord(storage, now)).toBeUndefined();
  });

  it('reads corrupted JSON and throwing storage as no context', () => {
    const storage = memoryStorage();
    storage.setItem('rcf:flow', '{"provider":');
    expect(readFlowRecord(storage, now)).toBeUndefined();
    expect(readFlowRecord(throwingStorage(), now)).toBeUndefined();
    expect(saveFlowRecord(context, throwingStorage())).toBe(false);
    expect(() => removeFlowRecord(throwingStorage())).not.toThrow();
  });

  it('defaults now to the current time', () => {
    const storage = memoryStorage();
    saveFlowRecord({ ...context, expiresAt: Date.now() + 60_000 }, storage);
    expect(readFlowRecord(storage)).toMatchObject({ state: 'state-1' });
    saveFlowRecord({ ...context, expiresAt: Date.now() - 1 }, storage);
    expect(readFlowRecord(storage)).toBeUndefined();
  });
});

describe('rememberFlow', () => {
  it('stores a fresh redirect context for the provider and returns its state', () => {
    const storage = memoryStorage();
    const before = Date.now();
    const state = rememberFlow(emerge, { returnTo: '/start' }, storage);
    const after = Date.now();
    expect(fromBase64Url(state ?? '')?.length).toBe(32);
    const stored = readFlowRecord(storage);
    expect(stored).toMatchObject({
      provider: 'emerge',
      mode: 'redirect',
      state,
      returnTo: '/start',
    });
    expect(stored?.expiresAt).toBeGreaterThanOrEqual(before + 30 * 60_000);
    expect(stored?.expiresAt).toBeLessThanOrEqual(after + 30 * 60_000);
    expect(stored).not.toHaveProperty('lifetime');
  });

  it("keeps a Gigs session id and honours the flow's lifetime", () => {
    const storage = memoryStorage();
    rememberFlow(gigs, { sessionId: 'csn_1', lifetime: 1000 }, storage);
    const stored = readFlowRecord(storage);
    expect(stored).toMatchObject({ provider: 'gigs', sessionId: 'csn_1' });
    expect(readFlowRecord(storage, (stored?.expiresAt ?? 0) + 1)).toBeUndefined();
    expect(stored).not.toHaveProperty('lifetime');
  });

  it('draws a new state each time, replacing the stored one', () => {
    const storage = memoryStorage();
    const first = rememberFlow(emerge, {}, storage);
    const second = rememberFlow(emerge, {}, storage);
    expect(second).not.toBe(first);
    expect(readFlowRecord(storage)?.state).toBe(second);
  });
});
