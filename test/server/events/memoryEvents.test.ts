import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryEvents } from '../../../src/server/events/memoryEvents';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('memoryEvents', () => {
  it("delivers a published message to the channel's listeners, until each unsubscribes", async () => {
    const events = memoryEvents();
    const got: string[] = [];
    const stopA = await events.subscribe('c1', (message) => got.push(`A ${message}`));
    const stopB = await events.subscribe('c1', (message) => got.push(`B ${message}`));
    await events.subscribe('c2', (message) => got.push(`other ${message}`));
    expect(events.subscriberCount()).toBe(3);
    await events.publish('c1', 'one');
    stopA();
    stopA();
    await events.publish('c1', 'two');
    stopB();
    await events.publish('c1', 'three');
    expect(got).toEqual(['A one', 'B one', 'B two']);
    expect(events.subscriberCount()).toBe(1);
  });

  it('publishing to a channel nobody listens to is fine', async () => {
    await expect(memoryEvents().publish('nobody', 'x')).resolves.toBeUndefined();
  });

  it('each engine is its own: no global channel', async () => {
    const a = memoryEvents();
    const b = memoryEvents();
    const listener = vi.fn();
    await b.subscribe('c', listener);
    await a.publish('c', 'x');
    expect(listener).not.toHaveBeenCalled();
  });

  it('a listener that throws does not fail the publish', async () => {
    const events = memoryEvents();
    await events.subscribe('c', () => {
      throw new Error('bug');
    });
    await expect(events.publish('c', 'x')).resolves.toBeUndefined();
  });

  it('warns once in production: it serves one instance', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.resetModules();
    const fresh = await import('../../../src/server/events/memoryEvents');
    fresh.memoryEvents();
    fresh.memoryEvents();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/redisEvents/);
  });
});
