'use client';
import { QueryClient, QueryClientContext, useQuery } from '@tanstack/react-query';
import { useContext, useEffect, useId, useReducer, useRef, useState } from 'react';
import { loadExportStatus, type ExportEndpoint } from '../core/export/exportFetch';
import { isPastDeadline, pollExportStatus, type ExportPoll } from '../core/export/exportPoll';
import {
  exportReadiness,
  type ExportReadiness,
  type ExportSource,
} from '../core/export/exportStatus';
import { defaultPollSchedule, type PollSchedule } from '../core/export/pollSchedule';

export interface UseExportStatusOptions {
  /**
   * The app's own status endpoint, never the provider (its token is server-only): a URL
   * (GET, same-origin credentials; components watching the same URL share one request per
   * poll) or a function given an `AbortSignal` that returns the body or a `Response`.
   */
  endpoint: ExportEndpoint;
  /** Providers the app needs. Defaults to every provider the endpoint lists. */
  providers?: readonly string[] | undefined;
  /** A fixed delay in ms, or changes to `defaultPollSchedule`. */
  interval?: number | Partial<PollSchedule> | undefined;
  /** ms before giving up with `timed-out`. Defaults to 20 minutes (exports take 1 to 15). */
  timeout?: number | undefined;
  /** `export_status` values that mean a provider's export failed. Defaults to `failedExportStatuses`. */
  failedStatuses?: readonly string[] | undefined;
  /** Defaults to true. */
  enabled?: boolean | undefined;
  /** Called once each time a needed provider turns ready (also for one already ready). */
  onProviderReady?: ((provider: string) => void) | undefined;
  /** Called once when every needed provider is ready. */
  onAllReady?: ((sources: ExportSource[]) => void) | undefined;
}

/** `failed`: nothing is left to wait for, and some provider's export failed. */
export type ExportStatusState = 'idle' | 'polling' | 'ready' | 'failed' | 'timed-out' | 'error';

export interface UseExportStatusResult extends ExportReadiness {
  status: ExportStatusState;
  sources: ExportSource[];
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
function fallback(): QueryClient {
  if (typeof window === 'undefined') return new QueryClient();
  if (!fallbackClient) {
    fallbackClient = new QueryClient();
    fallbackClient.mount();
  }
  return fallbackClient;
}

// Module-level so its result is memoised and structurally shared: a poll whose answer did not
// change leaves `data` as it was, and consumers do not re-render.
const select = ({ report, error, deadline }: ExportPoll) => ({ report, error, deadline });

function scheduleOf(interval: UseExportStatusOptions['interval']): PollSchedule {
  if (typeof interval === 'number')
    return { ...defaultPollSchedule, initial: interval, max: interval };
  return { ...defaultPollSchedule, ...interval };
}

interface StateInputs {
  enabled: boolean;
  readiness: ExportReadiness;
  fatal: boolean;
  timedOut: boolean;
}

function stateOf({ enabled, readiness, fatal, timedOut }: StateInputs): ExportStatusState {
  if (!enabled) return 'idle';
  if (readiness.allReady) return 'ready';
  if (readiness.settled) return 'failed';
  if (fatal) return 'error';
  if (timedOut) return 'timed-out';
  return 'polling';
}

/** Calls back once per transition (StrictMode included): each provider ready, then all. */
function useReadinessCallbacks(
  readiness: ExportReadiness,
  sources: ExportSource[],
  options: UseExportStatusOptions,
) {
  const announced = useRef<ExportReadiness>(undefined);
  useEffect(() => {
    const previous = announced.current;
    announced.current = readiness;
    for (const name of readiness.ready) {
      if (!previous?.ready.includes(name)) options.onProviderReady?.(name);
    }
    if (readiness.allReady && !previous?.allReady) options.onAllReady?.(sources);
  });
}

/** Whether `deadline` has passed: a timer flips it, so `timed-out` shows without another poll. */
function useDeadline(deadline: number | undefined): boolean {
  const [passed, setPassed] = useState<number | undefined>(undefined);
  useEffect(() => {
    if (deadline === undefined) return;
    const timer = setTimeout(() => setPassed(deadline), Math.max(0, deadline - Date.now()));
    return () => clearTimeout(timer);
  }, [deadline]);
  return deadline !== undefined && passed === deadline;
}

/**
 * Polls the app's export-status endpoint until every needed provider has `data_ready: true`
 * or has failed, or until `timeout` (status `timed-out`). Built on React Query: inside a
 * `QueryClientProvider` it uses the app's client; without one, a shared client of its own.
 *
 * - Schedule: `defaultPollSchedule` (2 s growing to 15 s), paused while the tab is hidden,
 *   asked again when it comes back into view or back online.
 * - Errors: 401/403 and 422 (and other 4xx) stop polling with status `error`; 5xx, network
 *   failures, odd bodies back off and keep polling; 429 waits for `Retry-After`; a 404 counts
 *   as "still preparing" for `notFoundGrace`.
 * - Nothing is requested after unmount: the request in flight is aborted.
 */
export function useExportStatus(options: UseExportStatusOptions): UseExportStatusResult {
  const { endpoint, providers, failedStatuses, enabled = true } = options;
  const client = useContext(QueryClientContext) ?? fallback();
  // A function endpoint is usually an inline arrow: key it by component, not by identity.
  const id = useId();
  const [run, restart] = useReducer((count: number) => count + 1, 0);
  const key = [
    'react-connect-flow',
    'export-status',
    typeof endpoint === 'string' ? endpoint : id,
    run,
  ];
  const [settings] = useState(() => ({
    schedule: scheduleOf(options.interval),
    timeLimit: options.timeout,
  }));
  const result = useQuery(
    {
      queryKey: key,
      // The observer keeps the latest options, so this reads the latest `endpoint`.
      queryFn: ({ signal }) => {
        const previous = client.getQueryData<ExportPoll>(key);
        // A timer that fires past the deadline, before React re-rendered: nothing more to ask.
        if (previous && isPastDeadline(previous)) return previous;
        return pollExportStatus(previous, () => loadExportStatus(endpoint, signal), settings);
      },
      select,
      retry: false,
      // Evaluated on every change of the query: once settled or out of time, this observer
      // stops its timer and its focus and reconnect refetches.
      enabled: ({ state }) =>
        enabled &&
        !isPastDeadline(state.data) &&
        !exportReadiness(state.data?.report, providers, failedStatuses).settled,
      // Fresh until the next poll is due: a component mounting in between, or a tab regaining
      // focus, reuses the answer instead of asking again.
      staleTime: ({ state }) => (state.data?.next ?? 0) - state.dataUpdatedAt,
      // Every observer aims at the same due time, so several components share one request.
      // The floor keeps a hidden tab's skipped ticks cheap.
      refetchInterval: ({ state }) =>
        state.data && state.status !== 'error' && Math.max(500, state.data.next - Date.now()),
    },
    client,
  );
  const sources = result.data?.report?.sources ?? [];
  const readiness = exportReadiness(result.data?.report, providers, failedStatuses);
  useReadinessCallbacks(readiness, sources, options);
  const timedOut = useDeadline(result.data?.deadline);
  const status = stateOf({ enabled, readiness, fatal: !!result.error, timedOut });
  const refetch = () => restart();
  return {
    status,
    sources,
    ...readiness,
    error: result.error ?? result.data?.error ?? undefined,
    refetch,
  };
}
