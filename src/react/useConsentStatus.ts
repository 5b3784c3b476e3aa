'use client';
import { consentStatusPath, eventsPath } from '../core/wire/protocol';
import { useQuery } from '@tanstack/react-query';
import {
  loadConsentStatus,
  ConsentStatusError,
  type ProviderConsent,
} from '../core/export/consentStatus';
import { sharedEventStreams } from '../core/export/eventStreams';
import { fatalExportErrors } from '../core/export/exportFetch';
import { useQueryClientOrFallback } from './queryClient';
import { useEventStream } from './useEventStream';

export interface UseConsentStatusOptions {
  /** Where `react-connect-flow/server`'s handler is mounted, e.g. `/api/connect`. */
  basePath: string;
  /**
   * The events stream whose `consent` events trigger a read. Defaults to `${basePath}/events`;
   * `false` reads on mount and on `refetch()` only.
   */
  events?: string | false | undefined;
  /** Defaults to true. */
  enabled?: boolean | undefined;
}

export type ConsentStatusState = 'loading' | 'ready' | 'error';

export interface UseConsentStatusResult {
  /** `error` when the last read failed (the last good `providers` are kept). */
  status: ConsentStatusState;
  providers: ProviderConsent[];
  /** A `ConsentStatusError`: `unauthorized` (401, 403), `bad-response`, `server`, ... */
  error: Error | undefined;
  /** Reads again now. */
  refetch: () => void;
}

const isFatal = (error: Error) =>
  error instanceof ConsentStatusError && fatalExportErrors.has(error.kind);

/**
 * Each provider's consent (`active`, `expiring` with `daysLeft`, `revoked`, `none`), from the
 * server half's `{basePath}/consent-status`: read on mount, again after each `consent` event
 * and each reopening or failure of the shared events stream, and on `refetch()`. A 401 or 403
 * stops listening. A malformed answer is an error, never a crash. Built on React Query, like
 * `useExportStatus` (the app's client, or a shared one of the package's own).
 */
export function useConsentStatus(options: UseConsentStatusOptions): UseConsentStatusResult {
  const { basePath, enabled = true } = options;
  const url = basePath + consentStatusPath;
  const events = options.events === false ? undefined : (options.events ?? basePath + eventsPath);
  const client = useQueryClientOrFallback();
  const key = ['react-connect-flow', 'consent-status', url];
  const result = useQuery(
    {
      queryKey: key,
      queryFn: async ({ signal }) => {
        if (events && !client.getQueryData(key)) {
          // After this commit's effects, which open the stream: read once it is open (or in
          // 2 s at most), so the opening joins this read and no event falls in between.
          await Promise.resolve();
          await sharedEventStreams().whenOpen(events, 2000);
          signal.throwIfAborted();
        }
        return loadConsentStatus(url, signal);
      },
      enabled,
      // Consent changes in days: fresh until the stream or the app says otherwise.
      staleTime: Infinity,
      // Soft failures (5xx, network, odd bodies) get two more tries; 401/403/4xx none.
      retry: (failures, error) => failures < 2 && !isFatal(error),
    },
    client,
  );
  const listening = enabled && !(result.error && isFatal(result.error));
  useEventStream(listening ? events : undefined, (signal) => {
    if (signal.type === 'event' && signal.name === 'export') return;
    // A failure reads too: a 401 behind it stops listening. The first opening joins the
    // mount read, which waits for it.
    void result.refetch({ cancelRefetch: false });
  });
  let status: ConsentStatusState = 'loading';
  if (result.error) status = 'error';
  else if (result.data) status = 'ready';
  return {
    status,
    providers: result.data ?? [],
    error: result.error ?? undefined,
    refetch: () => void result.refetch(),
  };
}
