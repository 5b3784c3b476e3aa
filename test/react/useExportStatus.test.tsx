import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, renderHook } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { StrictMode, type ReactNode } from 'react';
import { nextPollDelay } from '../../src/core/export/pollSchedule';
import type { ExportEndpoint } from '../../src/core/export/exportFetch';
import { useExportStatus, type ExportStatusSettings } from '../../src/react/useExportStatus';

const url = '/api/export-status';
const uid = 'psub_d4e5f6789012345678901234abcdef01';
const server = setupServer();
let times: number[] = [];
/** Serves the endpoint; `answer` gets the 1-based request number. */
function serve(answer: (n: number) => Response | Promise<Response>, path = url) {
  times = [];
  server.use(
    http.get(`*${path}`, () => {
      times.push(Date.now());
      return answer(times.length);
    }),
  );
}
const source = (provider: string, ready: boolean, status = ready ? 'completed' : 'running') => ({
  provider,
  data_ready: ready,
  data_landed_at: null,
  export_status: status,
  export_completed_at: null,
});
/** An answer with the top-level uid, as Emerge sends it. */
const sources = (...list: ReturnType<typeof source>[]) => HttpResponse.json({ uid, sources: list });
const answer = (google: boolean, gmail: boolean) =>
  sources(source('google_data', google), source('gmail', gmail));

let client: QueryClient;
const wrapper = ({ children }: { children: ReactNode }) => (
  <QueryClientProvider client={client}>{children}</QueryClientProvider>
);
const watch = (options: ExportStatusSettings & { endpoint?: ExportEndpoint } = {}) =>
  renderHook(() => useExportStatus({ ...options, endpoint: options.endpoint ?? url }), { wrapper });
// React Query hands results to React on a 0 ms timer, which fake timers run 1 ms later when
// set during a tick: step 2 ms more so answers landing at the end of the step show.
const advance = (ms: number) =>
  act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
    await vi.advanceTimersByTimeAsync(1);
    await vi.advanceTimersByTimeAsync(1);
  });
function setHidden(hidden: boolean) {
  Object.defineProperty(document, 'visibilityState', {
    configurable: true,
    get: () => (hidden ? 'hidden' : 'visible'),
  });
  window.dispatchEvent(new Event('visibilitychange'));
}
/** Everything that might make React Query ask again: focus, visibility, network. */
function nudge() {
  setHidden(true);
  setHidden(false);
  window.dispatchEvent(new Event('focus'));
  window.dispatchEvent(new Event('offline'));
  window.dispatchEvent(new Event('online'));
}

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
  client = new QueryClient();
});
afterEach(() => {
  client.clear();
  server.resetHandlers();
  setHidden(false);
  vi.useRealTimers();
  vi.restoreAllMocks();
});
afterAll(() => server.close());

describe('useExportStatus: schedule', () => {
  it('polls on the schedule, calls back once per provider, and stops when all are ready', async () => {
    serve((n) => answer(n >= 2, n >= 4));
    const onProviderReady = vi.fn();
    const onAllReady = vi.fn();
    const { result } = watch({ onProviderReady, onAllReady });
    await advance(0);
    expect(result.current).toMatchObject({
      status: 'polling',
      ready: [],
      pending: ['google_data', 'gmail'],
      failed: [],
      allReady: false,
      settled: false,
    });
    await advance(2000);
    expect(result.current).toMatchObject({ ready: ['google_data'], pending: ['gmail'] });
    expect(onProviderReady.mock.calls).toEqual([['google_data']]);
    await advance(4000);
    expect(result.current).toMatchObject({
      status: 'ready',
      allReady: true,
      settled: true,
      error: undefined,
    });
    expect(times).toEqual([0, 2000, 4000, 6000]);
    await advance(20 * 60_000);
    nudge();
    await advance(60_000);
    expect(times).toHaveLength(4);
    expect(result.current.status).toBe('ready');
    expect(onProviderReady.mock.calls).toEqual([['google_data'], ['gmail']]);
    expect(onAllReady).toHaveBeenCalledTimes(1);
    expect(onAllReady.mock.calls[0]?.[0]).toEqual(result.current.sources);
  });

  it('waits only for the providers the app needs', async () => {
    serve(() => answer(true, false));
    const { result } = watch({ providers: ['google_data'] });
    await advance(0);
    expect(result.current).toMatchObject({ status: 'ready', ready: ['google_data'], pending: [] });
    // Every source is still listed.
    expect(result.current.sources.map((s) => s.provider)).toEqual(['google_data', 'gmail']);
    await advance(60_000);
    expect(times).toHaveLength(1);
  });

  it('stops at the time limit with timed-out, driven by a timer rather than a poll', async () => {
    serve(() => answer(false, false));
    const { result } = watch({ timeout: 60_000 });
    await advance(59_990);
    expect(result.current.status).toBe('polling');
    // 0, 2, 4, 6, 9, 13.5, 20.25, 30.4, 45.4 s: fewer than fixed 5 s polling (12).
    expect(times).toEqual([0, 2000, 4000, 6000, 9000, 13_500, 20_250, 30_375, 45_375]);
    await advance(10);
    expect(result.current).toMatchObject({
      status: 'timed-out',
      pending: ['google_data', 'gmail'],
    });
    await advance(10 * 60_000);
    nudge();
    await advance(0);
    expect(times).toHaveLength(9);
    expect(result.current.status).toBe('timed-out');
  });

  it('refetch asks again at once and restarts the schedule and the time limit', async () => {
    serve(() => answer(false, false));
    const { result } = watch({ timeout: 60_000 });
    // Steps: React renders (and the hook stops its timer) only at the end of each `act`.
    await advance(60_000);
    await advance(4 * 60_000);
    expect(result.current.status).toBe('timed-out');
    expect(times).toHaveLength(9);
    const restart = Date.now();
    act(() => result.current.refetch());
    await advance(0);
    expect(result.current.status).toBe('polling');
    await advance(15_000);
    // Back to the quick first polls, not the 15 s of a long wait.
    expect(times.slice(9).map((t) => t - restart)).toEqual([0, 2000, 4000, 6000, 9000, 13_500]);
    await advance(60_000 - 15_000 - 20);
    expect(result.current.status).toBe('polling');
    await advance(20);
    expect(result.current.status).toBe('timed-out');
  });

  it('uses the time limit of 20 minutes by default', async () => {
    serve(() => answer(false, false));
    const { result } = watch();
    await advance(20 * 60_000 - 10);
    expect(result.current.status).toBe('polling');
    await advance(10);
    expect(result.current.status).toBe('timed-out');
    const made = times.length;
    await advance(10 * 60_000);
    expect(times).toHaveLength(made);
  });

  it('uses the interval override', async () => {
    serve(() => answer(false, false));
    watch({ interval: 10_000 });
    await advance(60_000);
    expect(times).toEqual([0, 10_000, 20_000, 30_000, 40_000, 50_000, 60_000]);
  });

  it('takes changes to the schedule', async () => {
    serve(() => answer(false, false));
    watch({ interval: { initial: 1000, max: 4000 } });
    await advance(20_000);
    // 1 s while little time has passed, growing by half the time waited, capped at 4 s.
    expect(times).toEqual([0, 1000, 2000, 3000, 4500, 6750, 10_125, 14_125, 18_125]);
  });

  it('pauses while the tab is hidden and asks again as it comes back', async () => {
    serve(() => answer(false, false));
    watch();
    await advance(0);
    setHidden(true);
    await advance(5 * 60_000);
    expect(times).toEqual([0]);
    setHidden(false);
    await advance(0);
    expect(times).toHaveLength(2);
    await advance(15_000);
    expect(times).toHaveLength(3);
  });

  it('backs off on server and network errors, keeps polling, and recovers', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    serve((n) => {
      if (n > 6) return answer(true, true);
      return n % 2 ? new HttpResponse(null, { status: 503 }) : HttpResponse.error();
    });
    const { result } = watch();
    await advance(0);
    expect(result.current.status).toBe('polling');
    expect(result.current.error).toMatchObject({
      name: 'ExportStatusError',
      kind: 'server',
      status: 503,
    });
    await advance(2000);
    expect(result.current.error).toMatchObject({ kind: 'network' });
    await advance(10 * 60_000);
    // Equal-jitter backoff (random = 0): 2, 4, 8, 16 s, then half the 60 s cap.
    expect(times).toEqual([0, 2000, 6000, 14_000, 30_000, 60_000, 90_000]);
    expect(result.current).toMatchObject({ status: 'ready', error: undefined });
  });

  it('honours Retry-After on 429', async () => {
    serve((n) =>
      n === 1
        ? new HttpResponse(null, { status: 429, headers: { 'Retry-After': '120' } })
        : answer(true, true),
    );
    const { result } = watch();
    await advance(119_000);
    expect(result.current).toMatchObject({
      status: 'polling',
      error: { kind: 'rate-limited', retryAfter: 120_000 },
    });
    expect(times).toHaveLength(1);
    await advance(1000);
    expect(times).toEqual([0, 120_000]);
    expect(result.current.status).toBe('ready');
  });
});

describe('useExportStatus: failed exports (issue 9)', () => {
  it('stops polling once the only unsettled provider fails, and shows failed', async () => {
    serve((n) =>
      sources(source('google_data', true), source('gmail', false, n >= 2 ? 'failed' : 'running')),
    );
    const onAllReady = vi.fn();
    const { result } = watch({ onAllReady });
    await advance(0);
    expect(result.current).toMatchObject({ status: 'polling', pending: ['gmail'] });
    await advance(2000);
    expect(result.current).toMatchObject({
      status: 'failed',
      ready: ['google_data'],
      pending: [],
      failed: ['gmail'],
      allReady: false,
      settled: true,
      error: undefined,
    });
    expect(times).toEqual([0, 2000]);
    // No further request: not on the schedule, not on focus or reconnect, not at the limit.
    await advance(5 * 60_000);
    nudge();
    await advance(25 * 60_000);
    expect(times).toEqual([0, 2000]);
    expect(result.current.status).toBe('failed');
    expect(onAllReady).not.toHaveBeenCalled();
  });

  it('keeps polling for the other providers while one has failed', async () => {
    serve((n) => sources(source('google_data', n >= 3), source('gmail', false, 'failed')));
    const { result } = watch();
    await advance(0);
    expect(result.current).toMatchObject({
      status: 'polling',
      pending: ['google_data'],
      failed: ['gmail'],
      settled: false,
    });
    await advance(4000);
    expect(result.current).toMatchObject({ status: 'failed', ready: ['google_data'] });
    expect(times).toEqual([0, 2000, 4000]);
    await advance(30 * 60_000);
    expect(times).toHaveLength(3);
  });

  it.each(['failed', 'failure', 'error', 'errored'])('reads %s as failed', async (state) => {
    serve(() => sources(source('gmail', false, state)));
    const { result } = watch();
    await advance(60_000);
    expect(result.current).toMatchObject({ status: 'failed', failed: ['gmail'] });
    expect(times).toHaveLength(1);
  });

  it.each(['queued', 'exporting', 'fail-ish', 'FAILED_MAYBE'])(
    'keeps polling an unknown state: %s',
    async (state) => {
      serve(() => sources(source('gmail', false, state)));
      const { result } = watch();
      await advance(60_000);
      expect(result.current).toMatchObject({ status: 'polling', pending: ['gmail'], failed: [] });
      expect(times.length).toBeGreaterThan(5);
    },
  );

  it('takes its own failed states', async () => {
    serve(() =>
      sources(source('gmail', false, 'cancelled'), source('google_data', false, 'failed')),
    );
    const { result } = watch({ failedStatuses: ['cancelled'] });
    await advance(0);
    expect(result.current).toMatchObject({
      status: 'polling',
      failed: ['gmail'],
      pending: ['google_data'],
    });
    const only = watch({ failedStatuses: ['cancelled'], providers: ['gmail'] });
    await advance(60_000);
    expect(only.result.current).toMatchObject({ status: 'failed', failed: ['gmail'] });
  });

  it('a failure of a provider the app does not need does not stop it', async () => {
    serve((n) => sources(source('gmail', false, 'failed'), source('google_data', n >= 2)));
    const { result } = watch({ providers: ['google_data'] });
    await advance(0);
    expect(result.current).toMatchObject({ status: 'polling', failed: [] });
    await advance(2000);
    expect(result.current).toMatchObject({ status: 'ready', allReady: true });
  });

  it('refetch asks again after a failure', async () => {
    serve((n) => sources(source('gmail', n >= 2, n >= 2 ? 'completed' : 'failed')));
    const { result } = watch();
    await advance(60_000);
    expect(result.current.status).toBe('failed');
    act(() => result.current.refetch());
    await advance(0);
    expect(result.current.status).toBe('ready');
    expect(times).toHaveLength(2);
  });
});

describe('useExportStatus: sharing and lifecycle', () => {
  function Watcher({ onRender }: { onRender?: () => void }) {
    const { status } = useExportStatus({ endpoint: url });
    onRender?.();
    return <p>{status}</p>;
  }

  it('makes one request per poll however many components watch the endpoint', async () => {
    serve(() => answer(false, false));
    const view = render(<Watcher />, { wrapper });
    await advance(3000);
    view.rerender(
      <>
        <Watcher />
        <Watcher />
        <Watcher />
      </>,
    );
    await advance(57_000);
    // The same times as one component alone: 0, 2, 4, 6, 9, 13.5, 20.25, 30.4, 45.4 s.
    const alone: number[] = [];
    for (let t = 0; t <= 60_000; t += nextPollDelay({ elapsed: t })) alone.push(t);
    expect(times).toEqual(alone);
    expect(view.container.textContent).toBe('pollingpollingpolling');
  });

  it('makes no request after unmount, and aborts the one in flight', async () => {
    let aborted = false;
    server.use(
      http.get(`*${url}`, ({ request }) => {
        times.push(Date.now());
        return new Promise<Response>((resolve) => {
          request.signal.addEventListener('abort', () => {
            aborted = true;
            resolve(HttpResponse.error());
          });
        });
      }),
    );
    times = [];
    const { unmount } = watch();
    await advance(0);
    unmount();
    await advance(10 * 60_000);
    nudge();
    await advance(0);
    expect(times).toEqual([0]);
    expect(aborted).toBe(true);
  });

  it('makes no request after unmount between polls', async () => {
    serve(() => answer(false, false));
    const { unmount } = watch();
    await advance(3000);
    expect(times).toEqual([0, 2000]);
    unmount();
    await advance(10 * 60_000);
    nudge();
    await advance(0);
    expect(times).toEqual([0, 2000]);
  });

  it('does not re-render consumers when an answer did not change', async () => {
    serve(() => answer(true, false));
    const onRender = vi.fn();
    render(<Watcher onRender={onRender} />, { wrapper });
    await advance(0);
    const renders = onRender.mock.calls.length;
    await advance(5 * 60_000);
    expect(times.length).toBeGreaterThan(10);
    expect(onRender).toHaveBeenCalledTimes(renders);
  });

  it('uses the app client inside a QueryClientProvider', async () => {
    serve(() => answer(true, true));
    watch();
    await advance(0);
    const queries = client.getQueryCache().getAll();
    expect(queries).toHaveLength(1);
    expect(queries[0]?.queryKey.slice(0, 3)).toEqual(['react-connect-flow', 'export-status', url]);
    expect(queries[0]?.state.data).toMatchObject({ errors: 0 });
  });

  it('works without a QueryClientProvider, on a shared fallback client', async () => {
    serve(() => answer(true, true), '/api/no-provider');
    const { result } = renderHook(() => useExportStatus({ endpoint: '/api/no-provider' }));
    const second = renderHook(() => useExportStatus({ endpoint: '/api/no-provider' }));
    await advance(0);
    expect(result.current.status).toBe('ready');
    expect(second.result.current.status).toBe('ready');
    expect(times).toHaveLength(1);
  });

  it('calls the latest callbacks', async () => {
    serve((n) => answer(n >= 2, n >= 2));
    const first = vi.fn();
    const latest = vi.fn();
    const { rerender } = renderHook(
      (props: { onAllReady: () => void }) => useExportStatus({ endpoint: url, ...props }),
      { wrapper, initialProps: { onAllReady: first } },
    );
    await advance(0);
    rerender({ onAllReady: latest });
    await advance(2000);
    expect(first).not.toHaveBeenCalled();
    expect(latest).toHaveBeenCalledTimes(1);
  });

  it('calls back for a provider that was already ready at the first answer', async () => {
    serve(() => answer(true, false));
    const onProviderReady = vi.fn();
    watch({ onProviderReady });
    await advance(60_000);
    expect(onProviderReady.mock.calls).toEqual([['google_data']]);
  });

  it('under StrictMode: callbacks once per provider, one request per poll after mount', async () => {
    serve(() => answer(Date.now() >= 2000, Date.now() >= 4000));
    const onProviderReady = vi.fn();
    const onAllReady = vi.fn();
    const strict = ({ children }: { children: ReactNode }) => (
      <StrictMode>{wrapper({ children })}</StrictMode>
    );
    const { result } = renderHook(
      () => useExportStatus({ endpoint: url, onProviderReady, onAllReady }),
      { wrapper: strict },
    );
    await advance(60_000);
    // StrictMode mounts effects twice in development: the first request may be aborted and made again.
    expect(times.filter((t) => t > 0)).toEqual([2000, 4000]);
    expect(result.current.status).toBe('ready');
    expect(onProviderReady.mock.calls).toEqual([['google_data'], ['gmail']]);
    expect(onAllReady).toHaveBeenCalledTimes(1);
  });

  it('under StrictMode: a failure stops polling too', async () => {
    serve((n) => sources(source('gmail', false, n >= 2 ? 'failed' : 'running')));
    const strict = ({ children }: { children: ReactNode }) => (
      <StrictMode>{wrapper({ children })}</StrictMode>
    );
    const { result } = renderHook(() => useExportStatus({ endpoint: url }), { wrapper: strict });
    // StrictMode may make (and abort) the first request twice, depending on React's version:
    // what matters is that nothing follows the answer that settles everything.
    await advance(10_000);
    expect(result.current.status).toBe('failed');
    const settled = times.length;
    await advance(30 * 60_000);
    expect(times).toHaveLength(settled);
  });

  it('asks again when a component mounts after an error stopped polling', async () => {
    serve((n) => (n === 1 ? HttpResponse.json({}, { status: 401 }) : answer(true, true)));
    const first = watch();
    await advance(60_000);
    expect(first.result.current.status).toBe('error');
    expect(times).toHaveLength(1);
    first.unmount();
    const { result } = watch();
    await advance(0);
    expect(result.current.status).toBe('ready');
    expect(times).toHaveLength(2);
  });

  it('refetch asks again after an error stopped polling', async () => {
    serve((n) => (n === 1 ? HttpResponse.json({}, { status: 401 }) : answer(false, false)));
    const { result } = watch();
    await advance(60_000);
    expect(result.current).toMatchObject({ status: 'error', error: { kind: 'unauthorized' } });
    act(() => result.current.refetch());
    await advance(0);
    expect(result.current).toMatchObject({ status: 'polling', error: undefined });
    await advance(2000);
    expect(times).toHaveLength(3);
  });

  it('idles when disabled, and starts once enabled', async () => {
    serve(() => answer(true, true));
    const { result, rerender } = renderHook(
      ({ enabled }: { enabled: boolean }) => useExportStatus({ endpoint: url, enabled }),
      { wrapper, initialProps: { enabled: false } },
    );
    await advance(60_000);
    expect(result.current.status).toBe('idle');
    expect(times).toHaveLength(0);
    rerender({ enabled: true });
    await advance(0);
    expect(result.current.status).toBe('ready');
    expect(times).toHaveLength(1);
  });
});

describe('useExportStatus: the uid never reaches the page', () => {
  it.each([
    ['polling', () => answer(true, false)],
    ['ready', () => answer(true, true)],
    ['failed', () => sources(source('gmail', false, 'failed'))],
    [
      'with a uid inside a source',
      () => HttpResponse.json({ uid, sources: [{ ...source('gmail', true), uid }] }),
    ],
  ])('%s', async (_, respond) => {
    serve(respond);
    const onAllReady = vi.fn();
    const { result } = watch({ onAllReady });
    await advance(0);
    expect(result.current.sources.length).toBeGreaterThan(0);
    expect(JSON.stringify(result.current)).not.toContain(uid);
    expect(JSON.stringify(result.current)).not.toContain('"uid"');
    expect(JSON.stringify(onAllReady.mock.calls)).not.toContain(uid);
    expect(
      JSON.stringify(
        client
          .getQueryCache()
          .getAll()
          .map((q) => q.state.data),
      ),
    ).not.toContain(uid);
  });
});

describe('useExportStatus: odd answers never crash', () => {
  const text = (body: string, status = 200) =>
    new HttpResponse(body, { status, headers: { 'content-type': 'text/html' } });
  it.each([
    [
      'unknown providers and statuses',
      () => HttpResponse.json({ sources: [source('spotify', true, 'weird')] }),
      'ready',
      undefined,
      false,
    ],
    [
      'missing fields',
      () => HttpResponse.json({ sources: [{ provider: 'gmail' }, {}] }),
      'polling',
      undefined,
      true,
    ],
    ['no sources yet', () => HttpResponse.json({ sources: [] }), 'polling', undefined, true],
    [
      'a failed export',
      () => HttpResponse.json({ sources: [source('gmail', false, 'failed')] }),
      'failed',
      undefined,
      false,
    ],
    ['non-JSON', () => text('<!doctype html>'), 'polling', 'bad-response', true],
    [
      'JSON without sources',
      () => HttpResponse.json({ detail: 'ok' }),
      'polling',
      'bad-response',
      true,
    ],
    [
      '401',
      () => HttpResponse.json({ detail: 'Invalid token' }, { status: 401 }),
      'error',
      'unauthorized',
      false,
    ],
    ['403', () => HttpResponse.json({}, { status: 403 }), 'error', 'unauthorized', false],
    ['422', () => HttpResponse.json({ detail: [] }, { status: 422 }), 'error', 'invalid', false],
    ['500', () => text('oops', 500), 'polling', 'server', true],
    ['503', () => HttpResponse.json({}, { status: 503 }), 'polling', 'server', true],
    ['a network failure', () => HttpResponse.error(), 'polling', 'network', true],
  ] as const)('%s', async (_, respond, status, kind, keepsPolling) => {
    serve(respond);
    const { result } = watch();
    await advance(0);
    expect(result.current.status).toBe(status);
    expect(result.current.error).toEqual(kind ? expect.objectContaining({ kind }) : undefined);
    await advance(60_000);
    expect(result.current.status).toBe(status);
    if (keepsPolling) expect(times.length).toBeGreaterThan(1);
    else expect(times).toHaveLength(1);
  });

  it('a 404 is pending for two minutes (the user may not exist yet), then an error', async () => {
    serve(() => HttpResponse.json({ detail: 'User not found' }, { status: 404 }));
    const { result } = watch();
    await advance(60_000);
    expect(result.current).toMatchObject({ status: 'polling', error: undefined });
    await advance(75_000);
    expect(result.current).toMatchObject({ status: 'error', error: { kind: 'not-found' } });
    const made = times.length;
    await advance(5 * 60_000);
    expect(times).toHaveLength(made);
  });

  it('a function endpoint that throws or returns a Response', async () => {
    let calls = 0;
    const endpoint = async (signal: AbortSignal) => {
      calls++;
      if (calls === 1) throw new Error('offline');
      return fetch(url, { signal });
    };
    serve(() => answer(true, true));
    const { result } = watch({ endpoint });
    await advance(0);
    expect(result.current).toMatchObject({ status: 'polling', error: { kind: 'network' } });
    await advance(5000);
    expect(result.current).toMatchObject({ status: 'ready', error: undefined });
    expect(calls).toBe(2);
  });

  it('a function endpoint that returns the body', async () => {
    const endpoint = vi.fn(() => Promise.resolve({ uid, sources: [source('gmail', true)] }));
    const { result } = watch({ endpoint });
    await advance(0);
    expect(result.current).toMatchObject({ status: 'ready', ready: ['gmail'] });
    expect(endpoint).toHaveBeenCalledTimes(1);
    expect(endpoint.mock.calls[0]).toEqual([expect.any(AbortSignal)]);
  });
});
