import { act, renderHook } from '@testing-library/react';
import { StrictMode } from 'react';
import type { StreamSignal } from '../../src/core/export/streamState';
import { useEventStream } from '../../src/react/useEventStream';
import { eventsUrl, FakeEventSource, setUpStreamEnvironment } from './streamHarness';

setUpStreamEnvironment();

/** What a watcher heard, in order: `fallback:<bool>` and the signals' types (or event names). */
function recorder() {
  const heard: string[] = [];
  const hear = (signal: StreamSignal) =>
    heard.push(signal.type === 'event' ? `event:${signal.name}` : signal.type);
  const onFallback = (fallback: boolean) => heard.push(`fallback:${fallback}`);
  return { heard, hear, onFallback };
}

function watch(url: string | undefined, options: { strict?: boolean } = {}) {
  const { heard, hear, onFallback } = recorder();
  const hook = renderHook(({ at }) => useEventStream(at, hear, onFallback), {
    initialProps: { at: url },
    ...(options.strict ? { wrapper: StrictMode } : {}),
  });
  return { heard, hook };
}

/** Lets the registry close a stream nobody watches any more (a microtask later). */
const settle = () => act(async () => await Promise.resolve());
const latest = () => FakeEventSource.all.at(-1)!;

describe('useEventStream', () => {
  it.each([undefined, ''])('watches nothing at %j', (url) => {
    const { heard } = watch(url);
    expect(FakeEventSource.all).toHaveLength(0);
    expect(heard).toEqual([]);
  });

  it('opens the stream at the url, and says it has not stood down', () => {
    const { heard } = watch(eventsUrl);
    expect(FakeEventSource.all.map((source) => source.url)).toEqual([eventsUrl]);
    expect(heard).toEqual(['fallback:false']);
  });

  it('hands on each signal, after telling whether to poll', () => {
    const { heard } = watch(eventsUrl);
    act(() => {
      latest().open();
      latest().send('export', { status: 'ready' });
      latest().fail();
    });
    expect(heard).toEqual([
      'fallback:false',
      'fallback:false',
      'open',
      'fallback:false',
      'event:export',
      'fallback:false',
      'error',
    ]);
  });

  it("passes an event's parsed data, or undefined when it is not JSON", () => {
    const signals: StreamSignal[] = [];
    renderHook(() => useEventStream(eventsUrl, (signal) => signals.push(signal)));
    act(() => {
      latest().send('consent', { status: 'active' });
      latest().send('export', '<not json>');
    });
    expect(signals).toEqual([
      { type: 'event', name: 'consent', data: { status: 'active' } },
      { type: 'event', name: 'export', data: undefined },
    ]);
  });

  it('tells the watcher to poll once the stream stands down', () => {
    const { heard } = watch(eventsUrl);
    act(() => latest().fail(false));
    expect(heard).toEqual(['fallback:false', 'fallback:true', 'error']);
  });

  it('polls from the start where the browser has no EventSource', () => {
    vi.stubGlobal('EventSource', undefined);
    const { heard } = watch(`${eventsUrl}?no-source`);
    expect(FakeEventSource.all).toHaveLength(0);
    expect(heard).toEqual(['fallback:true']);
  });

  it('works without onFallback', () => {
    const heard: string[] = [];
    renderHook(() => useEventStream(eventsUrl, (signal) => heard.push(signal.type)));
    act(() => latest().open());
    expect(heard).toEqual(['open']);
  });

  it('uses the latest callbacks, on the same stream', () => {
    const first = recorder();
    const second = recorder();
    const hook = renderHook(({ own }) => useEventStream(eventsUrl, own.hear, own.onFallback), {
      initialProps: { own: first },
    });
    hook.rerender({ own: second });
    act(() => latest().open());
    expect(first.heard).toEqual(['fallback:false']);
    expect(second.heard).toEqual(['fallback:false', 'open']);
    expect(FakeEventSource.all).toHaveLength(1);
  });

  it('shares one stream between watchers of one url', () => {
    const one = watch(eventsUrl);
    const two = watch(eventsUrl);
    act(() => latest().open());
    expect(FakeEventSource.all).toHaveLength(1);
    expect(one.heard.at(-1)).toBe('open');
    expect(two.heard.at(-1)).toBe('open');
  });

  it('moves to a new url, closing the old stream', async () => {
    const { heard, hook } = watch(eventsUrl);
    const old = latest();
    hook.rerender({ at: `${eventsUrl}?user=2` });
    await settle();
    expect(old.closed).toBe(true);
    expect(latest().url).toBe(`${eventsUrl}?user=2`);
    act(() => old.open());
    expect(heard).toEqual(['fallback:false', 'fallback:false']);
  });

  it('stops hearing, and closes the stream, when unmounted or given no url', async () => {
    const { heard, hook } = watch(eventsUrl);
    const source = latest();
    hook.rerender({ at: undefined });
    await settle();
    expect(source.closed).toBe(true);
    act(() => source.open());
    expect(heard).toEqual(['fallback:false']);

    const other = watch(eventsUrl);
    other.hook.unmount();
    await settle();
    expect(FakeEventSource.live()).toHaveLength(0);
  });

  it('keeps one stream and one watcher under StrictMode', async () => {
    const { heard } = watch(eventsUrl, { strict: true });
    await settle();
    expect(FakeEventSource.live()).toHaveLength(1);
    heard.length = 0;
    act(() => latest().open());
    expect(heard).toEqual(['fallback:false', 'open']);
  });
});
