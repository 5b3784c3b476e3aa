import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  EventStreams,
  streamOpenTimeout,
  type StreamSignal,
} from '../../../src/core/export/eventStreams';
import { FakeEventSource, fakeVisibility } from './fakeEventSource';

const url = '/api/connect/events';
let tab: ReturnType<typeof fakeVisibility>;
let streams: EventStreams;

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
  FakeEventSource.reset();
  tab = fakeVisibility();
  streams = new EventStreams({ EventSource: FakeEventSource, visibility: tab.visibility });
});
afterEach(() => vi.useRealTimers());

/** Watches `url`, recording the signals heard. */
function watch(at = url) {
  const heard: StreamSignal[] = [];
  const stop = streams.watch(at, (signal) => heard.push(signal));
  return { heard, stop, types: () => heard.map((signal) => signal.type) };
}
/** Lets the deferred close run. */
const settle = () => Promise.resolve();
const latest = () => FakeEventSource.all.at(-1)!;

describe('EventStreams: sharing', () => {
  it('opens one EventSource per URL however many watch, and closes it after the last leaves', async () => {
    const first = watch();
    const second = watch();
    const other = watch('/other/events');
    expect(FakeEventSource.all.map((source) => source.url)).toEqual([url, '/other/events']);
    first.stop();
    await settle();
    expect(FakeEventSource.all[0]?.closed).toBe(false);
    second.stop();
    second.stop(); // twice is harmless
    await settle();
    expect(FakeEventSource.all[0]?.closed).toBe(true);
    expect(FakeEventSource.all[1]?.closed).toBe(false);
    other.stop();
    await settle();
    expect(FakeEventSource.live()).toEqual([]);
    expect(tab.listeners.size).toBe(0);
  });

  it('keeps the stream through a leave and a watch in the same task (StrictMode)', async () => {
    watch().stop();
    const again = watch();
    await settle();
    expect(FakeEventSource.all).toHaveLength(1);
    expect(FakeEventSource.live()).toHaveLength(1);
    latest().open();
    expect(again.types()).toEqual(['open']);
  });

  it('hands every watcher the open, the named events with parsed data, and failures', () => {
    const a = watch();
    const b = watch();
    latest().open();
    latest().send('export', { provider: 'emerge', status: 'ready' });
    latest().send('consent', 'not json');
    latest().send('other', { ignored: true });
    latest().fail();
    const expected = [
      { type: 'open' },
      { type: 'event', name: 'export', data: { provider: 'emerge', status: 'ready' } },
      { type: 'event', name: 'consent', data: undefined },
      { type: 'error' },
    ];
    expect(a.heard).toEqual(expected);
    expect(b.heard).toEqual(expected);
  });

  it('ignores what a closed EventSource still reports', async () => {
    const { heard, stop } = watch();
    const source = latest();
    const later = watch();
    stop();
    later.stop();
    await settle();
    source.open();
    source.send('export', {});
    source.fail();
    expect(heard).toEqual([]);
    expect(later.heard).toEqual([]);
  });
});

describe('EventStreams: failures and retries', () => {
  it('stands down after three failures in a row, an open in between resetting the count', () => {
    const { types } = watch();
    latest().fail();
    latest().fail();
    latest().open();
    latest().fail();
    latest().fail();
    expect(streams.isFallback(url)).toBe(false);
    latest().fail();
    expect(streams.isFallback(url)).toBe(true);
    expect(latest().closed).toBe(true);
    expect(types()).toEqual(['error', 'error', 'open', 'error', 'error', 'error']);
  });

  it('stands down at once when the browser gives up (an HTTP error, a wrong content type)', () => {
    watch();
    latest().fail(false);
    expect(streams.isFallback(url)).toBe(true);
  });

  it(`stands down when the stream has not opened after ${streamOpenTimeout} ms`, () => {
    const { types } = watch();
    vi.advanceTimersByTime(streamOpenTimeout - 1);
    expect(streams.isFallback(url)).toBe(false);
    vi.advanceTimersByTime(1);
    expect(streams.isFallback(url)).toBe(true);
    expect(latest().closed).toBe(true);
    expect(types()).toEqual(['error']);
  });

  it('retries after 60 s, doubling up to 10 minutes, and starts over after an open', () => {
    const { types } = watch();
    const retries: number[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const before = FakeEventSource.all.length;
      latest().fail(false);
      const start = Date.now();
      while (FakeEventSource.all.length === before) vi.advanceTimersByTime(1000);
      retries.push(Date.now() - start);
    }
    expect(retries).toEqual([60_000, 120_000, 240_000, 480_000, 600_000, 600_000]);
    // Still polling while the retry connects; live again once it opens.
    expect(streams.isFallback(url)).toBe(true);
    latest().open();
    expect(streams.isFallback(url)).toBe(false);
    expect(types().at(-1)).toBe('open');
    latest().fail(false);
    const before = FakeEventSource.all.length;
    vi.advanceTimersByTime(60_000);
    expect(FakeEventSource.all).toHaveLength(before + 1);
  });

  it('stands down for good, with no retry, where there is no EventSource', () => {
    const bare = new EventStreams({ visibility: tab.visibility });
    const heard: StreamSignal[] = [];
    bare.watch(url, (signal) => heard.push(signal));
    expect(bare.isFallback(url)).toBe(true);
    vi.advanceTimersByTime(60 * 60_000);
    expect(heard).toEqual([]);
    expect(bare.isFallback(url)).toBe(true);
  });
});

describe('EventStreams: a hidden tab', () => {
  it('closes the stream while hidden and reopens it when shown', () => {
    const { types } = watch();
    latest().open();
    tab.setHidden(true);
    expect(FakeEventSource.live()).toEqual([]);
    // A hidden tab does not count as a failure, and does not time out.
    vi.advanceTimersByTime(10 * 60_000);
    expect(FakeEventSource.all).toHaveLength(1);
    expect(streams.isFallback(url)).toBe(false);
    tab.setHidden(false);
    expect(FakeEventSource.all).toHaveLength(2);
    latest().open();
    expect(types()).toEqual(['open', 'open']);
  });

  it('waits for the retry of a stream that stood down, and makes a retry due while hidden when shown', () => {
    watch();
    latest().fail(false);
    tab.setHidden(true);
    tab.setHidden(false);
    expect(FakeEventSource.all).toHaveLength(1);
    tab.setHidden(true);
    vi.advanceTimersByTime(60_000);
    expect(FakeEventSource.all).toHaveLength(1);
    tab.setHidden(false);
    expect(FakeEventSource.all).toHaveLength(2);
  });

  it('does not open a stream first watched in a hidden tab until it shows', () => {
    tab.setHidden(true);
    watch();
    expect(FakeEventSource.all).toHaveLength(0);
    tab.setHidden(false);
    expect(FakeEventSource.all).toHaveLength(1);
  });
});

describe('EventStreams: whenOpen', () => {
  const resolvedAt = (promise: Promise<void>) => {
    const at = { time: -1 };
    void promise.then(() => (at.time = Date.now()));
    return at;
  };

  it('resolves when the stream opens, when it stands down, or after the wait', async () => {
    watch();
    const opened = resolvedAt(streams.whenOpen(url, 2000));
    vi.advanceTimersByTime(500);
    latest().open();
    await settle();
    expect(opened.time).toBe(500);
    // Already open: at once.
    const again = resolvedAt(streams.whenOpen(url, 2000));
    await settle();
    expect(again.time).toBe(500);

    watch('/b');
    const stoodDown = resolvedAt(streams.whenOpen('/b', 2000));
    vi.advanceTimersByTime(100);
    latest().fail(false);
    await settle();
    expect(stoodDown.time).toBe(600);

    watch('/c');
    const waited = resolvedAt(streams.whenOpen('/c', 2000));
    await vi.advanceTimersByTimeAsync(2000);
    expect(waited.time).toBe(2600);
    // An unknown URL: at once.
    const unknown = resolvedAt(streams.whenOpen('/unknown', 2000));
    await settle();
    expect(unknown.time).toBe(2600);
  });
});
