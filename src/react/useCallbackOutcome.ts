import { useEffect, useReducer, useState } from 'react';
import { consumeFlowContext, safeReturnPath, type FlowContext } from '../core/flowContext';
import { createOutcome } from '../core/outcome';
import { parseCallback } from '../core/parseCallback';
import { queryOf } from '../core/parseQuery';
import { providers } from '../core/providers/index';
import { relayCallback } from '../core/relay';
import { removeCallbackParams } from '../core/callbackUrl';
import type { ConnectOutcome, OutcomeParts, ProviderAdapter, ProviderId } from '../core/types';

export interface UseCallbackOutcomeOptions {
  /** The callback URL or query string. Defaults to `window.location.href`, read on mount. */
  url?: string | undefined;
  /** The provider. Defaults to the one the stored flow names, else detected from the URL. */
  provider?: ProviderId | ProviderAdapter<never> | undefined;
  /** The state of a link the app's own server made. Defaults to the stored flow's state. */
  expectedState?: string | undefined;
  /** Called once per callback URL, with every outcome. */
  onOutcome?: ((outcome: ConnectOutcome) => void) | undefined;
  /** Called once per callback URL, on success. */
  onSuccess?: ((outcome: ConnectOutcome & { screen: 'success' }) => void) | undefined;
}

export interface CallbackOutcome {
  /** `undefined` only on a server with no `url`: nothing to show there. */
  outcome: ConnectOutcome | undefined;
  /** Where the flow started: a same-origin path, from the stored flow only. */
  returnTo: string | undefined;
  /** This popup relayed its outcome to the opener but could not close itself. */
  closeHint: boolean;
}

interface Entry {
  outcome: ConnectOutcome;
  returnTo: string | undefined;
  flow: FlowContext | undefined;
  /** Acted on, or restored from history (shown again, never acted on again). */
  done: boolean;
  /** A popup whose opener took the relay but that could not close itself. */
  closeHint?: boolean;
  /** Re-renders the page showing this entry when the relay settles. */
  notify?: (() => void) | undefined;
}

/** What a reload of the scrubbed URL needs: no uid, session id, connection id or raw params. */
type Saved = [provider: string, parts: OutcomeParts, returnTo: string | undefined];

// Per callback URL, not per component: StrictMode's double render and any re-render or
// remount find the same entry, so the flow is consumed once and the callbacks run once.
const entries = new Map<string, Entry>();

/** A built-in adapter by id: ids from the stored flow or the parsed outcome, never the URL. */
const known = (id: string | undefined) =>
  providers[id as ProviderId] as ProviderAdapter<never> | undefined;

function read(href: string, options: UseCallbackOutcomeOptions): Entry {
  const flow = consumeFlowContext();
  const outcome = parseCallback(href, {
    provider: options.provider ?? known(flow?.provider),
    expectedState: options.expectedState ?? flow?.state,
    expectedSessionId: flow?.sessionId,
    reconnect: flow?.reconnect,
  });
  // A reload of the scrubbed address (no callback parameters left, and `href` is the address
  // or its tail, as a router's `location.search`): this history entry remembers what it showed.
  // The record is this package's own (`act` writes it); the check only skips another shape.
  const client = typeof window === 'object';
  const saved =
    client && !Object.keys(outcome.params).length && location.href.endsWith(href)
      ? (history.state as { rcf?: Saved } | null)?.rcf
      : undefined;
  const parts = saved?.[1];
  const entry = {
    outcome: parts ? createOutcome(saved![0], parts) : outcome,
    returnTo: safeReturnPath(parts ? saved![2] : flow?.returnTo),
    flow,
    done: !!parts,
  };
  // On a server every render reads afresh: a shared cache there would mix users' requests.
  if (client) entries.set(href, entry);
  return entry;
}

/**
 * Once per entry: 1. scrubs the address bar, 2. relays to the opener when this is a popup,
 * 3. or calls back. The entry's flags live outside React on purpose: they are per callback URL.
 */
function act(entry: Entry, href: string, options: UseCallbackOutcomeOptions) {
  entry.done = true;
  const { outcome, flow } = entry;
  // 1. Scrub the callback parameters (the app's own and the hash stay), remembering the
  // screen without the identifiers.
  const { provider, screen, code, messageKey: key, action, reconnected } = outcome;
  const adapter = typeof options.provider === 'object' ? options.provider : known(provider);
  const saved: Saved = [provider, { screen, code, key, action, reconnected }, entry.returnTo];
  history.replaceState(
    { ...(history.state as object), rcf: saved },
    '',
    removeCallbackParams(
      location.href,
      adapter?.params ?? Object.values(providers).flatMap((each) => each.params),
    ),
  );
  // 2. The landing page of a useConnect popup hands the raw query to the opener, which
  // parses it with its own state and calls its own callbacks: calling ours too would act
  // twice. The flow's provider id is the one the opener listens for (custom adapters too).
  // Without the opener's receipt (it reloaded or closed, or the stored flow was stale) the
  // result would be lost: then this page calls back itself.
  if (flow?.mode !== 'popup') return callBack(outcome, options);
  const message = { type: 'rcf:callback', provider: flow.provider, query: queryOf(href) } as const;
  relayCallback({ ...message, flow: flow.state }, (taken) => {
    if (!taken) return callBack(outcome, options);
    window.close();
    // `window.close()` is refused for a window a script did not open (or after COOP).
    setTimeout(() => {
      entry.closeHint = true;
      entry.notify?.();
    }, 400);
  });
}

/** The page that shows `entry` re-renders when its relay settles (outside React's flow). */
function subscribe(entry: Entry, notify: (() => void) | undefined) {
  entry.notify = notify;
}

// 3. The app's callbacks.
function callBack(outcome: ConnectOutcome, options: UseCallbackOutcomeOptions) {
  options.onOutcome?.(outcome);
  if (outcome.screen === 'success') options.onSuccess?.(outcome);
}

/**
 * Reads a callback in the first render (no loading state), then acts on it once per callback
 * URL (`act`).
 */
export function useCallbackOutcome(options: UseCallbackOutcomeOptions = {}): CallbackOutcome {
  const [initialHref] = useState(() => (typeof window === 'object' ? location.href : undefined));
  const href = options.url ?? initialHref;
  const entry = href === undefined ? undefined : (entries.get(href) ?? read(href, options));
  const [, rerender] = useReducer((count: number) => count + 1, 0);

  useEffect(() => {
    if (!entry) return;
    subscribe(entry, rerender);
    if (!entry.done) act(entry, href!, options);
    return () => subscribe(entry, undefined);
    // Once per callback URL, which `entry` stands for; the options are read at that moment.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [entry]);

  return { outcome: entry?.outcome, returnTo: entry?.returnTo, closeHint: !!entry?.closeHint };
}
