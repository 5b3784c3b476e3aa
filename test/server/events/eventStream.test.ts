import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UserEventStream, type EventStreamSource } from '../../../src/server/events/eventStream';
import { memoryEvents } from '../../../src/server/events/memoryEvents';
import type { ConnectEvents } from '../../../src/server/events/connectEvents';

const published = (status: string, id = 'e1') =>
  JSON.stringify({ id, event: 'export', data: { provider: 'emerge', status } });

beforeEach(() => vi.useFakeTimers());
/** A few turns of the microtask queue: enough for a queued chunk to be read. */
const tick = async () => {
  for (let turn = 0; turn < 10; turn += 1) await Promise.resolve();
};
afterEach(() => vi.useRealTimers());

function setup(overrides: Partial<EventStreamSource> = {}) {
  const events = memoryEvents();
  const report = vi.fn();
  const source: EventStreamSource = {
    findUid: vi.fn(() => 'psub_1' as string | undefined),
    channelOf: async (uid) => `channel:${uid}`,
    events,
    report,
    heartbeatMs: 1000,
    ...overrides,
  };
  const client = new AbortController();
  const stream = new UserEventStream(source, client.signal);
  const reader = stream.body.getReader();
  const decoder = new TextDecoder();
  let pending: ReturnType<typeof reader.read> | undefined;
  /** What the client has been sent, read until the stream waits (a read stays pending) or ends. */
  async function received(): Promise<string> {
    let text = '';
    for (;;) {
      pending ??= reader.read();
      const next = await Promise.race([pending, tick().then(() => 'waiting' as const)]);
      if (next === 'waiting') return text;
      pending = undefined;
      if (next.done) return text;
      text += decoder.decode(next.value);
    }
  }
  return { events, source, report, client, stream, reader, received };
}

describe('UserEventStream', () => {
  it('sends the retry hint, the events of its channel, and a ping per heartbeat', async () => {
    const run = setup();
    await run.stream.subscribe();
    expect(await run.received()).toBe('retry: 5000\n\n');
    await run.events.publish('channel:psub_1', published('ready'));
    await run.events.publish('channel:other', published('failed'));
    expect(await run.received()).toBe(
      'id: e1\nevent: export\ndata: {"provider":"emerge","status":"ready"}\n\n',
    );
    await vi.advanceTimersByTimeAsync(1000);
    expect(await run.received()).toBe(': ping\n\n');
  });

  it('looks a missing uid up again at each heartbeat, then subscribes', async () => {
    const known: { uid?: string } = {};
    const findUid = vi.fn(() => known.uid);
    const run = setup({ findUid });
    await run.stream.subscribe();
    expect(run.events.subscriberCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(2000);
    expect(findUid).toHaveBeenCalledTimes(3);
    known.uid = 'psub_late';
    await vi.advanceTimersByTimeAsync(1000);
    expect(run.events.subscriberCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(3000);
    // Subscribed: no more lookups.
    expect(findUid).toHaveBeenCalledTimes(4);
    await run.received();
    await run.events.publish('channel:psub_late', published('ready'));
    expect(await run.received()).toContain('event: export');
  });

  it('a subscription after the answer says so (event: subscribed), so the page reads again', async () => {
    const known: { uid?: string } = {};
    const run = setup({ findUid: () => known.uid });
    await run.stream.subscribe();
    run.stream.answered();
    expect(await run.received()).toBe('retry: 5000\n\n');
    known.uid = 'psub_late';
    await vi.advanceTimersByTimeAsync(1000);
    const frames = await run.received();
    expect(frames).toMatch(/^: ping\n\nid: [\w-]{16}\nevent: subscribed\ndata: \{\}\n\n$/);
    expect(frames).not.toContain('psub_late');
  });

  it('a subscription before the answer sends no subscribed event', async () => {
    const run = setup();
    await run.stream.subscribe();
    run.stream.answered();
    await vi.advanceTimersByTimeAsync(1000);
    expect(await run.received()).toBe('retry: 5000\n\n: ping\n\n');
  });

  it('ends cleanly when the client goes: no timer, no subscription, the body done', async () => {
    const run = setup();
    await run.stream.subscribe();
    expect(run.events.subscriberCount()).toBe(1);
    expect(vi.getTimerCount()).toBe(1);
    run.client.abort();
    expect(run.events.subscriberCount()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    expect(await run.received()).toBe('retry: 5000\n\n');
    // The stream ended: the pending read finished with `done`.
    expect(await run.received()).toBe('');
    await expect(run.reader.closed).resolves.toBeUndefined();
  });

  it('ends cleanly when the body is cancelled (a host that cancels instead of aborting)', async () => {
    const run = setup();
    await run.stream.subscribe();
    await run.reader.cancel();
    expect(run.events.subscriberCount()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a subscription that resolves after the client went is ended at once', async () => {
    const events = memoryEvents();
    let letThrough: () => void = () => {};
    const slow: ConnectEvents = {
      publish: events.publish,
      subscribe: async (channel, listener) => {
        await new Promise<void>((resolve) => (letThrough = resolve));
        return events.subscribe(channel, listener);
      },
    };
    const run = setup({ events: slow });
    const subscribing = run.stream.subscribe();
    await vi.advanceTimersByTimeAsync(0);
    run.client.abort();
    letThrough();
    await subscribing;
    expect(events.subscriberCount()).toBe(0);
  });

  it('a failed lookup or subscription is reported and tried again at the next heartbeat', async () => {
    const findUid = vi
      .fn<() => string | undefined>()
      .mockImplementationOnce(() => {
        throw new Error('db down');
      })
      .mockReturnValue('psub_1');
    const run = setup({ findUid });
    await run.stream.subscribe();
    expect(run.report).toHaveBeenCalledTimes(1);
    expect(run.events.subscriberCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(run.events.subscriberCount()).toBe(1);
  });

  it('ignores a published message that does not check', async () => {
    const run = setup();
    await run.stream.subscribe();
    await run.received();
    await run.events.publish('channel:psub_1', '{"id":"x","event":"export","data":{}}');
    await run.events.publish('channel:psub_1', 'not json');
    expect(await run.received()).toBe('');
  });

  it('closes the stream of a client that reads nothing, past 256 waiting frames', async () => {
    const run = setup();
    await run.stream.subscribe();
    for (let index = 0; index < 300; index += 1) {
      await run.events.publish('channel:psub_1', published('ready', `e${index}`));
    }
    expect(run.events.subscriberCount()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
