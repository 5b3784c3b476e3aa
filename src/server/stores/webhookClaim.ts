import { HandlerFailure } from '../failures';
import { claimKey, type DedupeStore } from './dedupeStore';

/**
 * How a delivery stands in the store. `claimed`: this request holds the lease and runs
 * `onWebhook`. `processing`: another request holds it (running, or cut by a crash until the
 * lease runs out). `done`: an `onWebhook` resolved for it.
 */
export type DeliveryState = 'claimed' | 'processing' | 'done';

/** A delivery this request holds: its keys, each set to `token` until done or released. */
export interface HeldDelivery {
  keys: readonly string[];
  token: string;
}

/** A store call given no answer within its time is a failure: the caller answers a 503. */
export class StoreTimeoutError extends HandlerFailure {
  override name = 'StoreTimeoutError';
}

/** Rejects with a `StoreTimeoutError` when `work` has not settled by `deadline` (ms epoch). */
export async function timeBox<T>(work: () => T | Promise<T>, deadline: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new StoreTimeoutError('the store gave no answer in time')),
      Math.max(0, deadline - Date.now()),
    );
  });
  try {
    return await Promise.race([Promise.resolve().then(work), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** A lease's value: unique per request, so only its holder marks it done or releases it. */
const processing = 'processing:';
/** Before 0.2 a handled delivery was stored as `'1'`: any value but a lease counts as done. */
const isDone = (value: unknown) =>
  value !== undefined &&
  value !== null &&
  !(typeof value === 'string' && value.startsWith(processing));

/**
 * Claims every key of a delivery for `leaseSeconds`, or none: a key another request holds
 * decides the state (`done` wins over `processing`), and the keys taken so far are given back.
 */
export async function claimDelivery(
  store: DedupeStore,
  keys: readonly string[],
  leaseSeconds: number,
  deadline: number,
): Promise<{ state: DeliveryState; held?: HeldDelivery }> {
  const token = `${processing}${crypto.randomUUID()}`;
  const taken: string[] = [];
  for (const key of keys) {
    if (await timeBox(() => claimKey(store, key, leaseSeconds, token), deadline)) {
      taken.push(key);
      continue;
    }
    const value = await timeBox(() => store.get(key), deadline);
    await releaseDelivery(store, { keys: taken, token }, deadline).catch(() => undefined);
    // Gone between the claim and the read (released, or its lease ran out): retry later.
    return { state: isDone(value) ? 'done' : 'processing' };
  }
  return { state: 'claimed', held: { keys: taken, token } };
}

/**
 * Marks a handled delivery done for `doneSeconds`. True when every key was still this
 * request's lease; false when a key's lease ran out while `onWebhook` ran and another request
 * may have claimed it (it is then left alone).
 */
export async function finishDelivery(
  store: DedupeStore,
  held: HeldDelivery,
  doneSeconds: number,
  deadline: number,
): Promise<boolean> {
  let kept = true;
  for (const key of held.keys) {
    const marked = await timeBox(async () => {
      if (store.setIfEquals)
        return !!(await store.setIfEquals(key, held.token, 'done', doneSeconds));
      const mine = (await store.get(key)) === held.token;
      await store.set(key, 'done', doneSeconds);
      return mine;
    }, deadline);
    kept &&= marked;
  }
  return kept;
}

/** Gives a delivery's keys back, so the provider's retry is handled now, not after the lease. */
export async function releaseDelivery(
  store: DedupeStore,
  held: HeldDelivery,
  deadline: number,
): Promise<void> {
  for (const key of held.keys) {
    await timeBox(async () => {
      if (store.deleteIfEquals) await store.deleteIfEquals(key, held.token);
      else if ((await store.get(key)) === held.token) await store.delete?.(key);
    }, deadline);
  }
}
