'use client';
import { QueryClient, QueryClientContext } from '@tanstack/react-query';
import { useContext } from 'react';

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

/** The app's React Query client, or the package's own shared one. */
export function useQueryClientOrFallback(): QueryClient {
  return useContext(QueryClientContext) ?? fallback();
}
