import { render, renderHook } from '@testing-library/react';
import { StrictMode } from 'react';
import { ExportStatusError } from '../../src/core/export/exportFetch';
import { ExportStatus } from '../../src/react/ExportStatus';
import { useExportStatus } from '../../src/react/useExportStatus';
import {
  advance,
  basePath,
  eventsUrl,
  exportAnswer,
  FakeEventSource,
  newClient,
  setHidden,
  stream,
  stubFetch,
  setUpStreamEnvironment,
} from './streamHarness';

const statusPath = `${basePath}/export-status`;
const ready = { provider: 'emerge', status: 'ready' };
setUpStreamEnvironment();

/** Serves the status endpoint: not ready, or what `answer` says for request n. */
const serve = (answer: (n: number) => Response = () => exportAnswer(false)) =>
  stubFetch({ [statusPath]: answer });
function watch() {
  const { wrapper } = newClient();
  return renderHook(() => useExportStatus({ basePath }), { wrapper });
}
/** Everything that makes a polling hook ask again (not visibility: that reopens the stream). */
function nudge() {
  window.dispatchEvent(new Event('focus'));
  window.dispatchEvent(new Event('offline'));
  window.dispatchEvent(new Event('online'));
}

describe('useExportStatus with events: requests', () => {
  it('reads once, when the stream opens, and then never while it is open', async () => {
    const fetch = serve();
    const { result } = watch();
    expect(FakeEventSource.all.map((source) => source.url)).toEqual([eventsUrl]);
    await advance(100);
    expect(fetch.times(statusPath)).toEqual([]);
    await stream((source) => source.open());
    expect(fetch.times(statusPath)).toHaveLength(1);
    await advance(15 * 60_000);
    nudge();
    await advance(0);
    expect(fetch.times(statusPath)).toHaveLength(1);
    expect(result.current.status).toBe('polling');
  });

  it('reads at most 2 s after mount when the stream is slow to open', async () => {
    const fetch = serve();
    watch();
    await advance(2000);
    expect(fetch.times(statusPath)).toHaveLength(1);
    await stream((source) => source.open());
    // The opening reads again: an event may have come between the read and the opening.
    expect(fetch.times(statusPath)).toHaveLength(2);
  });

  it('reads once per export event (consent events are not its business) until ready', async () => {
    const fetch = serve((n) => exportAnswer(n >= 3));
    const { result } = watch();
    await stream((source) => source.open());
    await advance(5000);
    await stream((source) => source.send('export', ready));
    expect(fetch.times(statusPath)).toHaveLength(2);
    await stream((source) => source.send('consent', { provider: 'emerge', status: 'given' }));
    expect(fetch.times(statusPath)).toHaveLength(2);
    await stream((source) => source.send('export', 'not even json'));
    expect(fetch.times(statusPath)).toHaveLength(3);
    expect(result.current.status).toBe('ready');
    // Settled: the stream is let go.
    await advance(0);
    expect(FakeEventSource.live()).toEqual([]);
  });

  it('reads again when the server subscribed late (a uid found after the stream opened)', async () => {
    const fetch = serve();
    watch();
    await stream((source) => source.open());
    expect(fetch.times(statusPath)).toHaveLength(1);
    await stream((source) => source.send('subscribed', {}));
    expect(fetch.times(statusPath)).toHaveLength(2);
  });

  it('reads after a failure and again after the reconnection', async () => {
    const fetch = serve();
    watch();
    await stream((source) => source.open());
    await advance(1000);
    await stream((source) => source.fail());
    await advance(5000);
    await stream((source) => source.open());
    expect(fetch.times(statusPath)).toHaveLength(3);
    await advance(10 * 60_000);
    expect(fetch.times(statusPath)).toHaveLength(3);
  });
});

describe('useExportStatus with events: failures', () => {
  it('polls on the usual schedule after three failures in a row', async () => {
    const fetch = serve();
    const { result } = watch();
    await stream((source) => source.open());
    await advance(10_000);
    for (let failure = 0; failure < 3; failure += 1) await stream((source) => source.fail());
    expect(FakeEventSource.live()).toEqual([]);
    const before = fetch.times(statusPath).length;
    await advance(30_000);
    const polls = fetch.times(statusPath).slice(before);
    // 10 s into the wait the schedule asks every 5 s or more: polling has taken over.
    expect(polls.length).toBeGreaterThanOrEqual(2);
    expect(result.current.status).toBe('polling');
  });

  it('retries the stream after 60 s, doubling, and stops polling once it opens', async () => {
    const fetch = serve();
    watch();
    await stream((source) => source.fail(false));
    expect(FakeEventSource.all).toHaveLength(1);
    await advance(59_000);
    expect(FakeEventSource.all).toHaveLength(1);
    await advance(1000);
    expect(FakeEventSource.all).toHaveLength(2);
    await stream((source) => source.fail(false));
    await advance(119_000);
    expect(FakeEventSource.all).toHaveLength(2);
    await advance(1000);
    expect(FakeEventSource.all).toHaveLength(3);
    await stream((source) => source.open());
    const opened = fetch.times(statusPath).length;
    await advance(10 * 60_000);
    expect(fetch.times(statusPath)).toHaveLength(opened);
    // Polling ran in between.
    expect(opened).toBeGreaterThan(10);
  });

  it('stops the stream and polling on a 401 read after a failure', async () => {
    const fetch = serve((n) =>
      n === 1 ? exportAnswer(false) : new Response(null, { status: 401 }),
    );
    const { result } = watch();
    await stream((source) => source.open());
    await stream((source) => source.fail());
    expect(result.current.status).toBe('error');
    expect(result.current.error).toBeInstanceOf(ExportStatusError);
    expect(result.current.error).toMatchObject({ kind: 'unauthorized', status: 401 });
    await advance(0);
    expect(FakeEventSource.live()).toEqual([]);
    await advance(30 * 60_000);
    nudge();
    await advance(0);
    expect(fetch.times(statusPath)).toHaveLength(2);
    expect(FakeEventSource.all).toHaveLength(1);
  });

  it('stops on a 403 from a stream that cannot open', async () => {
    const fetch = serve(() => new Response(null, { status: 403 }));
    const { result } = watch();
    await stream((source) => source.fail(false));
    expect(result.current.error).toMatchObject({ kind: 'unauthorized', status: 403 });
    await advance(30 * 60_000);
    expect(fetch.times(statusPath)).toHaveLength(1);
    expect(FakeEventSource.all).toHaveLength(1);
  });
});

describe('useExportStatus with events: sharing and visibility', () => {
  it('closes the stream while the tab is hidden, and reads once when it shows again', async () => {
    const fetch = serve();
    watch();
    await stream((source) => source.open());
    setHidden(true);
    expect(FakeEventSource.live()).toEqual([]);
    await advance(10 * 60_000);
    expect(fetch.times(statusPath)).toHaveLength(1);
    setHidden(false);
    expect(FakeEventSource.live()).toHaveLength(1);
    await stream((source) => source.open());
    expect(fetch.times(statusPath)).toHaveLength(2);
  });

  it('shares one EventSource and one read per event among components', async () => {
    const fetch = serve();
    const { wrapper } = newClient();
    render(
      <>
        <ExportStatus basePath={basePath} />
        <ExportStatus basePath={basePath} providers={['google_data']} />
      </>,
      { wrapper },
    );
    renderHook(() => useExportStatus({ basePath }), { wrapper });
    expect(FakeEventSource.all).toHaveLength(1);
    await stream((source) => source.open());
    await stream((source) => source.send('export', ready));
    expect(fetch.times(statusPath)).toHaveLength(2);
  });

  it('under StrictMode: one EventSource, one read on mount', async () => {
    const fetch = serve();
    const { wrapper } = newClient();
    // StrictMode outermost: below a wrapper, React 19 does not run effects twice.
    render(<StrictMode>{wrapper({ children: <ExportStatus basePath={basePath} /> })}</StrictMode>);
    await advance(0);
    expect(FakeEventSource.all).toHaveLength(1);
    await stream((source) => source.open());
    expect(FakeEventSource.live()).toHaveLength(1);
    expect(fetch.times(statusPath)).toHaveLength(1);
  });
});

describe('useExportStatus: where the stream comes from', () => {
  it('takes an explicit events URL next to an endpoint', async () => {
    const fetch = stubFetch({ '/status': () => exportAnswer(false) });
    const { wrapper } = newClient();
    renderHook(() => useExportStatus({ endpoint: '/status', events: '/push' }), { wrapper });
    expect(FakeEventSource.all.map((source) => source.url)).toEqual(['/push']);
    await stream((source) => source.open());
    expect(fetch.times('/status')).toEqual([0]);
  });

  it('polls with events: false, and with no EventSource at all', async () => {
    const fetch = serve();
    const { wrapper } = newClient();
    renderHook(() => useExportStatus({ basePath, events: false }), { wrapper });
    await advance(5000);
    expect(FakeEventSource.all).toHaveLength(0);
    expect(fetch.times(statusPath)).toEqual([0, 2000, 4000]);
  });

  it('polls where the browser has no EventSource', async () => {
    vi.stubGlobal('EventSource', undefined);
    const fetch = serve();
    watch();
    await advance(5000);
    expect(fetch.times(statusPath)).toEqual([0, 2000, 4000]);
  });

  it('opens no stream for an endpoint without events', async () => {
    serve();
    const { wrapper } = newClient();
    renderHook(() => useExportStatus({ endpoint: statusPath }), { wrapper });
    await advance(0);
    expect(FakeEventSource.all).toHaveLength(0);
  });
});
