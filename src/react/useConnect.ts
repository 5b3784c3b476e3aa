'use client';
import { useEffect, useInsertionEffect, useState, useSyncExternalStore } from 'react';
import {
  createConnectFlow,
  type ConnectOptions,
  type ConnectSnapshot,
} from '../core/flow/connectFlow';
import type { AnyProviderAdapter } from '../core/model/types';

export interface UseConnectResult extends ConnectSnapshot {
  /** Starts a flow. Call it in the click handler: the popup opens synchronously. */
  open: () => void;
  /** Closes the popup and ends the running flow as `cancelled`. */
  close: () => void;
  /** Ends any running flow without callbacks, and returns to `idle`. */
  reset: () => void;
}

/**
 * Starts a hosted Connect flow (popup, redirect, or popup with redirect fallback) and hands
 * back one typed outcome. A thin adapter over `createConnectFlow`.
 */
export function useConnect<A extends AnyProviderAdapter>(
  options: ConnectOptions<A>,
): UseConnectResult {
  // One controller per hook instance; creating it has no side effects (StrictMode may make two).
  const [flow] = useState(() => createConnectFlow(options));
  // The latest options (callbacks above all), before any event handler can run.
  useInsertionEffect(() => flow.setOptions(options));
  // The same snapshot on the server and while hydrating: `idle` until `open()`.
  const { status, outcome } = useSyncExternalStore(
    flow.subscribe,
    flow.getSnapshot,
    flow.getSnapshot,
  );
  // Mounted: the flow's code loads ahead of the first press. Unmount closes the popup and
  // removes every listener and timer; StrictMode's simulated unmount finds nothing running:
  // flows start only from `open()`.
  useEffect(() => {
    flow.preload();
    return flow.reset;
  }, [flow]);
  return { status, outcome, open: flow.open, close: flow.close, reset: flow.reset };
}
