import { describe, expect, it } from 'vitest';
import { memoryDedupeStore, type DedupeStore } from '../../../src/server/stores/dedupeStore';
import {
  claimDelivery,
  finishDelivery,
  releaseDelivery,
  StoreTimeoutError,
  timeBox,
} from '../../../src/server/stores/webhookClaim';

const soon = () => Date.now() + 2_000;

describe('timeBox', () => {
  it('passes an answer and a failure through', async () => {
    expect(await timeBox(() => 'ok', soon())).toBe('ok');
    await expect(timeBox(() => Promise.reject(new Error('down')), soon())).rejects.toThrow('down');
    await expect(
      timeBox(() => {
        throw new Error('sync');
      }, soon()),
    ).rejects.toThrow('sync');
  });

  it('gives up on a call that never settles', async () => {
    const hang = () => new Promise(() => undefined);
    await expect(timeBox(hang, Date.now() + 20)).rejects.toBeInstanceOf(StoreTimeoutError);
  });
});

describe('claimDelivery', () => {
  it('claims every key with one token; a second claim finds it processing', async () => {
    const store = memoryDedupeStore();
    const first = await claimDelivery(store, ['a', 'b'], 60, soon());
    expect(first.state).toBe('claimed');
    expect(store.get('a')).toBe(first.held?.token);
    expect(store.get('b')).toBe(first.held?.token);
    expect((await claimDelivery(store, ['a', 'b'], 60, soon())).state).toBe('processing');
  });

  it('a key already done decides, and the keys taken on the way are given back', async () => {
    const store = memoryDedupeStore();
    store.set('sig', 'done', 86_400);
    expect(await claimDelivery(store, ['fresh-key', 'sig'], 60, soon())).toEqual({
      state: 'done',
    });
    expect(store.get('fresh-key')).toBeUndefined();
  });

  it('a value stored before leases ("1") counts as done', async () => {
    const store = memoryDedupeStore();
    store.set('k', '1', 60);
    expect((await claimDelivery(store, ['k'], 60, soon())).state).toBe('done');
  });

  it('a store that throws, rejects or hangs fails the claim', async () => {
    const failing = (get: () => unknown): DedupeStore => ({ get, set: get });
    const deadline = () => Date.now() + 50;
    await expect(
      claimDelivery(
        failing(() => {
          throw new Error('x');
        }),
        ['k'],
        60,
        deadline(),
      ),
    ).rejects.toThrow('x');
    await expect(
      claimDelivery(
        failing(() => Promise.reject(new Error('y'))),
        ['k'],
        60,
        deadline(),
      ),
    ).rejects.toThrow('y');
    await expect(
      claimDelivery(
        failing(() => new Promise(() => undefined)),
        ['k'],
        60,
        deadline(),
      ),
    ).rejects.toBeInstanceOf(StoreTimeoutError);
  });
});

describe('finishDelivery and releaseDelivery', () => {
  it('mark the lease done, or give it back', async () => {
    const store = memoryDedupeStore();
    const { held } = await claimDelivery(store, ['a', 'b'], 60, soon());
    expect(await finishDelivery(store, held!, 86_400, soon())).toBe(true);
    expect([store.get('a'), store.get('b')]).toEqual(['done', 'done']);

    const again = await claimDelivery(store, ['c'], 60, soon());
    await releaseDelivery(store, again.held!, soon());
    expect(store.get('c')).toBeUndefined();
  });

  it('leave alone a key whose lease ran out and another request took', async () => {
    let now = 0;
    const store = memoryDedupeStore({ now: () => now });
    const late = await claimDelivery(store, ['k'], 60, soon());
    now = 61_000;
    const taker = await claimDelivery(store, ['k'], 60, soon());
    expect(taker.state).toBe('claimed');
    await releaseDelivery(store, late.held!, soon());
    expect(store.get('k')).toBe(taker.held?.token);
    expect(await finishDelivery(store, late.held!, 86_400, soon())).toBe(false);
    expect(store.get('k')).toBe(taker.held?.token);
  });

  it('work with a store of get, set and delete only', async () => {
    const map = new Map<string, string>();
    const store: DedupeStore = {
      get: (key) => map.get(key),
      set: (key, value) => void map.set(key, value),
      delete: (key) => map.delete(key),
    };
    const first = await claimDelivery(store, ['a'], 60, soon());
    expect(await finishDelivery(store, first.held!, 86_400, soon())).toBe(true);
    expect(map.get('a')).toBe('done');
    const second = await claimDelivery(store, ['b'], 60, soon());
    await releaseDelivery(store, second.held!, soon());
    expect(map.has('b')).toBe(false);
  });
});
