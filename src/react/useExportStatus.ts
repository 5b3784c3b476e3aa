import { QueryClient, QueryClientContext, useQuery } from '@tanstack/react-query';
import { useContext, useEffect, useId, useRef, useState } from 'react';
import {
  loadExportStatus,
  pollExportStatus,
  type ExportEndpoint,
  type ExportPoll,
} from '../core/exportFetch';
import { exportReadiness, type ExportSource } from '../core/exportStatus';
import { defaultPollSchedule, type PollSchedule } from '../core/pollSchedule';

export interface UseExportStatusOptions {
  /**
   * The app's own status endpoint, never the provider (its token is server-only): a URL
   * (GET, same-origin credentials; components watching the same URL share one request per
   * poll) or a function given an `AbortSignal` that returns the body or a `Response`.
   */
  endpoint: ExportEndpoint;
  /** Providers the app needs. Defaults to every provider the endpoint lists. */
  providers?: readonly string[] | undefined;
  /** A fixed delay in ms, or changes to {@link defaultPollSchedule}. */
  interval?: number | Partial<PollSchedule> | undefined;
  /** ms before giving up with `timed-out`. Defaults to 20 minutes (exports take 1 to 15). */
  timeout?: number | undefined;
  /** Defaults to true. */
  enabled?: boolean | undefined;
  /** Called once each time a needed provider turns ready (also for one already ready). */
  onProviderReady?: ((provider: string) => void) | undefined;
  /** Called once when every needed provider is ready. */
  onAllReady?: ((sources: ExportSource[]) => void) | undefined;
}

export type ExportStatusState = 'idle' | 'polling' | 'ready' | 'timed-out' | 'error';

export interface UseExportStatusResult {
  status: ExportStatusState;
  sources: ExportSource[];
  ready: string[];
  /** Needed providers not ready yet, including the failed ones. */
  pending: string[];
  /** Pending providers whose export reads as failed (the provider retries them). */
  failed: string[];
  allReady: boolean;
  /** The error that stopped polling, else the last soft error (cleared by a good answer). */
  error: Error | undefined;
  /** Polls now and restarts the time limit. */
  refetch: () => void;
}

/**
 * Without a `QueryClientProvider`: a single shared client created on first use in the browser
 * (mounted, so focus and reconnect refetch work); on the server a throwaway client, since
 * nothing is fetched there.
 */
let fallbackClient: QueryClient | undefined;
function fallback() {
  if (typeof window === 'undefined') return new QueryClient();
  if (!fallbackClient) (fallbackClient = new QueryClient()).mount();
  return fallbackClient;
}

// Module-level so its result is memoised and structurally shared: a poll whose answer did not
// change leaves `data` as it was, and consumers do not re-render.
const select = ({ status, error }: ExportPoll) => ({ status, error });

/**
 * Polls the app's export-status endpoint until every needed provider has `data_ready: true`,
 * or until `timeout` (status `timed-out`). Built on React Query: inside a
 * `QueryClientProvider` it uses the app's client; without one it uses a shared client of its
 * own (created on first use in the browser), so it works either way.
 *
 * - Schedule: {@link defaultPollSchedule} (2 s growing to 15 s), paused while the tab is
 *   hidden, asked again when it comes back into view or back online.
 * - Errors: 401/403 and 422 (and other 4xx) stop polling with status `error`; 5xx, network
 *   failures, non-JSON bodies and answers without `sources` back off and keep polling, with
 *   the last one in `error`; 429 waits for `Retry-After`.
 * - 404: the user may not exist yet right after consent, so for the first 2 minutes
 *   (`notFoundGrace`) it counts as "still preparing"; after that it stops with `error`.
 * - Components watching the same URL share one request per poll; a function endpoint is
 *   polled per component. Nothing is requested after unmount: the request in flight is aborted.
 */
export function useExportStatus(options: UseExportStatusOptions): UseExportStatusResult {
  const { endpoint, providers, interval, timeout = 1_200_000, enabled = true } = options;
  const client = useContext(QueryClientContext) ?? fallback();
  // A function endpoint is usually an inline arrow: key it by component, not by identity.
  const id = useId();
  const key = ['react-connect-flow', 'export-status', typeof endpoint === 'string' ? endpoint : id];

  const [run, setRun] = useState(0);
  const [timedOut, setTimedOut] = useState(false);
  useEffect(() => {
    if (!enabled) return;
    const timer = setTimeout(setTimedOut, timeout, true);
    return () => {
      clearTimeout(timer);
      setTimedOut(false);
    };
  }, [enabled, timeout, run]);

  const result = useQuery(
    {
      queryKey: key,
      // The observer keeps the latest options, so this reads the latest `endpoint`.
      queryFn: ({ signal }) =>
        pollExportStatus(
          client.getQueryData<ExportPoll>(key),
          () => loadExportStatus(endpoint, signal),
          {
            ...defaultPollSchedule,
            ...(typeof interval === 'number' ? { initial: interval, max: interval } : interval),
          },
        ),
      select,
      retry: false,
      // Evaluated on every change of the query: once done or out of time, this observer stops
      // its timer and its focus and reconnect refetches.
      enabled: (query) =>
        enabled && !timedOut && !exportReadiness(query.state.data?.status, providers).allReady,
      // Fresh until the next poll is due: a component mounting in between, or a tab regaining
      // focus, reuses the answer instead of asking again.
      staleTime: (query) => (query.state.data?.next ?? 0) - query.state.dataUpdatedAt,
      // Every observer aims at the same due time, so several components share one request
      // (a tick during a request joins it); none after an error that stops polling. The floor
      // keeps a hidden tab's skipped ticks cheap.
      refetchInterval: ({ state }) =>
        state.data && state.status !== 'error' && Math.max(500, state.data.next - Date.now()),
    },
    client,
  );

  const data = result.data;
  const sources = data?.status?.sources ?? [];
  const readiness = exportReadiness(data?.status, providers);

  // What was last announced, so each transition calls back once (StrictMode included).
  const announced = useRef<typeof readiness>(undefined);
  useEffect(() => {
    const previous = announced.current;
    announced.current = readiness;
    for (const name of readiness.ready)
      if (!previous?.ready.includes(name)) options.onProviderReady?.(name);
    if (readiness.allReady && !previous?.allReady) options.onAllReady?.(sources);
  });

  const fatal = result.error;
  const status: ExportStatusState = !enabled
    ? 'idle'
    : readiness.allReady
      ? 'ready'
      : fatal
        ? 'error'
        : timedOut
          ? 'timed-out'
          : 'polling';
  const refetch = () => {
    setRun(run + 1);
    void result.refetch();
  };
  return { status, sources, ...readiness, error: fatal ?? data?.error, refetch };
}
