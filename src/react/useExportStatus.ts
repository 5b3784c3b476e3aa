'use client';
import { eventsPath, exportStatusPath } from '../core/wire/protocol';
import { useQuery, type QueryClient, type QueryState } from '@tanstack/react-query';
import { sharedEventStreams } from '../core/export/eventStreams';
import { useEffect, useId, useReducer, useRef, useState } from 'react';
import { loadExportStatus, type ExportEndpoint } from '../core/export/exportFetch';
import { isPastDeadline, pollExportStatus, type ExportPoll } from '../core/export/exportPoll';
import {
  exportReadiness,
  type ExportReadiness,
  type ExportReport,
  type ExportSource,
} from '../core/export/exportStatus';
import { defaultPollSchedule, type PollSchedule } from '../core/export/pollSchedule';
import { useQueryClientOrFallback } from './queryClient';
import { useEventStream } from './useEventStream';

/** Where the status comes from: an `endpoint`, or the server half's `basePath`, or both. */
export type ExportStatusAddress =
  | {
      /**
       * The app's own status endpoint, never the provider (its token is server-only): a URL
       * (GET, same-origin credentials; components watching the same URL share one request per
       * poll) or a function given an `AbortSignal` that returns the body or a `Response`.
       * Defaults to `${basePath}/export-status`.
       */
      endpoint: ExportEndpoint;
      /** Where `react-connect-flow/server`'s handler is mounted, e.g. `/api/connect`. */
      basePath?: string | undefined;
    }
  | { basePath: string; endpoint?: undefined };

export type UseExportStatusOptions = ExportStatusAddress & ExportStatusSettings;

/** Everything but the address: the stream, the providers needed, the schedule, the callbacks. */
export interface ExportStatusSettings {
  /**
   * The server-sent events stream that says when to read again (the server half's
   * `{basePath}/events`): while it is open, nothing is polled. Defaults to
   * `${basePath}/events` with `basePath`, else none; `false` turns it off.
   */
  events?: string | false | undefined;
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

// Module-level so its result is memoised and structurally shared: a poll whose answer did not
// change leaves `data` as it was, and consumers do not re-render.
const select = ({ report, error, deadline }: ExportPoll) => ({ report, error, deadline });

/** The status endpoint and the events stream's URL, from the options. */
function addressesOf(options: UseExportStatusOptions) {
  const { basePath, events } = options;
  const endpoint: ExportEndpoint = options.endpoint ?? `${basePath}${exportStatusPath}`;
  if (events === false) return { endpoint, events: undefined };
  return {
    endpoint,
    events: events ?? (basePath === undefined ? undefined : basePath + eventsPath),
  };
}

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

interface QueryInputs {
  key: readonly unknown[];
  client: QueryClient;
  endpoint: ExportEndpoint;
  /** The stream's URL: the first read waits (briefly) for it to open. */
  events: string | undefined;
  /** The stream is open or opening: reads come from its signals, not from a schedule. */
  live: boolean;
  settings: { schedule: PollSchedule; timeLimit: number | undefined };
  needed: (report: ExportReport | undefined) => ExportReadiness;
  enabled: boolean;
}

function exportQuery(inputs: QueryInputs) {
  const { key, client, endpoint, events, live, settings, needed, enabled } = inputs;
  return {
    queryKey: key,
    // The observer keeps the latest options, so this reads the latest `endpoint`.
    queryFn: async ({ signal }: { signal: AbortSignal }) => {
      const previous = client.getQueryData<ExportPoll>(key);
      // A timer that fires past the deadline, before React re-rendered: nothing more to ask.
      if (previous && isPastDeadline(previous)) return previous;
      if (!previous && events) {
        // After this commit's effects, which open the stream: a read made once it is open
        // misses no event.
        await Promise.resolve();
        await sharedEventStreams().whenOpen(events, settings.schedule.initial);
        // StrictMode's first mount let go of this read while it waited: ask nothing.
        signal.throwIfAborted();
      }
      return pollExportStatus(previous, () => loadExportStatus(endpoint, signal), settings);
    },
    select,
    retry: false,
    // Evaluated on every change of the query: once settled or out of time, this observer
    // stops its timer and its focus and reconnect refetches.
    enabled: ({ state }: { state: QueryState<ExportPoll> }) =>
      enabled && !isPastDeadline(state.data) && !needed(state.data?.report).settled,
    // Fresh until the next poll is due (while the stream is open, until it signals): a
    // component mounting in between, or a tab regaining focus, reuses the answer.
    staleTime: ({ state }: { state: QueryState<ExportPoll> }) =>
      live ? Infinity : (state.data?.next ?? 0) - state.dataUpdatedAt,
    // Every observer aims at the same due time, so several components share one request.
    // The floor keeps a hidden tab's skipped ticks cheap. None while the stream is open.
    refetchInterval: ({ state }: { state: QueryState<ExportPoll> }) =>
      !live &&
      !!state.data &&
      state.status !== 'error' &&
      Math.max(500, state.data.next - Date.now()),
  };
}

/**
 * Follows the app's export-status endpoint until every needed provider has `data_ready: true`
 * or has failed, or until `timeout` (status `timed-out`). Built on React Query: inside a
 * `QueryClientProvider` it uses the app's client; without one, a shared client of its own.
 *
 * - With `events` (or `basePath`): one read on mount, once the shared stream is open, then one
 *   after each `export` event and each reopening, and no polling while the stream is open. A
 *   stream that cannot open, or fails three times in a row, hands over to polling, and is tried
 *   again after 60 s, doubling up to 10 minutes.
 * - Otherwise, a schedule: `defaultPollSchedule` (2 s growing to 15 s), paused while the tab is
 *   hidden, asked again when it comes back into view or back online.
 * - Errors: 401/403 and 422 (and other 4xx) stop polling and the stream with status `error`;
 *   5xx, network failures, odd bodies back off and keep polling; 429 waits for `Retry-After`;
 *   a 404 counts as "still preparing" for `notFoundGrace`.
 * - Nothing is requested after unmount: the request in flight is aborted.
 */
export function useExportStatus(options: UseExportStatusOptions): UseExportStatusResult {
  const { providers, failedStatuses, enabled = true } = options;
  const { endpoint, events } = addressesOf(options);
  const client = useQueryClientOrFallback();
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
  const [fallback, setFallback] = useState(false);
  const needed = (report: ExportReport | undefined) =>
    exportReadiness(report, providers, failedStatuses);
  const live = events !== undefined && !fallback;
  const query = exportQuery({ key, client, endpoint, events, live, settings, needed, enabled });
  const result = useQuery(query, client);
  const sources = result.data?.report?.sources ?? [];
  const readiness = needed(result.data?.report);
  useReadinessCallbacks(readiness, sources, options);
  const timedOut = useDeadline(result.data?.deadline);
  const status = stateOf({ enabled, readiness, fatal: !!result.error, timedOut });
  // Push is a hint: each signal (opened, an export event, a failure) means one read.
  useEventStream(
    status === 'polling' ? events : undefined,
    (signal) => {
      if (signal.type === 'event' && signal.name === 'consent') return;
      void result.refetch({ cancelRefetch: false });
    },
    setFallback,
  );
  const refetch = () => restart();
  return {
    status,
    sources,
    ...readiness,
    error: result.error ?? result.data?.error ?? undefined,
    refetch,
  };
}
