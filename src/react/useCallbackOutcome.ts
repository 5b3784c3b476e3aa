'use client';
import { useEffect, useInsertionEffect, useRef, useState, useSyncExternalStore } from 'react';
import { CallbackPage, type CallbackView } from '../core/page/callbackPage';
import type { ConnectEvent } from '../core/browser/connectEvent';
import type { OutcomeSummary } from '../core/model/outcomeSummary';
import { builtInProviders } from '../core/model/providers/index';
import type { AnyProviderAdapter, ConnectOutcome, SuccessOutcome } from '../core/model/types';

export interface UseCallbackOutcomeOptions {
  /** The callback URL or query string. Defaults to the address, read in the browser. */
  url?: string | undefined;
  /** The adapters a callback may come from. Defaults to the three built-in ones. */
  providers?: readonly AnyProviderAdapter[] | undefined;
  /** The state of a flow the app started itself (a link its server made). */
  expectedState?: string | undefined;
  /** The Gigs session id of a flow the app started itself. */
  expectedSessionId?: string | undefined;
  /** An outcome the server half verified (`readResultCookie` on the server): shown as it is. */
  verified?: OutcomeSummary | undefined;
  /** Where `react-connect-flow/server`'s handler is mounted: its verified results are read there. */
  basePath?: string | undefined;
  /** Called once per callback, with every outcome. */
  onOutcome?: ((outcome: ConnectOutcome) => void) | undefined;
  /** Called once per callback, on success. */
  onSuccess?: ((outcome: SuccessOutcome) => void) | undefined;
  /**
   * The end of a `useConnect` redirect attempt that returned here: `returned`, then one
   * `outcome`, with the attempt's id and time since the press (see `useConnect`'s `onEvent`).
   */
  onEvent?: ((event: ConnectEvent) => void) | undefined;
}

export type { CallbackView as CallbackOutcome };

/**
 * The callback page's logic without its markup: a thin adapter over the core's
 * `CallbackPage`. The server and hydration render from the options alone; the browser then
 * reads the address and the stored flow, and acts once (scrub, relay or call back).
 */
export function useCallbackOutcome(options: UseCallbackOutcomeOptions = {}): CallbackView {
  // One page per mount; reading has no side effects, so StrictMode's second instance is harmless.
  const [page] = useState(
    () => new CallbackPage({ ...options, providers: options.providers ?? builtInProviders }),
  );
  const latest = useRef(options);
  useInsertionEffect(() => {
    latest.current = options;
  });
  const view = useSyncExternalStore(page.subscribe, page.getSnapshot, page.getServerSnapshot);
  useEffect(() => page.settle(() => latest.current), [page]);
  return view;
}
