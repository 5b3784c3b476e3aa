import { describe, expect, it } from 'vitest';
import { providerDeadlines } from '../../../src/server/providers/providerDeadlines';

const aborted = (signal: AbortSignal) =>
  new Promise<unknown>((resolve) => {
    signal.addEventListener('abort', () => resolve(signal.reason), { once: true });
  });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("providerDeadlines: one request's provider deadlines", () => {
  it('aborts a signal with a TimeoutError after the deadline, as AbortSignal.timeout', async () => {
    const signal = providerDeadlines(5).signal();
    expect(signal.aborted).toBe(false);
    const reason = await aborted(signal);
    expect(reason).toBeInstanceOf(DOMException);
    expect((reason as DOMException).name).toBe('TimeoutError');
  });

  it('gives each call a deadline of its own', async () => {
    const deadlines = providerDeadlines(20);
    const first = deadlines.signal();
    await sleep(10);
    const second = deadlines.signal();
    await aborted(first);
    expect(second.aborted).toBe(false);
    await aborted(second);
  });

  it('never aborts once the request is done (clear)', async () => {
    const deadlines = providerDeadlines(5);
    const signals = [deadlines.signal(), deadlines.signal()];
    deadlines.clear();
    await sleep(30);
    expect(signals.map((signal) => signal.aborted)).toEqual([false, false]);
  });
});
