import { describe, expect, it } from 'vitest';
import { fromBase64Url } from '../../../src/core/shared/base64url';
import {
  readFlowContext,
  rememberFlow,
  removeFlowContext,
  saveFlowContext,
  type FlowContext,
} from '../../../src/core/browser/flowContext';
import { emerge } from '../../../src/core/model/providers/emerge';
import { gigs } from '../../../src/core/model/providers/gigs';
import { memoryStorage, throwingStorage } from '../helpers';

const now = 1_700_000_000_000;
const context: FlowContext = {
  provider: 'emerge',
  mode: 'popup',
  state: 'state-1',
  flowId: 'flow-1',
  relayKey: 'key-1',
  returnTo: '/settings',
  expiresAt: now + 60_000,
};

describe('saveFlowContext / readFlowContext / removeFlowContext', () => {
  it('reads a saved context back, and keeps it until removed', () => {
    const storage = memoryStorage();
    expect(saveFlowContext(context, storage)).toBe(true);
    expect(storage.getItem('rcf:flow')).toBe(JSON.stringify(context));
    expect(readFlowContext(storage, now)).toEqual(context);
    expect(readFlowContext(storage, now)).toEqual(context);
    removeFlowContext(storage);
    expect(readFlowContext(storage, now)).toBeUndefined();
  });

  it('rejects an expired context, and accepts one up to its expiresAt', () => {
    const storage = memoryStorage();
    saveFlowContext(context, storage);
    expect(readFlowContext(storage, context.expiresAt)).toEqual(context);
    expect(readFlowContext(storage, context.expiresAt + 1)).toBeUndefined();
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
    expect(readFlowContext(storage, now)).toBeUndefined();
  });

  it('reads corrupted JSON and throwing storage as no context', () => {
    const storage = memoryStorage();
    storage.setItem('rcf:flow', '{"provider":');
    expect(readFlowContext(storage, now)).toBeUndefined();
    expect(readFlowContext(throwingStorage(), now)).toBeUndefined();
    expect(saveFlowContext(context, throwingStorage())).toBe(false);
    expect(() => removeFlowContext(throwingStorage())).not.toThrow();
  });

  it('defaults now to the current time', () => {
    const storage = memoryStorage();
    saveFlowContext({ ...context, expiresAt: Date.now() + 60_000 }, storage);
    expect(readFlowContext(storage)).toMatchObject({ state: 'state-1' });
    saveFlowContext({ ...context, expiresAt: Date.now() - 1 }, storage);
    expect(readFlowContext(storage)).toBeUndefined();
  });
});

describe('rememberFlow', () => {
  it('stores a fresh redirect context for the provider and returns its state', () => {
    const storage = memoryStorage();
    const before = Date.now();
    const state = rememberFlow(emerge, { returnTo: '/start' }, storage);
    const after = Date.now();
    expect(fromBase64Url(state ?? '')?.length).toBe(32);
    const stored = readFlowContext(storage);
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
    const stored = readFlowContext(storage);
    expect(stored).toMatchObject({ provider: 'gigs', sessionId: 'csn_1' });
    expect(readFlowContext(storage, (stored?.expiresAt ?? 0) + 1)).toBeUndefined();
    expect(stored).not.toHaveProperty('lifetime');
  });

  it('draws a new state each time, replacing the stored one', () => {
    const storage = memoryStorage();
    const first = rememberFlow(emerge, {}, storage);
    const second = rememberFlow(emerge, {}, storage);
    expect(second).not.toBe(first);
    expect(readFlowContext(storage)?.state).toBe(second);
  });
});
