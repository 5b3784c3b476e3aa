import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup } from '@testing-library/react';
import type { ReactNode } from 'react';
import { FakeEventSource } from '../core/export/fakeEventSource';

export { FakeEventSource };

export const basePath = '/api/connect';
export const eventsUrl = `${basePath}/events`;

/** A fetch stub: answers by path, and records each request's path and time. */
export function stubFetch(answers: Record<string, (n: number) => Response>) {
  const requests: { path: string; at: number }[] = [];
  const fetch = vi.fn((input: string) => {
    const path = new URL(input, 'http://localhost').pathname;
    requests.push({ path, at: Date.now() });
    const answer = answers[path];
    if (!answer) return Promise.reject(new TypeError(`no answer for ${path}`));
    return Promise.resolve(answer(requests.filter((request) => request.path === path).length));
  });
  vi.stubGlobal('fetch', fetch);
  /** The times of the requests to `path`. */
  const times = (path: string) =>
    requests.filter((request) => request.path === path).map((request) => request.at);
  return { requests, times };
}

export const exportAnswer = (ready: boolean) =>
  Response.json({
    uid: 'psub_d4e5f6789012345678901234abcdef01',
    sources: [{ provider: 'google_data', data_ready: ready, export_status: 'running' }],
  });

/** Steps fake time; React Query hands results over on 0 ms timers, hence the extra steps. */
export const advance = (ms: number) =>
  act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
    await vi.advanceTimersByTimeAsync(1);
    await vi.advanceTimersByTimeAsync(1);
  });

/** Drives the latest EventSource inside `act`, then lets the reads it causes land. */
export async function stream(drive: (source: FakeEventSource) => void) {
  const source = FakeEventSource.all.at(-1);
  if (!source) throw new Error('no EventSource');
  await act(async () => drive(source));
  await advance(0);
}

export function setHidden(hidden: boolean) {
  Object.defineProperty(document, 'visibilityState', {
    configurable: true,
    get: () => (hidden ? 'hidden' : 'visible'),
  });
  document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
}

export function newClient() {
  const client = new QueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  );
  return { client, wrapper };
}

/** Fake timers at 0, a fake EventSource, and a visible tab; undone after each test. */
export function setUpStreamEnvironment() {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
    FakeEventSource.reset();
    vi.stubGlobal('EventSource', FakeEventSource);
  });
  afterEach(async () => {
    cleanup();
    // Let the registry close what the unmounted components watched, on the fake timers.
    await Promise.resolve();
    setHidden(false);
    vi.useRealTimers();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });
}
